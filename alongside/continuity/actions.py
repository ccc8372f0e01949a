"""Every change to continuity data: permission from the person-record policy, audited, one transaction."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import EditConflict
from alongside.core.models import Alert
from alongside.partners.models import CARE_ROLES, Membership, Role
from alongside.people.access import decide, facts_for, record_access
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import Action, Category

from .models import ChangeRequest, Contact, ContinuityFacts
from .priority import Facts as PriorityFacts
from .priority import priority


@transaction.atomic
def record_contact(request, person: Person, *, kind: str, at, minutes: int, note: str, practitioner=None) -> Contact:
    """A contact with the person, by the user (or a colleague they name), recorded by the user."""
    decision = decide(request, person, Action.WRITE, Category.CARE)
    if not decision:
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
    record_access(request, person, "contact_recorded", decision, contact=contact.pk, kind=kind)
    return contact


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
        membership = Membership.objects.active().filter(user_id=named.user_id, role__in=list(CARE_ROLES)).first()
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
    leaders = Membership.objects.active().filter(team=team, role=Role.TEAM_LEADER).values_list("user_id", flat=True)
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


def leads(request, team_id) -> bool:
    return any(m.role == Role.TEAM_LEADER and m.team_id == team_id for m in request.memberships)


@transaction.atomic
def answer_change(request, change_id, *, changed: bool, answer: str, new_worker_id: int | None) -> ChangeRequest:
    change = ChangeRequest.objects.select_for_update().filter(pk=change_id, answered_at__isnull=True).first()
    if change is None or not leads(request, change.team_id):
        raise PermissionDenied
    person = change.person
    if changed:
        member = (
            Membership.objects.active().filter(team=change.team, user_id=new_worker_id).select_related("user").first()
        )
        if member is None:
            raise PermissionDenied
        current = CareRelationship.objects.active().filter(person=person, kind="named_worker")
        current.exclude(user_id=new_worker_id).update(ended_at=timezone.now(), ended_reason="Named worker changed")
        if not current.filter(user_id=new_worker_id).exists():
            CareRelationship.objects.create(person=person, kind="named_worker", user=member.user)
        change.new_worker = member.user
    change.outcome = ChangeRequest.Outcome.CHANGED if changed else ChangeRequest.Outcome.NOT_CHANGED
    change.answer, change.answered_at, change.answered_by = answer, timezone.now(), request.user
    change.save()
    Alert.objects.create(
        recipient=change.asked_by,
        text="Your request for a different named worker has been answered.",
        url=f"/people/{person.pk}/#continuity",
    )
    audit.record(
        request,
        "named_worker_change_answered",
        object_type="person",
        object_id=person.pk,
        person_id=person.pk,
        basis="team leader",
        detail={"change_request": change.pk, "changed": changed},
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
    if not decision:
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
