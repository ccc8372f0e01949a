"""What the audit pages contribute: the audit search for information governance, and the person's own view of
who has looked at their record."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, NavigationItem
from alongside.partners.models import PERSON_ROLE, Role

CONTRIBUTIONS = Contributions(
    navigation=(
        NavigationItem(
            "Audit", 71, lambda request: reverse("audit:search"), lambda request: Role.IG_REVIEWER in request.roles
        ),
        NavigationItem(
            "Who has looked at my record",
            80,
            lambda request: reverse("audit:me"),
            lambda request: PERSON_ROLE in request.roles,
        ),
    ),
    authorisation=AuthorisationCoverage(endpoints=("audit:me", "audit:person", "audit:search")),
)
