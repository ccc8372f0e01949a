"""The person page's outcomes section and the person's own home panel: the latest of each questionnaire, what can
be filled in, and the way to the trend page. Care information: for those who may read the person's care record (the
person always sees their own; volunteers never)."""

from django.core.exceptions import ObjectDoesNotExist

from alongside.partners.models import PERSON_ROLE
from alongside.people.access import facts_for, record_access
from alongside.people.policy import Category

from . import flow, links, queries, trends
from .actions import completer_for, owner_for


def outcomes(request, record) -> dict | None:
    if Category.CARE not in record.shown:
        return None
    latest = queries.latest(record.person)
    known = queries.shipped()
    rows = [
        {"short": trends.short_name(i), "title": i.title, "last": latest[code], "words": trends.latest(i, latest[code])}
        for code, i in known.items()
        if code in latest
    ]
    return {
        "own": record.facts.is_self,
        "name": record.person.given_name,
        "rows": rows,
        "may_fill": any(completer_for(record.facts, i) for i in known.values()),
        "may_send": links.sender_for(record.facts) is not None,
    }


def questionnaires(request) -> dict | None:
    """For the person signed in to their own record: what they can fill in, what they have started, when they last
    did each. Five queries."""
    if PERSON_ROLE not in request.roles:
        return None
    try:
        person = request.user.person
    except ObjectDoesNotExist:
        return None
    facts = facts_for(request, person)
    offered = [(i, found) for i in queries.shipped().values() if (found := completer_for(facts, i))]
    if not offered:
        return None
    how, decision = offered[0][1]
    started = queries.drafts(person, owner_for(request, how))
    latest = queries.latest(person)
    record_access(request, person, "outcome_questionnaires_shown", decision)
    return {
        "person": person,
        "rows": [
            {
                "instrument": i,
                "short": trends.short_name(i),
                "draft": started.get(i.code),
                "last": latest.get(i.code),
                "resume": resume(person, i, started.get(i.code)),
            }
            for i, _ in offered
        ],
    }


def resume(person, instrument, draft) -> int:
    """The question to carry on from: the first unanswered one of a draft, else the first."""
    if draft is None:
        return 1
    goals = queries.goals(person) if instrument.items_per_person else []
    return flow.resume_at(instrument, draft.answers, goals)
