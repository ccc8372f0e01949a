"""The continuity authorisation matrix: every role x every continuity page about a person x every person state.

The person states are the person-record matrix's own (`alongside.people.tests.test_authorisation.build`), so the
two matrices cannot drift apart. OK is the page shown (200); NO is refused, as 404 like a missing person, or 403
where the user's role never reaches the page. A second table covers the team pages, which show no one person.
"""

import pytest
from django.urls import reverse

from alongside.core.tests.factories import PersonFactory, TeamFactory, UserFactory
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.people.tests.test_authorisation import MATRIX as PERSON_STATES
from alongside.people.tests.test_authorisation import build

pytestmark = pytest.mark.django_db

ROLES = [r.value for r in Role] + ["person"]
ENDPOINTS = ["contact", "facts", "measures", "appointment", "ask", "review"]
URLS = {
    "contact": "continuity:new_contact",
    "facts": "continuity:edit_facts",
    "measures": "continuity:person_measures",
    "appointment": "continuity:new_appointment",
    "ask": "continuity:ask_for_change",
    "review": "continuity:review_named_worker",
}
OK, NO = True, False

# state -> what care staff may do, in ENDPOINTS order. "review" is for the leader of the team that decides
# (the team holding the caseload, else the named worker's team), so it is filled in per role below.
STAFF = {
    "named worker": [OK, OK, OK, OK, OK, None],
    "own team caseload": [OK, OK, OK, OK, OK, None],
    "care team member": [OK, OK, OK, OK, OK, NO],
    "other team caseload": [NO] * 6,
    "other organisation": [NO] * 6,
    "relationship ended": [NO] * 6,
    "consent withdrawn": [NO] * 6,
    # consent and break-glass let staff read the person's care, not add to it or ask for them
    "consent permits my organisation": [NO, NO, OK, NO, NO, NO],
    "break-glass active": [NO, NO, OK, NO, NO, NO],
    "break-glass expired": [NO] * 6,
    "volunteer allocated": [NO] * 6,
    "volunteer allocation ended": [NO] * 6,
    "volunteers denied by consent": [NO] * 6,
    # whatever their role, the person and their proxy read their continuity and ask, never record
    "their own record": [NO, NO, OK, NO, OK, NO],
    "proxy chosen by the person": [NO, NO, OK, NO, OK, NO],
}
THE_PERSONS_STATES = {"their own record", "proxy chosen by the person"}
# A volunteer sees only the minimal view; while allocated they have a relationship, so they may ask for a change.
VOLUNTEER = {state: [NO] * 6 for state in STAFF} | {"volunteer allocated": [NO, NO, NO, NO, OK, NO]}
LEADS_THE_DECIDING_TEAM = {"named worker", "own team caseload"}

assert set(STAFF) == set(PERSON_STATES), "the continuity matrix covers every person state"


def expected(state: str, role: str) -> list[bool]:
    if state in THE_PERSONS_STATES:
        return STAFF[state]
    if role == "volunteer":
        return VOLUNTEER[state]
    if role not in CARE_ROLES:
        return [NO] * 6
    row = STAFF[state]
    review = role == Role.TEAM_LEADER and state in LEADS_THE_DECIDING_TEAM
    return [review if allowed is None else allowed for allowed in row]


def cases():
    for state in STAFF:
        for role in ROLES:
            yield pytest.param(state, role, expected(state, role), id=f"{state}-{role}")


@pytest.mark.parametrize(("state", "role", "wanted"), list(cases()))
def test_continuity_authorisation_matrix(state, role, wanted, member, client):
    team = TeamFactory()
    if role == "person":
        user = UserFactory()
        PersonFactory(user=user)
    else:
        user = member(role, team=team)
    client.force_login(user)
    person = build(state, user, team)
    got = {}
    for endpoint in ENDPOINTS:
        status = client.get(reverse(URLS[endpoint], args=[person.pk])).status_code
        assert status in (200, 403, 404), (endpoint, status)
        got[endpoint] = status == 200
    assert got == dict(zip(ENDPOINTS, wanted, strict=True))


def test_the_person_may_see_their_measures_and_ask_but_not_record_for_themselves(client):
    user = UserFactory()
    me = PersonFactory(user=user)
    client.force_login(user)
    got = {e: client.get(reverse(URLS[e], args=[me.pk])).status_code == 200 for e in ENDPOINTS}
    # they may ask (their own request); with no team caring for them the page says whom to contact instead
    assert got == {
        "contact": NO,
        "facts": NO,
        "measures": OK,  # their own continuity, as their page shows it
        "appointment": NO,
        "ask": OK,
        "review": NO,
    }


# --- the team pages: they show no one person; who may open them at all ----------------------------------------

TEAM_PAGES = ["dashboard", "booking", "change_requests", "new_session"]
TEAM_URLS = {
    "dashboard": "continuity:dashboard",
    "booking": "continuity:booking",
    "change_requests": "continuity:change_requests",
    "new_session": "continuity:new_session",
}
LEADER_ONLY = [OK, OK, OK, OK]
CARE_STAFF = [NO, NO, NO, OK]  # a practitioner may set aside slots of their own


def team_expected(role: str) -> list[bool]:
    if role == Role.TEAM_LEADER:
        return LEADER_ONLY
    if role in CARE_ROLES and role not in (Role.SPA_TRIAGE,):
        return CARE_STAFF
    return [NO] * 4


@pytest.mark.parametrize("role", ROLES)
def test_team_pages_by_role(role, member, client):
    team = TeamFactory()
    if role == "person":
        user = UserFactory()
        PersonFactory(user=user)
    else:
        user = member(role, team=team)
    client.force_login(user)
    got = [client.get(reverse(TEAM_URLS[page])).status_code == 200 for page in TEAM_PAGES]
    assert dict(zip(TEAM_PAGES, got, strict=True)) == dict(zip(TEAM_PAGES, team_expected(role), strict=True))


@pytest.mark.parametrize("page", ["dashboard", "booking"])
def test_a_team_leader_cannot_open_another_teams_pages(page, member, client):
    mine, theirs = TeamFactory(name="Riverside"), TeamFactory(name="Hillside")
    client.force_login(member("team_leader", team=mine))
    response = client.get(reverse(TEAM_URLS[page]), {"team": theirs.pk})
    assert response.status_code in (200, 404)
    assert "Hillside" not in response.content.decode()
