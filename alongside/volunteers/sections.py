"""The person page's "A volunteer" section: who visits the person now, any request waiting, and a way to ask.

Shown to those who may read the person's care (staff who look after them), to the person and their proxy (in
"you" words on their own page), and to the single point of access, who may ask. A volunteer reading their
client's page, and anyone else, does not see it.
"""

from alongside.people.policy import Basis, Category

from . import matching_queries as queries
from .actions_matching import asked_as


def a_volunteer(request, record) -> dict | None:
    facts = record.facts
    how = asked_as(request, facts)
    sees = Category.CARE in record.shown or record.basis in (Basis.SELF, Basis.PROXY)
    if how is None and not sees:
        return None
    person = record.person
    return {
        "own": facts.is_self,
        "volunteers": queries.volunteers_of(person) if sees else [],
        "waiting": queries.waiting_for_person(person) if sees or how else [],
        "may_ask": how is not None,
    }
