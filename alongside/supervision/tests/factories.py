"""Supervision as it is stored, for pages and figures (tests may import any app)."""

from datetime import time, timedelta

from django.utils import timezone

from alongside.partners.models import Membership
from alongside.supervision.models import ReflectiveSession, Supervisee, SupervisionSession


def long_in_team(*users, days: int = 200) -> None:
    """These users joined their teams long ago (a membership starts now by default: everyone would be new)."""
    Membership.objects.filter(user__in=users).update(started_at=timezone.now() - timedelta(days=days))


def supervision(team, supervisor, *supervisees, days_ago: int = 7, status: str = "happened") -> SupervisionSession:
    """A session `days_ago` days ago (negative: ahead), as recorded."""
    happened = status != "booked"
    found = SupervisionSession.objects.create(
        team=team,
        kind="one" if len(supervisees) == 1 else "group",
        supervisor=supervisor,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        starts_at=time(10, 0),
        minutes=60,
        status=status,
        why_not="Off sick" if status == "did_not_happen" else "",
        booked_by=supervisor,
        recorded_by=supervisor if happened else None,
        recorded_at=timezone.now() if happened else None,
    )
    Supervisee.objects.bulk_create([Supervisee(session=found, user=u) for u in supervisees])
    return found


def reflective_session(team, recorded_by, days_ago: int = 3) -> ReflectiveSession:
    return ReflectiveSession.objects.create(
        team=team,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        facilitator="Dr Ruth Adeyemi",
        themes="Feeling stuck when someone does not want our help",
        recorded_by=recorded_by,
    )
