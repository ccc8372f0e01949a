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


# What each part of the person's own account is for, said to whoever writes it next; and to the person.
STORY_PROMPTS = {
    "what_matters": (
        "What matters most to them: the people, places and things that make life worth living.",
        "What matters most to you: the people, places and things that make life worth living.",
    ),
    "my_story": (
        "Their life so far, as they tell it, so that nobody has to ask again.",
        "Your life so far, as you tell it, so that nobody has to ask you again.",
    ),
    "strengths": (
        "What they are good at, what they enjoy, and what has helped them through hard times before.",
        "What you are good at, what you enjoy, and what has helped you through hard times before.",
    ),
}


def story_part(part: str):
    def context(request, record: PersonRecord) -> dict | None:
        if record.story is None:
            return None
        theirs, yours = STORY_PROMPTS[part]
        return {
            "part": part,
            "label": STORY_PARTS[part],
            "version": record.story.get(part),
            "prompt": yours if record.basis == "self" else theirs,
        }

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
