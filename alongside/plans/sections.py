"""The person page's sections from plans: the crisis plan at the top when the person is in crisis, and the plan
section, with the plan as it stands, whose words each part is in, which of the other documents exist, and what this
user may do. To the person it speaks as "you"."""

from alongside.people.policy import Category

from . import document_queries, queries
from .actions import writer_for
from .document_actions import document_writer, may_flag
from .documents import CRISIS, KINDS


def plan(request, record) -> dict | None:
    if Category.STORY not in record.shown:
        return None
    story = record.story or {}
    documents = []
    if Category.CARE in record.shown:  # the other documents hold care detail (document_actions)
        written = document_queries.which_written(record.person)
        documents = [(kind, written.get(key)) for key, kind in KINDS.items()]
    return {
        "plan": queries.latest_plan(record.person),
        "what_matters": story.get("what_matters"),
        "own": record.facts.is_self,
        "name": record.person.given_name,
        "may_write": writer_for(record.facts) is not None,
        "documents": documents,
    }


def crisis(request, record) -> dict | None:
    """The joint crisis plan, first on the page, while the person is in crisis (a worker's flag, or a crisis another
    part of Alongside recorded lately). `Category.CARE`: a crisis and what to do in it are care detail, so this is
    for the person, their proxy and staff who may read their care, and never for a volunteer
    (people.policy.NEVER_FOR_VOLUNTEERS), whatever the person shares with volunteers."""
    if Category.CARE not in record.shown:
        return None
    person = record.person
    flag, known = document_queries.in_crisis(person)
    if flag is None and known is None:
        return None
    latest = document_queries.latest_document(person, CRISIS)
    kind = KINDS[CRISIS]
    found = {p.key: p for p in latest.parts.all()} if latest else {}
    own, name = record.facts.is_self, person.given_name
    return {
        "flag": flag,
        "known": known,
        "doc": latest,
        "kind": kind,
        "parts": [(part.heading(own, name), found.get(part.key)) for part in kind.parts],
        "contacts": list(latest.contacts.all()) if latest else [],
        "own": own,
        "name": name,
        "may_write": document_writer(record.facts) is not None,
        "may_flag": may_flag(record.facts),
    }
