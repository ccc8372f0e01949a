"""The sections of the person page that the record itself contributes. Each takes the record as read for this
user (alongside.people.record) and gives its template's context, or None when the user may not see it."""

from .policy import Action, Category, RelationshipKind
from .record import STORY_PARTS, PersonRecord


def about(request, record: PersonRecord) -> dict | None:
    return {} if record.shown & {Category.IDENTITY, Category.COMMUNICATION, Category.CONTACT} else None


def shared_with_volunteers(request, record: PersonRecord) -> dict | None:
    if Category.SHARED_WITH_VOLUNTEERS not in record.shown:
        return None
    if not record.person.shared_with_volunteers and record.basis == "self":
        return None
    return {}


def story_part(part: str):
    def context(request, record: PersonRecord) -> dict | None:
        if record.story is None:
            return None
        return {"part": part, "label": STORY_PARTS[part], "version": record.story.get(part)}

    return context


def people_around(request, record: PersonRecord) -> dict | None:
    if record.relationships is None and record.supporters is None:
        return None
    manageable = record.relationship_kinds_writable
    return {
        "relationships": record.relationships,
        "supporters": record.supporters,
        "manageable_kinds": manageable,
        "may_manage": bool(manageable) and record.relationships is not None,
    }


def timeline(request, record: PersonRecord) -> dict | None:
    if record.entries is None:
        return None
    return {
        "entries": record.entries,
        "may_ask_for_correction": record.may(Action.ASK, Category.CARE),
        "answers_corrections": Category.CARE in record.writable
        and RelationshipKind.NAMED_WORKER in record.facts.relationship_kinds,
    }
