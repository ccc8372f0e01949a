"""The audit's rows of the authorisation matrix (tests/authorisation): every kind of user x every audit page x every
state of the person (the person record's own states and kinds of user).

Who has looked at a record is the person's to read, and their proxy's: nobody else's, not through a relationship,
consent or break-glass (ADR 9). "me" is the signed-in person's own log, so it is shown to anyone with a record of
their own. Searching the whole audit is for information governance reviewers alone, whoever the person is. OK is
the page shown; NO is refused: 404 like a missing person, or 403 where the user's role never reaches the page.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.partners.models import Role
from alongside.people.tests.authorisation import MATRIX, USERS
from tests.authorisation.parts import THE_PERSONS_STATES

REFUSED = (403, 404)

ENDPOINTS = {
    "me": {"url": "audit:me"},
    "person": {"url": "audit:person", "args": ["{person.pk}"]},
    "search": {"url": "audit:search"},
}


def expected(state: str, user: str) -> dict[str, bool]:
    return {
        "me": user == "person" or state == "their own record",
        "person": state in THE_PERSONS_STATES,
        "search": user == Role.IG_REVIEWER,
    }


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [("person", state, user, expected(state, user)) for state in MATRIX for user in USERS]
