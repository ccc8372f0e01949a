"""A team's week of appointments, read from the database and planned with `booking`.

The requests waiting for a slot whose window overlaps the week, and the team's free slots that week, become
`booking.Request`s and `booking.Slot`s: each request carries the person's named worker now and the continuity
priority kept from their recorded facts. `plan` gives the exact allocation and greedy first-available booking
side by side, and a fingerprint of the exact one, so that booking it later can tell whether anything changed.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from alongside.people.models import CareRelationship

from . import booking
from .models import AppointmentRequest, Slot


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_bounds(monday: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(monday, time.min, tzinfo=zone)
    return start, start + timedelta(days=7)


@dataclass
class Week:
    team_id: int
    monday: date
    requests: list[AppointmentRequest]
    slots: list[Slot]
    named_worker: dict[int, int]  # person id -> their named worker's user id, for people who have one
    priority: dict[int, int]  # person id -> continuity priority (0 when no facts are recorded)

    @property
    def problem(self) -> tuple[list[booking.Request], list[booking.Slot]]:
        requests = [
            booking.Request(
                request_id=str(r.pk),
                person_id=str(r.person_id),
                usual_practitioner_id=str(self.named_worker[r.person_id]) if r.person_id in self.named_worker else None,
                priority=self.priority.get(r.person_id, 0),
                earliest=timezone.localtime(r.earliest).replace(tzinfo=None),
                latest=timezone.localtime(r.latest).replace(tzinfo=None),
            )
            for r in self.requests
        ]
        slots = [
            booking.Slot(
                slot_id=str(s.pk),
                practitioner_id=str(s.practitioner_id),
                start=timezone.localtime(s.start).replace(tzinfo=None),
            )
            for s in self.slots
        ]
        return requests, slots


def read_week(team_id: int, monday: date, people=None) -> Week:
    """The team's waiting requests overlapping the week (of `people`, a queryset of those the user may see) and
    its free slots in the week. Four queries."""
    start, end = week_bounds(monday)
    requests = AppointmentRequest.objects.filter(
        team_id=team_id, slot__isnull=True, cancelled_at__isnull=True, earliest__lt=end, latest__gte=start
    )
    if people is not None:
        requests = requests.filter(person__in=people)
    requests = list(requests.select_related("person", "person__continuity_facts").order_by("latest", "earliest", "pk"))
    slots = list(
        Slot.objects.filter(team_id=team_id, start__gte=start, start__lt=end, request__isnull=True)
        .select_related("practitioner")
        .order_by("start", "practitioner__last_name", "pk")
    )
    person_ids = {r.person_id for r in requests}
    named = dict(
        CareRelationship.objects.active()
        .filter(kind="named_worker", person_id__in=person_ids)
        .values_list("person_id", "user_id")
    )
    priority = {
        r.person_id: r.person.continuity_facts.priority if hasattr(r.person, "continuity_facts") else 0
        for r in requests
    }
    return Week(team_id, monday, requests, slots, named, priority)


@dataclass(frozen=True)
class Plan:
    exact: booking.Allocation
    greedy: booking.Allocation
    fingerprint: str


def plan(week: Week) -> Plan:
    requests, slots = week.problem
    exact = booking.allocate(requests, slots)
    return Plan(exact, booking.greedy(requests, slots), fingerprint(exact))


def fingerprint(allocation: booking.Allocation) -> str:
    """Changes whenever the plan would book anything differently (or anything new waits or is free)."""
    text = ";".join(f"{request}={slot or ''}" for request, slot in sorted(allocation.slot_for.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def free_slots_of(practitioner_id: int, team_id: int, earliest: datetime, latest: datetime):
    """A practitioner's free slots with the team between two times, soonest first (for booking one directly)."""
    return (
        Slot.objects.filter(practitioner_id=practitioner_id, team_id=team_id, start__gte=earliest, start__lte=latest)
        .filter(Q(request__isnull=True))
        .order_by("start")
    )
