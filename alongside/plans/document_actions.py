"""Every change to the person's staying-well plan, joint crisis plan and advance statement of wishes, and to the
"In crisis now" flag: permission through the one access policy, audited, in one transaction. A save adds a
version; it never changes one.

Who reads them: these documents hold care detail (signs of crisis, treatment preferences, who to call), so they are
read as `Category.CARE`: by the person and their proxy, and by staff who may read the person's care; volunteers
never read care (people.policy.NEVER_FOR_VOLUNTEERS), whatever the person shares with them. Who writes them: as
the plan (`actions.writer_for`): staff who give care, and the person and their proxy their own parts from their
own login. The flag is a worker's judgement about the person's care (`Category.CARE` written): only staff who give
care set and end it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from alongside.core.forms import EditConflict
from alongside.people.access import facts_for, record_access
from alongside.people.models import Person
from alongside.people.policy import Action, Category
from alongside.people.policy import decide as decide_by_rules

from . import document_queries as queries
from .actions import STAFF, writer_for
from .documents import KINDS, DocumentAnswers, document_whose_words
from .models import CrisisFlag, DocumentContact, DocumentPart, DocumentVersion


def document_writer(facts) -> str | None:
    """Whose words this user writes into the person's documents, or None: they may not (they must also be let read
    them)."""
    if not decide_by_rules(facts, Action.READ, Category.CARE):
        return None
    return writer_for(facts)


def may_flag(facts) -> bool:
    """Staff who give the person care may say they are in crisis now, and end it."""
    return bool(decide_by_rules(facts, Action.WRITE, Category.CARE))


@transaction.atomic
def save_document(
    request, person: Person, kind: str, answers: DocumentAnswers, based_on: int, staff_words: str = STAFF
) -> DocumentVersion:
    """Add a version of one of the person's documents. `based_on` is the version the writer started from (0: none
    yet); a newer one raises EditConflict with it. Staff say whose words the parts they changed are."""
    what = KINDS[kind]
    facts = facts_for(request, person)
    writer = document_writer(facts)
    decision = decide_by_rules(facts, Action.WRITE, Category.STORY)
    if writer is None or not decision:
        raise PermissionDenied
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one writer at a time per person
    latest_number = queries.latest_number(person, kind)
    latest = queries.latest_document(person, kind) if latest_number else None
    if latest_number != based_on:
        raise EditConflict(latest)
    keys = [part.key for part in what.parts]
    now = DocumentAnswers(
        {key: answers.parts.get(key, "").strip() for key in keys},
        answers.contacts if what.contacts else (),
        answers.reason,
    )
    words, contacts = document_whose_words(queries.as_answers(latest), now, staff_words if writer == STAFF else writer)
    version = DocumentVersion.objects.create(
        person=person,
        kind=kind,
        number=latest_number + 1,
        reason=answers.reason,
        written_by=request.user,
        written_as=writer,
    )
    DocumentPart.objects.bulk_create(
        DocumentPart(version=version, person=person, key=key, text=now.parts[key], words=words[key])
        for key in keys
        if now.parts[key]
    )
    DocumentContact.objects.bulk_create(
        DocumentContact(
            version=version, person=person, position=n, name=c.name, phone=c.phone, about=c.about, words=c.words
        )
        for n, c in enumerate(contacts, start=1)
    )
    record_access(request, person, what.written, decision, version=version.number)
    return version


@transaction.atomic
def set_crisis(request, person: Person, reason: str) -> CrisisFlag:
    """Say the person is in crisis now. Setting it again while it is set keeps the one already set."""
    facts = facts_for(request, person)
    decision = decide_by_rules(facts, Action.WRITE, Category.CARE)
    if not decision:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError("Say why")
    Person.objects.select_for_update().filter(pk=person.pk).first()
    flag = queries.open_flag(person)
    if flag is None:
        flag = CrisisFlag.objects.create(person=person, reason=reason.strip(), started_by=request.user)
        record_access(request, person, "crisis_flag_set", decision, flag=flag.pk)
    return flag


@transaction.atomic
def end_crisis(request, person: Person, reason: str) -> CrisisFlag | None:
    """End the crisis flag a worker set. Ending one already ended changes nothing."""
    facts = facts_for(request, person)
    decision = decide_by_rules(facts, Action.WRITE, Category.CARE)
    if not decision:
        raise PermissionDenied
    Person.objects.select_for_update().filter(pk=person.pk).first()
    flag = queries.open_flag(person)
    if flag is None:
        return None
    flag.ended_at, flag.ended_by, flag.end_reason = timezone.now(), request.user, reason.strip()
    flag.save(update_fields=["ended_at", "ended_by", "end_reason"])
    record_access(request, person, "crisis_flag_ended", decision, flag=flag.pk)
    return flag
