"""The home-page panel for information governance reviewers: break-glass uses awaiting review, the audit
search, and their unread alerts."""

from alongside.partners.models import Role
from alongside.partners.panels import unread_alerts

from .reviews import for_reviewer


def governance(request) -> dict | None:
    if Role.IG_REVIEWER not in request.roles:
        return None
    return {
        "awaiting_review": for_reviewer(request).filter(reviewed_at__isnull=True).count(),
        "alerts": unread_alerts(request.user) if request.memberships else [],
    }
