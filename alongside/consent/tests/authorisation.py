"""Consent's rows of the authorisation matrix (tests/authorisation): every kind of user x every sharing-choices
page x every state of the person (the person record's own states and kinds of user, so the two cannot drift apart).

The sharing choices are the person's own (ADR 18): the person and a proxy they chose read them, make new ones and
withdraw them; what the person keeps from their proxies only the person withdraws. Staff who may read the
person's record read the choices too (so that they can honour them), and never make or withdraw one. OK is the
page shown; NO is refused, as 404 like a missing person.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.consent.tests.factories import ConsentFactory
from alongside.partners.roles import CARE_ROLES
from alongside.partners.tests.factories import OrganisationFactory
from alongside.people.tests.authorisation import MATRIX, USERS
from tests.authorisation.parts import THE_PERSONS_STATES

REFUSED = (404,)

ENDPOINTS = {
    "choices": {"url": "consent:choices", "args": ["{person.pk}"]},
    "new": {"url": "consent:new", "args": ["{person.pk}"]},
    "withdraw": {"url": "consent:withdraw", "args": ["{person.pk}", "{choice.pk}"]},
    "withdraw_proxies_choice": {"url": "consent:withdraw", "args": ["{person.pk}", "{proxies_choice.pk}"]},
}
# Choices that change nobody's access in any state: sharing their story with an organisation the user is not in,
# and with the people they chose to help them (who see it anyway).
MAKERS = {
    "choice": lambda world: ConsentFactory(
        person=world["person"], actor_kind="organisation", organisation=OrganisationFactory()
    ),
    "proxies_choice": lambda world: ConsentFactory(person=world["person"], actor_kind="proxies"),
}
OK, NO = True, False
NOTHING = dict.fromkeys(ENDPOINTS, NO)

# The states in which care staff read the person's record (as the person record's rows say).
STAFF_READ = {state for state, (staff, _volunteer) in MATRIX.items() if staff["view"]} - THE_PERSONS_STATES


def expected(state: str, user: str) -> dict[str, bool]:
    if state in THE_PERSONS_STATES:  # whatever the user's role
        return {"choices": OK, "new": OK, "withdraw": OK, "withdraw_proxies_choice": state == "their own record"}
    if user in CARE_ROLES and state in STAFF_READ:
        return NOTHING | {"choices": OK}
    return NOTHING


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [("person", state, user, expected(state, user)) for state in MATRIX for user in USERS]
