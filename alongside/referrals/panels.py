"""The home-page panel referrals contributes: for the single point of access, how many referrals wait for a
decision, and how many of them are overdue."""

from django.utils import timezone

from alongside.partners.roles import is_triage

from .summary import daily_summary


def waiting(request) -> dict | None:
    return {"waiting": daily_summary(timezone.now())} if is_triage(request) else None
