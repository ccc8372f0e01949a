"""Who may use break-glass: staff who give care. Administrators and IG reviewers do not, and nor do volunteers."""

from alongside.partners.models import CARE_ROLES

__all__ = ["CARE_ROLES"]
