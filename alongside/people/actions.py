"""Every change to a person's record: permission checked by the access policy, audited, one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from alongside.core.forms import save_if_unchanged

from .access import decide, record_access
from .models import CareRelationship, Entry, Person, StoryVersion, Supporter
from .policy import Action, Category, RelationshipKind


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
def add_entry(request, person: Person, kind: str, text: str, restricted: bool) -> Entry:
    decision = _require(request, person, Category.CARE)
    entry = Entry.objects.create(person=person, kind=kind, text=text, restricted=restricted, author=request.user)
    record_access(request, person, "entry_added", decision, entry=entry.pk, restricted=restricted)
    return entry


@transaction.atomic
def amend_entry(request, original: Entry, text: str, reason: str) -> Entry:
    """A correction is a new entry that amends the original; the original stays, and stays readable."""
    person = original.person
    decision = _require(request, person, Category.CARE)
    if original.restricted and not decide(request, person, Action.READ, Category.RESTRICTED):
        raise PermissionDenied
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
    before = {field: str(getattr(person, field) or "") for field in DETAIL_FIELDS}
    for field in DETAIL_FIELDS:
        setattr(person, field, data[field])
    save_if_unchanged(person, version, DETAIL_FIELDS)
    changed = {f: before[f] for f in DETAIL_FIELDS if before[f] != str(getattr(person, f) or "")}
    record_access(request, person, "details_updated", decision, previous=changed)
    return person


@transaction.atomic
def add_relationship(request, person: Person, kind: str, user=None, team=None) -> CareRelationship:
    """Someone takes a part in the person's care. Their access starts on their next request."""
    category = Category.CONSENT if kind == RelationshipKind.PROXY else Category.CARE
    decision = _require(request, person, category)
    relationship = CareRelationship.objects.create(person=person, kind=kind, user=user, team=team)
    record_access(request, person, "relationship_started", decision, kind=kind, holder=relationship.holder)
    return relationship


@transaction.atomic
def end_relationship(request, relationship: CareRelationship, reason: str) -> CareRelationship:
    """End a part in the person's care now. Access that came from it stops on the holder's next request."""
    relationship = CareRelationship.objects.select_for_update().get(pk=relationship.pk)
    category = Category.CONSENT if relationship.kind == RelationshipKind.PROXY else Category.CARE
    decision = _require(request, relationship.person, category)
    if relationship.ended_at is None:
        relationship.ended_at = timezone.now()
        relationship.ended_reason = reason
        relationship.save(update_fields=["ended_at", "ended_reason"])
        record_access(
            request, relationship.person, "relationship_ended", decision, kind=relationship.kind, reason=reason
        )
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
