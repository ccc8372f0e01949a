"""The home-page panel for information governance reviewers: break-glass uses awaiting review, the audit
search, and their unread alerts."""

from django.utils import timezone

from alongside.partners.models import Role
from alongside.partners.panels import unread_alerts

from . import overdue
from .reviews import for_reviewer, review_days


def governance(request) -> dict | None:
    if Role.IG_REVIEWER not in request.roles:
        return None
    started = for_reviewer(request).filter(reviewed_at__isnull=True).values_list("started_at", flat=True)
    today, days = timezone.localdate(), review_days()
    starts = [timezone.localdate(at) for at in started]
    return {
        "awaiting_review": len(starts),
        "overdue": sum(1 for day in starts if overdue.is_overdue(day, today, days)),
        "alerts": unread_alerts(request.user) if request.memberships else [],
    }
