"""What the continuity pages for contacts, named-worker changes and priority facts read (`views`).

Each function returns plain values or model instances already read. The audit of who was listed is written here,
beside the read it records.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from alongside.core.numbers import whole_number
from alongside.core.registry import ContactTakenPart
from alongside.partners.models import Membership
from alongside.partners.roles import (
    NAMED_WORKER_ROLES,
    care_staff_in,
    caring_team_ids,
    led_team_ids,
    possible_named_workers,
)
from alongside.people.access import record_list_access, visible_people
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import Basis, Category, RelationshipKind

from . import pressing
from .models import AppointmentRequest, ChangeRequest, Contact, ContinuityFacts
from .priority import HIGH, MEDIUM, RECENT_CRISIS


def colleagues(request) -> list[tuple[int, str]]:
    """The user first, then the care staff in their teams: who can have had the contact."""
    team_ids = caring_team_ids(request)
    others = (
        care_staff_in(team_ids)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
    seen, found = {request.user.pk}, [(request.user.pk, f"Me ({request.user.display_name})")]
    for m in others:
        if m.user_id not in seen:
            seen.add(m.user_id)
            found.append((m.user_id, m.user.display_name))
    return found


def user(pk: int):
    return get_user_model().objects.get(pk=pk)


def change_requests(request) -> tuple[list[ChangeRequest], list[ChangeRequest]]:
    """Requests for a different named worker in the teams the user leads, of people the user may see, that the
    user did not make as the current worker: those waiting, soonest due, and the last 20 answered. Each person
    listed is audited."""
    led = led_team_ids(request)
    visible = visible_people(request)
    waiting = list(
        ChangeRequest.objects.filter(team_id__in=led, answered_at__isnull=True, person__in=visible)
        .exclude(current_worker=request.user)
        .select_related("person", "team")
        .order_by("answer_due")
    )
    answered = list(
        ChangeRequest.objects.filter(team_id__in=led, answered_at__isnull=False, person__in=visible)
        .exclude(current_worker=request.user)
        .select_related("person", "team", "new_worker")
        .order_by("-answered_at")[:20]
    )
    record_list_access(
        request, [c.person for c in waiting + answered], "named_worker_changes_listed", Basis.RELATIONSHIP
    )
    return waiting, answered


def change_to_answer(request, change_id) -> ChangeRequest | None:
    """A waiting request for a different named worker that the user did not make as the current worker."""
    return (
        ChangeRequest.objects.filter(pk=change_id, answered_at__isnull=True)
        .exclude(current_worker=request.user)
        .select_related("person", "team", "current_worker")
        .first()
    )


def other_workers(change: ChangeRequest) -> list[tuple[int, str]]:
    """Who in the team could be the person's named worker instead of the current one, by first name."""
    return [
        (m.user_id, m.user.display_name)
        for m in possible_named_workers(change.team)
        .exclude(user_id=change.current_worker_id)
        .select_related("user")
        .order_by("user__first_name")
    ]


def facts_record(person) -> ContinuityFacts | None:
    return ContinuityFacts.objects.filter(person=person).first()


# --- the home pages ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadRow:
    """One person on a named worker's caseload, with what makes them pressing, in words."""

    person: Person
    level: str  # High, Medium, Low
    last_contact: Contact | None
    since: str
    why: pressing.Why


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def my_caseload(request):
    """The people the user is named worker for now, whose care the user may read."""
    return Person.objects.filter(
        pk__in=CareRelationship.objects.active()
        .filter(user=request.user, kind=RelationshipKind.NAMED_WORKER)
        .values("person_id")
    ).filter(pk__in=visible_people(request, Category.CARE))


def caseload_count(request) -> int:
    return my_caseload(request).count()


def caseload(request, limit: int, offset: int = 0, what: str = "caseload_listed") -> list[CaseloadRow]:
    """A slice of the user's caseload, most pressing first (the order of `pressing.sort_key`, written in SQL),
    each with their last contact: three queries however big the caseload, and one audit row for each person
    shown."""
    today = timezone.localdate()
    last_at = Contact.objects.filter(person=OuterRef("pk")).order_by("-at").values("at")[:1]
    unseen = Q(last_on__isnull=True) | Q(last_on__lt=today - pressing.NOT_SEEN_AFTER)
    high = Q(score__gte=HIGH)
    people = list(
        my_caseload(request)
        .annotate(
            last_on=TruncDate(Subquery(last_at), tzinfo=timezone.get_current_timezone()),
            score=Coalesce("continuity_facts__priority", 0),
            tier=Case(
                When(unseen & high, then=Value(0)),
                When(unseen, then=Value(1)),
                When(high, then=Value(2)),
                default=Value(3),
            ),
        )
        .order_by("tier", F("last_on").asc(nulls_first=True), "-score", "family_name", "given_name", "pk")[
            offset : offset + limit
        ]
    )
    last = {
        c.person_id: c
        for c in Contact.objects.filter(person__in=[p.pk for p in people])
        .order_by("person_id", "-at")
        .distinct("person_id")
        .select_related("practitioner")
    }
    record_list_access(request, people, what, Basis.RELATIONSHIP)
    return [
        CaseloadRow(
            person=p,
            level="High" if p.score >= HIGH else "Medium" if p.score >= MEDIUM else "Low",
            last_contact=last.get(p.pk),
            since=pressing.since(p.last_on, today),
            why=pressing.why(p.score, p.last_on, today),
        )
        for p in people
    ]


def appointments_to_come(request, days: int = 7, limit: int = 50) -> list[AppointmentRequest]:
    """The user's booked appointments from the start of today for `days`, with people they may see, each marked
    `named_worker_now` when the user is the person's named worker today (whoever it was at booking). One query."""
    start = _start_of(timezone.localdate())
    mine_now = CareRelationship.objects.active().filter(
        person=OuterRef("person_id"), user=request.user, kind=RelationshipKind.NAMED_WORKER
    )
    booked = AppointmentRequest.objects.filter(
        slot__practitioner=request.user,
        slot__start__gte=start,
        slot__start__lt=start + timedelta(days=days),
        cancelled_at__isnull=True,
        person__in=visible_people(request),
    ).annotate(named_worker_now=Exists(mine_now))
    return list(booked.select_related("person", "slot").order_by("slot__start")[:limit])


@dataclass(frozen=True)
class WorkerLoad:
    """A member of a team the user leads who may be a named worker: how many people they are named worker for,
    against how many they can be."""

    name: str
    team: str
    role: str
    caseload: int
    capacity: int

    @property
    def over_by(self) -> int:
        return max(self.caseload - self.capacity, 0)

    @property
    def room(self) -> int:
        return max(self.capacity - self.caseload, 0)

    @property
    def state(self) -> str:
        """In words, so that it does not rest on colour: over, at, near (90% or more) or within capacity."""
        if self.caseload > self.capacity:
            return "over"
        if self.caseload == self.capacity:
            return "full"
        if self.caseload * 10 >= self.capacity * 9:
            return "near"
        return "room"


def caseloads_in_led_teams(request) -> list[WorkerLoad]:
    """Each member of the teams the user leads who may be a named worker, with their caseload (named worker for,
    in any team) and their capacity in that team: by team, the fullest first. Two queries, however big the teams."""
    members = list(
        Membership.objects.active()
        .filter(team_id__in=led_team_ids(request), role__in=NAMED_WORKER_ROLES)
        .select_related("user", "team")
        .order_by("team__name", "user__last_name", "user__first_name", "pk")
    )
    counts = dict(
        CareRelationship.objects.active()
        .filter(user_id__in={m.user_id for m in members}, kind=RelationshipKind.NAMED_WORKER)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    loads = [
        WorkerLoad(
            name=m.user.display_name,
            team=m.team.name,
            role=m.get_role_display(),
            caseload=counts.get(m.user_id, 0),
            capacity=m.caseload_capacity or settings.USUAL_CASELOAD_CAPACITY,
        )
        for m in members
    ]
    return sorted(loads, key=lambda w: (w.team, -(w.caseload / max(w.capacity, 1)), w.name))


def change_requests_waiting(request) -> tuple[int, int]:
    """How many requests for a different named worker wait for the user's answer (as on the requests page), and
    how many of them are past the time they should be answered by. One query; no person is shown."""
    counts = (
        ChangeRequest.objects.filter(
            team_id__in=led_team_ids(request), answered_at__isnull=True, person__in=visible_people(request)
        )
        .exclude(current_worker=request.user)
        .aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(answer_due__lt=timezone.now())))
    )
    return counts["waiting"], counts["overdue"]


# --- the person's own home page ---------------------------------------------------------------------------------


def next_appointment(person) -> AppointmentRequest | None:
    """The person's next booked appointment from now, with who they will see."""
    return (
        person.appointment_requests.filter(cancelled_at__isnull=True, slot__start__gte=timezone.now())
        .select_related("slot__practitioner")
        .order_by("slot__start")
        .first()
    )


def named_worker_of(person):
    """The person's named worker now, or None."""
    named = (
        CareRelationship.objects.active()
        .filter(person=person, kind=RelationshipKind.NAMED_WORKER)
        .select_related("user")
        .first()
    )
    return named.user if named else None


def change_requests_about(person, limit: int = 5) -> list[ChangeRequest]:
    """The person's requests for a different named worker, the newest first, with the new worker if changed."""
    asked = person.named_worker_requests.select_related("new_worker", "asked_by")
    return list(asked.order_by("-asked_at", "-pk")[:limit])


def recent_crisis(person_id: int) -> date | None:
    """The day of the person's last crisis recorded in their continuity facts, if it was recent (priority.py's
    RECENT_CRISIS), else None. For the registry's `crisis_known`: the caller has already been let read the person."""
    day = ContinuityFacts.objects.filter(person_id=person_id).values_list("last_crisis_on", flat=True).first()
    if day and timezone.localdate() - day <= RECENT_CRISIS:
        return day
    return None


def contact_taken_part(request, ref: str) -> ContactTakenPart | None:
    """The contact ("contact:12") when this user had it or recorded it, for the registry's `contact_taken_part`:
    what follows a contact (a moment of reflection) is for those who took part in it, and no one else."""
    kind, _, typed = ref.partition(":")
    pk = whole_number(typed, high=2**31 - 1)
    if kind != "contact" or pk is None:
        return None
    mine = Q(practitioner=request.user) | Q(recorded_by=request.user)
    found = Contact.objects.filter(mine, pk=pk).values("person_id", "at", "kind", "team_id").first()
    if found is None:
        return None
    words = Contact.Kind(found["kind"]).label if found["kind"] in Contact.Kind.values else "Contact"
    return ContactTakenPart(found["person_id"], found["at"], str(words), found["team_id"])
