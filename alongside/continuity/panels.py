"""The home-page panel continuity contributes: for staff, the people they are named worker for and their
appointments in the next 7 days. Each list of people is a read of each of them, audited."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from alongside.partners.models import Role
from alongside.partners.roles import NAMED_WORKER_ROLES
from alongside.people.access import Acting, acting, record_list_access, visible_people
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import Basis, RelationshipKind

from .models import AppointmentRequest

CASELOAD_SHOWN = 25


def caseload(request) -> dict | None:
    if acting(request) != Acting.STAFF:
        return None
    mine = Person.objects.filter(
        pk__in=CareRelationship.objects.active()
        .filter(user=request.user, kind=RelationshipKind.NAMED_WORKER)
        .values("person_id")
    ).order_by("family_name", "given_name", "pk")
    shown = list(mine[:CASELOAD_SHOWN])
    record_list_access(request, shown, "caseload_listed", Basis.RELATIONSHIP)
    appointments = appointments_to_come(request)
    record_list_access(request, [a.person for a in appointments], "appointments_listed", Basis.RELATIONSHIP)
    return {
        "caseload": shown,
        "caseload_count": mine.count() if len(shown) == CASELOAD_SHOWN else len(shown),
        "appointments": appointments,
        "may_set_aside": bool(request.roles & (set(NAMED_WORKER_ROLES) | {Role.TEAM_LEADER})),
    }


def appointments_to_come(request) -> list[AppointmentRequest]:
    """The user's booked appointments from today for a week, with people they may see. One query."""
    start = datetime.combine(timezone.localdate(), time.min, tzinfo=timezone.get_current_timezone())
    booked = AppointmentRequest.objects.filter(
        slot__practitioner=request.user,
        slot__start__gte=start,
        slot__start__lt=start + timedelta(days=7),
        cancelled_at__isnull=True,
        person__in=visible_people(request),
    )
    return list(booked.select_related("person", "slot").order_by("slot__start")[:CASELOAD_SHOWN])
