"""Every change to continuity data: permission from the person-record policy, audited, one transaction."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import EditConflict
from alongside.core.models import Alert
from alongside.partners import roles
from alongside.partners.roles import gives_care, possible_named_workers
from alongside.partners.roles import in_care_team as in_team
from alongside.partners.roles import leads_team as leads
from alongside.people.access import Read, decide, facts_for, record, record_access, record_each
from alongside.people.actions import add_entry, replace_named_worker
from alongside.people.models import CareRelationship, Entry, Person
from alongside.people.policy import Action, Basis, Category

from .contact_words import timeline_text
from .models import AppointmentRequest, ChangeRequest, Contact, ContinuityFacts, Slot
from .priority import Facts as PriorityFacts
from .priority import priority


@transaction.atomic
def record_contact(request, person: Person, *, kind: str, at, minutes: int, note: str, practitioner=None) -> Contact:
    """A contact with the person, by the user (or a colleague they name), recorded by the user, and on the
    person's timeline at the contact's time, with its note."""
    decision = decide(request, person, Action.WRITE, Category.CARE)
    if not decision or not gives_care(request):
        raise PermissionDenied
    teams = [m.team for m in request.memberships]
    contact = Contact.objects.create(
        person=person,
        practitioner=practitioner or request.user,
        team=teams[0] if teams else None,
        kind=kind,
        at=at,
        minutes=minutes,
        note=note,
        recorded_by=request.user,
    )
    colleague = contact.practitioner_id != request.user.pk
    words = timeline_text(kind, minutes, note, contact.practitioner.display_name if colleague else "")
    entry = add_entry(request, person, Entry.Kind.CONTACT, words, restricted=False, at=at)
    record_access(request, person, "contact_recorded", decision, contact=contact.pk, kind=kind, entry=entry.pk)
    return contact


def record_contact_from_elsewhere(request, person_id: int, kind: str, at, minutes: int, note: str) -> str:
    """A contact recorded from another capability (registry `contact_recorders`): "contact:12". PermissionDenied
    when there is no such person or the user may not write their care."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise PermissionDenied
    return f"contact:{record_contact(request, person, kind=kind, at=at, minutes=minutes, note=note).pk}"


class CannotAsk(Exception):
    """A request for a different named worker cannot be made now; the message says why, kindly."""


def may_ask_for_change(facts) -> bool:
    """The person, their proxy, and anyone with a relationship to them may ask; break-glass and consent may not."""
    return bool(facts.is_self or facts.relationship_kinds)


def deciding_team(person):
    """The team that answers: the one whose caseload the person is on, else the named worker's team."""
    held = CareRelationship.objects.active().filter(person=person, kind="team_caseload").select_related("team")
    first = held.order_by("started_at").first()
    if first:
        return first.team
    named = CareRelationship.objects.active().filter(person=person, kind="named_worker").first()
    if named:
        membership = roles.care_membership_of(named.user_id)
        return membership.team if membership else None
    return None


@transaction.atomic
def ask_for_change(request, person: Person, reason: str) -> ChangeRequest:
    facts = facts_for(request, person)
    if not may_ask_for_change(facts):
        raise PermissionDenied
    team = deciding_team(person)
    if team is None:
        raise CannotAsk(
            "No team looks after them yet, so there is no team leader to ask. Contact the single point of access."
        )
    if ChangeRequest.objects.select_for_update().filter(person=person, answered_at__isnull=True).exists():
        raise CannotAsk("A request for a different named worker is already waiting for an answer.")
    current = CareRelationship.objects.active().filter(person=person, kind="named_worker").first()
    asked_as = "person" if facts.is_self else ("proxy" if "proxy" in facts.relationship_kinds else "staff")
    now = timezone.now()
    change = ChangeRequest.objects.create(
        person=person,
        current_worker_id=current.user_id if current else None,
        team=team,
        asked_by=request.user,
        asked_as=asked_as,
        reason=reason,
        asked_at=now,
        answer_due=now + timedelta(days=settings.NAMED_WORKER_CHANGE_DAYS),
    )
    leaders = roles.team_leader_ids(team)
    Alert.objects.bulk_create(
        Alert(
            recipient_id=leader,
            text=f"A request for a different named worker is waiting for your answer, by {change.answer_due:%-d %B}.",
            url=f"/continuity/named-worker-requests/{change.pk}/",
        )
        for leader in set(leaders)
        if leader != (current.user_id if current else None)  # never shown to the worker it is about
    )
    record_access(
        request,
        person,
        "named_worker_change_asked",
        decide(request, person, Action.READ, Category.NAME),
        change_request=change.pk,
    )
    return change


def switch_named_worker(request, person: Person, team, new_worker_id):
    """The team leader makes a member of `team` the person's named worker, ending the current one's part with the
    plain words "Named worker changed" (never why). Returns the new named worker. Call inside a transaction."""
    member = possible_named_workers(team).filter(user_id=new_worker_id).select_related("user").first()
    if member is None:
        raise PermissionDenied
    replace_named_worker(request, person, member.user, "Named worker changed", basis=Basis.TEAM_LEADER)
    return member.user


@transaction.atomic
def review_named_worker(request, person: Person, *, new_worker_id: int, reason: str):
    """The team leader, reviewing continuity, gives the person a different named worker from their team."""
    team = deciding_team(person)
    if team is None or not leads(request, team.pk):
        raise PermissionDenied
    worker = switch_named_worker(request, person, team, new_worker_id)
    record(request, "named_worker_reviewed", person.pk, Basis.TEAM_LEADER, new_worker=worker.pk, reason=reason)
    return worker


@transaction.atomic
def answer_change(request, change_id, *, changed: bool, answer: str, new_worker_id: int | None) -> ChangeRequest:
    change = ChangeRequest.objects.select_for_update().filter(pk=change_id, answered_at__isnull=True).first()
    if change is None or not leads(request, change.team_id):
        raise PermissionDenied
    person = change.person
    if changed:
        change.new_worker = switch_named_worker(request, person, change.team, new_worker_id)
    change.outcome = ChangeRequest.Outcome.CHANGED if changed else ChangeRequest.Outcome.NOT_CHANGED
    change.answer, change.answered_at, change.answered_by = answer, timezone.now(), request.user
    change.save()
    Alert.objects.create(
        recipient=change.asked_by,
        text="Your request for a different named worker has been answered.",
        url=f"/people/{person.pk}/#continuity",
    )
    record(
        request, "named_worker_change_answered", person.pk, Basis.TEAM_LEADER, change_request=change.pk, changed=changed
    )
    return change


FACT_FIELDS = [
    "frailty",
    "long_term_condition",
    "incurable_illness",
    "lives_alone",
    "wants_continuity",
    "last_crisis_on",
    "adjustment",
    "adjustment_note",
]


def facts_of(record: ContinuityFacts | None) -> PriorityFacts:
    if record is None:
        return PriorityFacts()
    return PriorityFacts(**{name: getattr(record, name) for name in FACT_FIELDS})


@transaction.atomic
def save_facts(request, person: Person, values: dict, version: int) -> ContinuityFacts:
    """Record the facts behind the person's continuity priority; a stale form is refused as a conflict."""
    decision = decide(request, person, Action.WRITE, Category.CARE)
    if not decision or not gives_care(request):
        raise PermissionDenied
    record, made = ContinuityFacts.objects.select_for_update().get_or_create(
        person=person, defaults={"updated_by": request.user, "version": 0}
    )
    if record.version != version:
        raise EditConflict(record)
    for name in FACT_FIELDS:
        setattr(record, name, values[name])
    record.priority = priority(facts_of(record), timezone.localdate()).score
    record.updated_by, record.version = request.user, record.version + 1
    record.save()
    record_access(request, person, "continuity_facts_saved", decision, priority=record.priority)
    return record


# --- booking ------------------------------------------------------------------------------------------------------


class CannotBook(Exception):
    """A booking cannot be made as asked; the message says why and what to do, kindly."""


class PlanChanged(Exception):
    """Something was booked, freed or asked for since the week was planned. `plan` is the plan as it now stands."""

    def __init__(self, plan):
        super().__init__("The week changed since it was planned.")
        self.plan = plan


MAX_SLOT_MINUTES = 240  # as the slot_minutes_sane constraint allows


def _named_worker_id(person: Person) -> int | None:
    named = CareRelationship.objects.active().filter(person=person, kind="named_worker").first()
    return named.user_id if named else None


@transaction.atomic
def request_appointment(
    request, person: Person, *, team, earliest, latest, what_for: str, slot_id: int | None = None
) -> AppointmentRequest:
    """Ask for the person to be seen by the user's team between two times; with `slot_id`, book that slot now."""
    decision = decide(request, person, Action.WRITE, Category.CARE)
    if not decision or not in_team(request, team.pk):
        raise PermissionDenied
    appointment = AppointmentRequest.objects.create(
        person=person, team=team, earliest=earliest, latest=latest, what_for=what_for, asked_by=request.user
    )
    if slot_id is not None:
        slot = Slot.objects.select_for_update().filter(pk=slot_id, team=team).select_related("practitioner").first()
        if slot is None or AppointmentRequest.objects.filter(slot=slot).exists():
            raise CannotBook(
                "That time has just been booked for someone else. Choose another time, or leave it for the week's plan."
            )
        if not earliest <= slot.start <= latest:
            raise CannotBook("That time is outside the dates you gave. Choose a time between them.")
        if slot.start < timezone.now():
            raise CannotBook("That time has already passed. Choose a later time, or leave it for the week's plan.")
        named = _named_worker_id(person) == slot.practitioner_id
        appointment.slot, appointment.booked_at, appointment.booked_by = slot, timezone.now(), request.user
        appointment.with_named_worker = named
        appointment.booking_reason = (
            f"Booked directly with {'their named worker, ' if named else ''}{slot.practitioner.display_name}"
        )
        appointment.save()
    record_access(
        request, person, "appointment_requested", decision, appointment=appointment.pk, booked=slot_id is not None
    )
    return appointment


@transaction.atomic
def add_session(request, team, *, practitioner_id: int, first_start, count: int, minutes: int, kind: str) -> list[Slot]:
    """Set aside `count` back-to-back slots of `minutes` for a practitioner of the team, from `first_start`.

    The team's leader may add them for anyone in the team; a practitioner may add their own."""
    member = possible_named_workers(team).filter(user_id=practitioner_id).select_related("user").first()
    own = practitioner_id == request.user.pk and in_team(request, team.pk)
    if member is None or not (leads(request, team.pk) or own):
        raise PermissionDenied
    # One session at a time per practitioner: a second one waits here, then sees the first one's slots.
    list(type(member.user).objects.select_for_update().filter(pk=practitioner_id).values_list("pk"))
    starts = [first_start + timedelta(minutes=minutes * n) for n in range(count)]
    end = starts[-1] + timedelta(minutes=minutes)
    nearby = Slot.objects.filter(
        practitioner_id=practitioner_id, start__lt=end, start__gt=first_start - timedelta(minutes=MAX_SLOT_MINUTES)
    ).order_by("start")
    clash = next((s for s in nearby if s.start + timedelta(minutes=s.minutes) > first_start), None)
    if clash:
        raise CannotBook(
            f"{member.user.display_name} already has a slot at {timezone.localtime(clash.start):%H:%M on %-d %B}. "
            "Start the session after it, or make it shorter."
        )
    slots = Slot.objects.bulk_create(
        Slot(team=team, practitioner_id=practitioner_id, start=s, minutes=minutes, kind=kind, created_by=request.user)
        for s in starts
    )
    audit.record(
        request,
        "slots_added",
        object_type="team",
        object_id=team.pk,
        detail={"practitioner": practitioner_id, "first": first_start.isoformat(), "count": count},
    )
    return slots


@transaction.atomic
def book_week(request, team_id: int, monday, fingerprint: str):
    """Book the week's plan as it was shown. If anything changed since (a request, a slot, a booking), nothing is
    booked and PlanChanged carries the new plan to show. Returns the plan that was booked."""
    from alongside.people.access import visible_people

    from . import week as weeks

    if not leads(request, team_id):
        raise PermissionDenied
    start, end = weeks.week_bounds(monday)
    # Lock the week's slots and waiting requests: a direct booking or a second planner waits for this one.
    list(Slot.objects.select_for_update().filter(team_id=team_id, start__gte=start, start__lt=end).values_list("pk"))
    list(
        AppointmentRequest.objects.select_for_update()
        .filter(team_id=team_id, slot__isnull=True, cancelled_at__isnull=True, earliest__lt=end, latest__gte=start)
        .values_list("pk")
    )
    week = weeks.read_week(team_id, monday, visible_people(request))
    plan = weeks.plan(week)
    if plan.fingerprint != fingerprint:
        raise PlanChanged(plan)
    slots = {str(s.pk): s for s in week.slots}
    now, booked = timezone.now(), []
    for appointment in week.requests:
        slot_id = plan.exact.slot_for[str(appointment.pk)]
        if slot_id is None:
            continue
        slot = slots[slot_id]
        appointment.slot, appointment.booked_at, appointment.booked_by = slot, now, request.user
        appointment.with_named_worker = week.named_worker.get(appointment.person_id) == slot.practitioner_id
        appointment.booking_reason = plan.exact.reasons[str(appointment.pk)][:300]
        booked.append(appointment)
    AppointmentRequest.objects.bulk_update(
        booked, ["slot", "booked_at", "booked_by", "with_named_worker", "booking_reason"]
    )
    reads = [
        Read(a.person_id, Basis.TEAM_LEADER, {"slot": a.slot_id, "named_worker": a.with_named_worker}, a.pk)
        for a in booked
    ]
    record_each(request, "appointment_booked", reads, "appointment_request")
    return plan


@transaction.atomic
def cancel_appointment(request, appointment_id: int) -> AppointmentRequest:
    """Cancel a request (and free its slot, if booked): by whoever may write to the person's care in that team."""
    appointment = AppointmentRequest.objects.select_for_update().filter(pk=appointment_id).first()
    if appointment is None or appointment.cancelled_at is not None:
        raise PermissionDenied
    decision = decide(request, appointment.person, Action.WRITE, Category.CARE)
    if not decision or not in_team(request, appointment.team_id):
        raise PermissionDenied
    freed = appointment.slot_id
    appointment.cancelled_at, appointment.slot = timezone.now(), None
    appointment.save(update_fields=["cancelled_at", "slot"])
    record_access(
        request, appointment.person, "appointment_cancelled", decision, appointment=appointment.pk, slot=freed
    )
    return appointment


# --- asking a named worker to add a session (issue 12) ------------------------------------------------------------


@transaction.atomic
def ask_for_session(request, appointment_id: int, *, url: str) -> AppointmentRequest:
    """The team's leader asks the named worker of someone still waiting for an appointment to add a session: an
    alert for the worker, pointing to `url` (where they add it), and an audit event. Asking again changes nothing
    (the first time is kept). Refused (PermissionDenied) unless the user leads the request's team, the request is
    still waiting, and the person has a named worker."""
    appointment = (
        AppointmentRequest.objects.select_for_update()
        .filter(pk=appointment_id, slot__isnull=True, cancelled_at__isnull=True)
        .select_related("person")
        .first()
    )
    if appointment is None or not leads(request, appointment.team_id):
        raise PermissionDenied
    decision = decide(request, appointment.person, Action.WRITE, Category.CARE)
    worker_id = _named_worker_id(appointment.person)
    if not decision or worker_id is None:
        raise PermissionDenied
    if appointment.session_asked_at is not None:
        return appointment
    appointment.session_asked_at = timezone.now()
    appointment.save(update_fields=["session_asked_at"])
    first = timezone.localtime(appointment.earliest)
    last = timezone.localtime(appointment.latest)
    # No name or reason in the alert's words: alerts may also go out by email. The worker sees who from the week.
    text = (
        f"{request.user.display_name} asks you to add a session between {first:%a %-d %b} and {last:%a %-d %b}: "
        "someone whose named worker you are is waiting for an appointment, and none of your free times fits."
    )
    Alert.objects.create(recipient_id=worker_id, text=text[:300], url=url)
    record_access(
        request, appointment.person, "session_asked", decision, appointment=appointment.pk, named_worker=worker_id
    )
    return appointment


# --- the best times to visit (issue 12) ---------------------------------------------------------------------------


@transaction.atomic
def save_visit_times(request, person: Person, *, days: list[int], parts: list[str], words: str, version: int):
    """Record when is best to visit or see the person: theirs to say from their own login (or their proxy's), and
    staff's who may write how best to communicate with them to record with them. A stale form is refused as a
    conflict (EditConflict with the record as it now is)."""
    from .models import VisitTimes

    decision = decide(request, person, Action.WRITE, Category.COMMUNICATION)
    if not decision:
        raise PermissionDenied
    record, _ = VisitTimes.objects.select_for_update().get_or_create(
        person=person, defaults={"updated_by": request.user, "version": 0}
    )
    if record.version != version:
        raise EditConflict(record)
    record.days, record.parts, record.words = (
        sorted(set(days)),
        [p for p in ("morning", "afternoon", "evening") if p in parts],
        words,
    )
    record.updated_by, record.version = request.user, record.version + 1
    record.save()
    record_access(request, person, "visit_times_saved", decision, days=record.days, parts=record.parts)
    return record
