"""A team's week of appointments, read from the database and planned with `alongside.core.allocation`.

The requests waiting for a slot whose window overlaps the week, and the team's free slots that week (from now on),
become `allocation.Request`s and `allocation.Slot`s: each request carries the person's named worker now and the
continuity priority kept from their recorded facts. Practitioners go into the allocation by name, so that its
reasons read "with their named worker, Sam Patel, Tue 24 Nov 09:20". `plan` gives the exact allocation and
greedy first-available booking side by side, and a fingerprint of the exact one, so that booking it later can
tell whether anything changed.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from alongside.core import allocation
from alongside.people.models import CareRelationship

from . import visit_times
from .models import AppointmentRequest, Slot
from .preferences import preferred_of_people
from .priority import HIGH


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_bounds(monday: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(monday, time.min, tzinfo=zone)
    return start, start + timedelta(days=7)


def local(moment: datetime) -> datetime:
    """A stored time as the clock on the wall reads it here, without its zone (what the allocation compares)."""
    return timezone.localtime(moment).replace(tzinfo=None)


def when(moment: datetime) -> str:
    """A stored time as people read it: 'Tue 24 Nov 09:20'."""
    return allocation.when(local(moment))


NO_PREFERENCE = visit_times.Preferred()


@dataclass
class Week:
    team_id: int
    monday: date
    requests: list[AppointmentRequest]
    slots: list[Slot]
    named_worker: dict[int, int]  # person id -> their named worker's user id, for people who have one
    priority: dict[int, int]  # person id -> continuity priority (0 when no facts are recorded)
    names: dict[int, str]  # user id -> how the plan names them (practitioners with slots, and named workers)
    preferred: dict[int, visit_times.Preferred]  # person id -> the best times to see them, for those who said

    @property
    def problem(self) -> tuple[list[allocation.Request], list[allocation.Slot]]:
        requests = [
            allocation.Request(
                request_id=str(r.pk),
                person_id=str(r.person_id),
                usual_practitioner_id=self.names[self.named_worker[r.person_id]]
                if r.person_id in self.named_worker
                else None,
                priority=self.priority.get(r.person_id, 0),
                earliest=local(r.earliest),
                latest=local(r.latest),
                preferred=visit_times.ranges(self.preferred.get(r.person_id, NO_PREFERENCE), self.monday),
            )
            for r in self.requests
        ]
        slots = [
            allocation.Slot(slot_id=str(s.pk), practitioner_id=self.names[s.practitioner_id], start=local(s.start))
            for s in self.slots
        ]
        return requests, slots


def read_week(team_id: int, monday: date, people=None, now: datetime | None = None) -> Week:
    """The team's waiting requests overlapping the week (of `people`, a queryset of those the user may see) and
    its free slots in the week that have not started yet, with the best times to see each person. Four queries."""
    start, end = week_bounds(monday)
    now = now or timezone.now()
    requests = AppointmentRequest.objects.filter(
        team_id=team_id, slot__isnull=True, cancelled_at__isnull=True, earliest__lt=end, latest__gte=start
    )
    if people is not None:
        requests = requests.filter(person__in=people)
    requests = list(requests.select_related("person", "person__continuity_facts").order_by("latest", "earliest", "pk"))
    slots = list(
        Slot.objects.filter(team_id=team_id, start__gte=max(start, now), start__lt=end, request__isnull=True)
        .select_related("practitioner")
        .order_by("start", "practitioner__last_name", "pk")
    )
    person_ids = {r.person_id for r in requests}
    named_rows = list(
        CareRelationship.objects.active()
        .filter(kind="named_worker", person_id__in=person_ids)
        .order_by("started_at", "pk")
        .values_list("person_id", "user_id", "user__first_name", "user__last_name", "user__username")
    )
    named = {person_id: user_id for person_id, user_id, *_ in named_rows}
    people_names = {s.practitioner_id: (s.practitioner.display_name, s.practitioner.username) for s in slots}
    for _, user_id, first, last, username in named_rows:
        people_names[user_id] = (f"{first} {last}".strip() or username, username)
    priority = {
        r.person_id: r.person.continuity_facts.priority if hasattr(r.person, "continuity_facts") else 0
        for r in requests
    }
    preferred = preferred_of_people(person_ids) if person_ids else {}
    return Week(team_id, monday, requests, slots, named, priority, distinct_names(people_names), preferred)


def distinct_names(people: dict[int, tuple[str, str]]) -> dict[int, str]:
    """Each user's name, with their username added when two share a name (the allocation tells people apart by
    these)."""
    counts = Counter(name for name, _ in people.values())
    return {
        user_id: name if counts[name] == 1 else f"{name} ({username})" for user_id, (name, username) in people.items()
    }


@dataclass(frozen=True)
class Plan:
    exact: allocation.Allocation
    greedy: allocation.Allocation
    fingerprint: str


def plan(week: Week) -> Plan:
    requests, slots = week.problem
    exact = allocation.allocate(requests, slots)
    return Plan(exact, allocation.greedy(requests, slots), fingerprint(exact))


def fingerprint(allocation: allocation.Allocation) -> str:
    """Changes whenever the plan would book anything differently, or would give a different reason for it: a new
    or cancelled request, a slot taken or freed that the plan uses or mentions, a different named worker."""
    text = "\n".join(
        f"{request}={allocation.slot_for[request] or ''}:{allocation.reasons[request]}"
        for request in sorted(allocation.slot_for)
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def booked_in_week(team_id: int, monday: date, people=None) -> list[AppointmentRequest]:
    """The team's appointments booked into slots this week (of `people`, if given), soonest first. One query."""
    start, end = week_bounds(monday)
    booked = AppointmentRequest.objects.filter(
        team_id=team_id, cancelled_at__isnull=True, slot__start__gte=start, slot__start__lt=end
    )
    if people is not None:
        booked = booked.filter(person__in=people)
    return list(booked.select_related("person", "slot__practitioner").order_by("slot__start", "pk"))


def free_slots_of(practitioner_id: int, team_id: int, earliest: datetime, latest: datetime, now=None):
    """A practitioner's free slots with the team between two times that have not started yet, soonest first (for
    booking one directly)."""
    return Slot.objects.filter(
        practitioner_id=practitioner_id,
        team_id=team_id,
        start__gte=max(earliest, now or timezone.now()),
        start__lte=latest,
        request__isnull=True,
    ).order_by("start")


@dataclass(frozen=True)
class Outcome:
    """What an allocation gives the people waiting, for comparing the plan with first-available allocation."""

    served: int
    with_named_worker: int
    named_worker_priority: Decimal
    high_priority: int  # people waiting whose continuity priority is high
    high_with_named_worker: int  # of them, booked with their named worker
    at_preferred_time: int  # booked at a time the person said suits them
    stated_times: int  # people waiting who said which times suit them


def outcome(week: Week, allocation: allocation.Allocation) -> Outcome:
    practitioner = {str(s.pk): s.practitioner_id for s in week.slots}
    high = [r for r in week.requests if week.priority.get(r.person_id, 0) >= HIGH]
    high_named = sum(
        1
        for r in high
        if r.person_id in week.named_worker
        and practitioner.get(allocation.slot_for.get(str(r.pk)) or "") == week.named_worker[r.person_id]
    )
    return Outcome(
        served=allocation.served,
        with_named_worker=allocation.with_named_worker,
        named_worker_priority=allocation.named_worker_priority,
        high_priority=len(high),
        high_with_named_worker=high_named,
        at_preferred_time=allocation.at_preferred_time,
        stated_times=sum(1 for r in week.requests if week.preferred.get(r.person_id, NO_PREFERENCE).stated),
    )
