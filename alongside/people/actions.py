"""Every change to a person's record: permission checked by the access policy, audited, one transaction.

It is also the one writer of care relationships (`start_relationship`, `end_relationships`), for every app.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from alongside.core.forms import save_if_unchanged
from alongside.core.models import Alert

from .access import decide, record, record_access
from .models import CareRelationship, CorrectionRequest, Entry, Person, StoryVersion, Supporter
from .policy import Action, Basis, Category, RelationshipKind

# How long the people caring for someone have to answer a request for a correction: a month, as the right to
# rectification expects (UK GDPR article 12(3)), counted here as 30 days.
CORRECTION_ANSWER_DAYS = 30


class StoryConflict(Exception):
    """Someone saved a newer version of this part of the story after this edit began."""

    def __init__(self, latest: StoryVersion):
        super().__init__("The story changed since this edit began.")
        self.latest = latest


def _require(request, person: Person, category: Category):
    decision = decide(request, person, Action.WRITE, category)
    if not decision:
        raise PermissionDenied
    return decision


@transaction.atomic
def add_story_version(request, person: Person, part: str, text: str, reason: str, with_person: bool, based_on: int):
    """Add a version of "my story" or "what matters to me". `based_on` is the version the writer started from."""
    decision = _require(request, person, Category.STORY)
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one writer at a time per person
    latest_number = person.story_versions.filter(part=part).aggregate(n=Max("number"))["n"] or 0
    if latest_number != based_on:
        raise StoryConflict(person.story_versions.get(part=part, number=latest_number))
    version = StoryVersion.objects.create(
        person=person,
        part=part,
        number=latest_number + 1,
        text=text,
        reason=reason,
        written_with_person=with_person,
        written_by=request.user,
    )
    record_access(request, person, "story_written", decision, part=part, version=version.number)
    return version


@transaction.atomic
def add_entry(request, person: Person, kind: str, text: str, restricted: bool, at=None) -> Entry:
    """Staff add to the timeline, dated now or when what it records happened (`at`, such as a contact's time).
    The person's own notes are added by `add_own_note`."""
    if kind == Entry.Kind.OWN_NOTE:
        raise PermissionDenied
    decision = _require(request, person, Category.CARE)
    entry = Entry.objects.create(
        person=person, kind=kind, text=text, restricted=restricted, author=request.user, at=at or timezone.now()
    )
    record_access(request, person, "entry_added", decision, entry=entry.pk, restricted=restricted)
    return entry


@transaction.atomic
def add_own_note(request, person: Person, text: str) -> Entry:
    """The person, or their proxy, adds a note to their timeline in their own words."""
    decision = _require(request, person, Category.OWN_NOTES)
    entry = Entry.objects.create(person=person, kind=Entry.Kind.OWN_NOTE, text=text, author=request.user)
    record_access(request, person, "own_note_added", decision, entry=entry.pk)
    return entry


def entry_category(entry: Entry) -> Category:
    """Whose words an entry is: the person's own notes, or what staff wrote about their care."""
    return Category.OWN_NOTES if entry.kind == Entry.Kind.OWN_NOTE else Category.CARE


@transaction.atomic
def amend_entry(request, original: Entry, text: str, reason: str) -> Entry:
    """A correction is a new entry that amends the original; the original stays, and stays readable.

    Staff correct what staff wrote; the person and their proxy correct their own notes. An entry with no author
    (what a community service answered, through its link) was written by no one in Alongside, so no one corrects it.
    """
    person = original.person
    decision = _require(request, person, entry_category(original))
    if original.author_id is None:
        raise PermissionDenied
    if original.restricted and not decide(request, person, Action.READ, Category.RESTRICTED):
        raise PermissionDenied
    return _amend(request, original, text, reason, decision)


def _amend(request, original: Entry, text: str, reason: str, decision) -> Entry:
    person = original.person
    amendment = Entry.objects.create(
        person=person,
        kind=original.kind,
        text=text,
        restricted=original.restricted,
        author=request.user,
        at=timezone.now(),
        amends=original,
        amend_reason=reason,
    )
    record_access(request, person, "entry_amended", decision, entry=original.pk, amendment=amendment.pk)
    return amendment


DETAIL_FIELDS = [
    "given_name",
    "family_name",
    "preferred_name",
    "birth_date",
    "nhs_number",
    "address_line",
    "town",
    "postcode",
    "phone",
    "communication_needs",
]


@transaction.atomic
def update_details(request, person: Person, data: dict, version: int) -> Person:
    """Identity and contact details. A stale save raises EditConflict; the earlier values go in the audit."""
    decision = _require(request, person, Category.IDENTITY)
    _require(request, person, Category.CONTACT)
    _require(request, person, Category.COMMUNICATION)
    before = {field: str(getattr(person, field) or "") for field in DETAIL_FIELDS}
    for field in DETAIL_FIELDS:
        setattr(person, field, data[field])
    save_if_unchanged(person, version, DETAIL_FIELDS)
    changed = {f: before[f] for f in DETAIL_FIELDS if before[f] != str(getattr(person, f) or "")}
    record_access(request, person, "details_updated", decision, previous=changed)
    return person


# --- care relationships: the one writer -------------------------------------------------------------------------
# Every relationship with a person (named worker, care team, team caseload, volunteer, proxy, and the kinds to come)
# is started and ended here, with one audit shape: "relationship_started" and "relationship_ended", each with the
# kind and the holder, the reason when it ends, and what it came from (`because`, such as the referral). Callers
# check their own permission first (the access policy below for the record's page; triage and team leaders in
# their capabilities) and pass the basis they decided on.


@transaction.atomic
def start_relationship(request, person: Person, kind: str, *, basis: Basis, user=None, team=None, **because):
    """Someone (a user, or a team for a caseload) takes a part in the person's care, now."""
    relationship = CareRelationship.objects.create(person=person, kind=kind, user=user, team=team)
    record(request, "relationship_started", person.pk, basis, kind=kind, holder=relationship.holder, **because)
    return relationship


@transaction.atomic
def end_relationships(request, relationships, reason: str, *, basis: Basis, **because) -> list[CareRelationship]:
    """End these parts in people's care now, with the reason; those already ended stay as they were."""
    ids = [r.pk for r in relationships]
    now, ended = timezone.now(), []
    for relationship in CareRelationship.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        if relationship.ended_at is None or relationship.ended_at > now:
            relationship.ended_at, relationship.ended_reason = now, reason
            relationship.save(update_fields=["ended_at", "ended_reason"])
            record(
                request,
                "relationship_ended",
                relationship.person_id,
                basis,
                kind=relationship.kind,
                holder=relationship.holder,
                reason=reason,
                **because,
            )
            ended.append(relationship)
    return ended


@transaction.atomic
def replace_named_worker(request, person: Person, worker, reason: str, *, basis: Basis, **because) -> bool:
    """Make `worker` the person's named worker: any other current named worker's part ends with `reason`.
    Returns whether anything changed."""
    current = list(CareRelationship.objects.active().filter(person=person, kind=RelationshipKind.NAMED_WORKER))
    ended = end_relationships(request, [r for r in current if r.user_id != worker.pk], reason, basis=basis, **because)
    if any(r.user_id == worker.pk for r in current):
        return bool(ended)
    start_relationship(request, person, RelationshipKind.NAMED_WORKER, basis=basis, user=worker, **because)
    return True


@transaction.atomic
def add_relationship(request, person: Person, kind: str, user=None, team=None) -> CareRelationship:
    """Someone takes a part in the person's care, from the record's page. Their access starts on their next request."""
    category = Category.CONSENT if kind == RelationshipKind.PROXY else Category.CARE
    decision = _require(request, person, category)
    return start_relationship(request, person, kind, basis=decision.basis, user=user, team=team)


@transaction.atomic
def end_relationship(request, relationship: CareRelationship, reason: str) -> CareRelationship:
    """End a part in the person's care now. Access that came from it stops on the holder's next request."""
    relationship = CareRelationship.objects.select_for_update().get(pk=relationship.pk)
    category = Category.CONSENT if relationship.kind == RelationshipKind.PROXY else Category.CARE
    decision = _require(request, relationship.person, category)
    if relationship.ended_at is None:
        end_relationships(request, [relationship], reason, basis=decision.basis)
        relationship.refresh_from_db()
    return relationship


@transaction.atomic
def add_supporter(request, person: Person, data: dict) -> Supporter:
    decision = _require(request, person, Category.KEY_CONTACTS)
    supporter = Supporter.objects.create(
        person=person,
        name=data["name"],
        relationship=data["relationship"],
        phone=data["phone"],
        is_carer=data["is_carer"],
        started_on=timezone.localdate(),
    )
    record_access(request, person, "supporter_added", decision, supporter=supporter.pk)
    return supporter


@transaction.atomic
def end_supporter(request, supporter: Supporter) -> Supporter:
    decision = _require(request, supporter.person, Category.KEY_CONTACTS)
    if supporter.ended_on is None:
        supporter.ended_on = timezone.localdate()
        supporter.save(update_fields=["ended_on"])
        record_access(request, supporter.person, "supporter_ended", decision, supporter=supporter.pk)
    return supporter


@transaction.atomic
def update_shared_with_volunteers(request, person: Person, text: str) -> Person:
    decision = _require(request, person, Category.SHARED_WITH_VOLUNTEERS)
    previous = person.shared_with_volunteers
    Person.objects.filter(pk=person.pk).update(shared_with_volunteers=text)
    person.shared_with_volunteers = text
    record_access(request, person, "shared_with_volunteers_updated", decision, previous=previous)
    return person


@transaction.atomic
def update_communication_needs(request, person: Person, text: str, version: int) -> Person:
    """How best to communicate with the person: theirs to say. A stale save raises EditConflict."""
    decision = _require(request, person, Category.COMMUNICATION)
    previous = person.communication_needs
    person.communication_needs = text
    save_if_unchanged(person, version, ["communication_needs"])
    record_access(request, person, "communication_needs_updated", decision, previous=previous)
    return person


# ----------------------------------------------------------------------------------- asking for a correction


class AlreadyAnswered(Exception):
    """Someone answered this request while the answer was being written."""


def may_answer(request, correction: CorrectionRequest) -> bool:
    """The entry's author, or the person's named worker now, answers: each while they may write the person's care."""
    named = CareRelationship.objects.active().filter(
        person_id=correction.person_id, kind=RelationshipKind.NAMED_WORKER, user=request.user
    )
    answers = correction.entry.author_id == request.user.id or named.exists()
    return answers and bool(decide(request, correction.person, Action.WRITE, Category.CARE))


@transaction.atomic
def ask_for_correction(request, entry: Entry, what_is_wrong: str, what_it_should_say: str) -> CorrectionRequest:
    """The person, or their proxy, asks for a staff entry to be corrected. Its author and the named worker hear."""
    person = entry.person
    decision = decide(request, person, Action.ASK, Category.CARE)
    if not decision or entry_category(entry) != Category.CARE or entry.amends_id or entry.restricted:
        raise PermissionDenied
    now = timezone.now()
    correction = CorrectionRequest.objects.create(
        person=person,
        entry=entry,
        what_is_wrong=what_is_wrong,
        what_it_should_say=what_it_should_say,
        asked_by=request.user,
        asked_at=now,
        answer_due=timezone.localdate(now) + timedelta(days=CORRECTION_ANSWER_DAYS),
    )
    record_access(request, person, "correction_asked", decision, entry=entry.pk, correction=correction.pk)
    named = CareRelationship.objects.active().filter(person=person, kind=RelationshipKind.NAMED_WORKER)
    answerers = {entry.author_id, *named.values_list("user_id", flat=True)} - {None, request.user.id}
    url = _answer_url(correction)
    # No name in the alert: whoever opens it is checked by the access policy like anyone else.
    text = (
        f"Someone asked for a correction to an entry of {timezone.localtime(entry.at):%-d %B %Y}. "
        f"Please answer by {correction.answer_due:%-d %B %Y}."
    )
    Alert.objects.bulk_create(Alert(recipient_id=user_id, text=text[:300], url=url) for user_id in sorted(answerers))
    return correction


def _answer_url(correction: CorrectionRequest) -> str:
    return reverse("people:answer_correction", args=[correction.person_id, correction.pk])


@transaction.atomic
def answer_correction(request, correction: CorrectionRequest, corrected_text: str, answer: str) -> CorrectionRequest:
    """Correct the entry (an amendment; the original stays) or keep it with the reason. Answered once."""
    correction = CorrectionRequest.objects.select_for_update().select_related("entry", "person").get(pk=correction.pk)
    if not may_answer(request, correction):
        raise PermissionDenied
    if correction.outcome != CorrectionRequest.Outcome.WAITING:
        raise AlreadyAnswered
    decision = decide(request, correction.person, Action.WRITE, Category.CARE)
    if corrected_text:
        reason = f"Corrected at the person's request: {answer}" if answer else "Corrected at the person's request"
        correction.amendment = _amend(request, correction.entry, corrected_text, reason[:200], decision)
        correction.outcome = CorrectionRequest.Outcome.CORRECTED
    else:
        correction.outcome = CorrectionRequest.Outcome.KEPT
    correction.answer = answer
    correction.answered_by = request.user
    correction.answered_at = timezone.now()
    correction.save(update_fields=["amendment", "outcome", "answer", "answered_by", "answered_at"])
    Alert.objects.filter(url=_answer_url(correction), read_at__isnull=True).update(read_at=correction.answered_at)
    record_access(
        request,
        correction.person,
        "correction_answered",
        decision,
        correction=correction.pk,
        outcome=correction.outcome,
    )
    return correction
