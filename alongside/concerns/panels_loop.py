"""The volunteer's home-page panel "What happened to your concerns": answers not yet replied to first (the good
news), then concerns still being looked at, then answers already replied to. A fixed number of queries, however
many concerns; each person named is a read of their record, audited."""

from django.utils.text import capfirst

from alongside.partners.models import Role
from alongside.people.access import Read, names_for_visitor, record_each
from alongside.people.policy import Basis, RelationshipKind

from . import loop_queries

SHOWN = 5  # of each kind


def volunteer_concerns(request) -> dict | None:
    if Role.VOLUNTEER not in request.roles:
        return None
    concerns = loop_queries.raised_by(request)
    facts = loop_queries.facts_about(request, concerns)
    # Only while they still visit the person (the one permission rule: loop_queries.standing).
    visiting = [c for c in concerns if RelationshipKind.VOLUNTEER in facts[c.person_id].relationship_kinds]
    if not visiting:
        return None
    news = [c for c in visiting if c.status == "closed" and not c.replied][:SHOWN]
    earlier = [c for c in visiting if c.status == "closed" and c.replied][:SHOWN]
    if not news and not earlier:
        return None
    shown = [*news, *earlier]  # those still open are listed by the raising part, under its button
    by_person = names_for_visitor(request, [c.person for c in shown])
    names = {c.pk: capfirst(by_person[c.person_id]) for c in shown}
    record_each(
        request,
        "volunteer_concerns_listed",
        [Read(c.person_id, Basis.RELATIONSHIP, object_id=c.pk) for c in shown],
        object_type="concern",
    )
    return {"news": news, "earlier": earlier, "names": names}
