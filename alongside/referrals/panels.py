"""The home-page panels referrals contributes: for the single point of access, how many referrals wait for a
decision, and how many of them are overdue; for a coordinator, what is waiting for them: the referrals passed to
their service that wait for its answer, and the news of the referrals they made."""

from django.utils import timezone

from alongside.partners.models import Role
from alongside.partners.roles import is_triage

from . import queries
from .summary import daily_summary


def waiting(request) -> dict | None:
    return {"waiting": daily_summary(timezone.now())} if is_triage(request) else None


def for_coordinator(request) -> dict | None:
    if Role.COORDINATOR not in request.roles:
        return None
    return queries.coordinator_home(request)
