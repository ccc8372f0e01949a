"""Continuity's rows of the authorisation matrix (tests/authorisation): every kind of user x every continuity
page about a person x every state of the person (the person record's own states, so the two cannot drift apart);
and the team pages, which show no one person, by role.

OK is the page shown (200); NO is refused, as 404 like a missing person, or 403 where the user's role never
reaches the page. A team leader asking for another team's dashboard or booking is never shown that team.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.continuity.actions import deciding_team
from alongside.continuity.tests.factories import AppointmentRequestFactory, ChangeRequestFactory
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES, NAMED_WORKER_ROLES
from alongside.partners.tests.factories import TeamFactory

USERS = [r.value for r in Role] + ["person"]
REFUSED = (403, 404)

ENDPOINTS = {
    "contact": {"url": "continuity:new_contact", "args": ["{person.pk}"]},
    "facts": {"url": "continuity:edit_facts", "args": ["{person.pk}"]},
    "measures": {"url": "continuity:person_measures", "args": ["{person.pk}"]},
    "appointment": {"url": "continuity:new_appointment", "args": ["{person.pk}"]},
    "visit_times": {"url": "continuity:edit_visit_times", "args": ["{person.pk}"]},
    "ask": {"url": "continuity:ask_for_change", "args": ["{person.pk}"]},
    "review": {"url": "continuity:review_named_worker", "args": ["{person.pk}"]},
    "answer_change": {"url": "continuity:answer_change", "args": ["{change_request.pk}"]},
    "cancel_appointment": {"url": "continuity:cancel_appointment", "args": ["{appointment.pk}"]},
    # the team pages: the user's own team unless another is asked for
    "dashboard": {"url": "continuity:dashboard", "refused": "any"},
    "booking": {"url": "continuity:booking", "refused": "any"},
    "change_requests": {"url": "continuity:change_requests", "refused": "any"},
    "new_session": {"url": "continuity:new_session", "refused": "any"},
    "caseload": {"url": "continuity:caseload", "refused": "any"},  # the user's own caseload
    "book_week": {"url": "continuity:book_week", "answer": "status"},  # a leader asking sees the week to book
    "ask_for_session": {"url": "continuity:ask_for_session", "answer": "status"},  # likewise
    "another team's dashboard": {
        "url": "continuity:dashboard",
        "query": {"team": "{team.pk}"},
        "answer": "mentions",
        "mention": "{team.name}",
        "refused": (200, 404),
    },
    "another team's booking": {
        "url": "continuity:booking",
        "query": {"team": "{team.pk}"},
        "answer": "mentions",
        "mention": "{team.name}",
        "refused": (200, 404),
    },
}
PERSON_PAGES = ["contact", "facts", "measures", "appointment", "ask", "review"]
TEAM_PAGES = ["dashboard", "booking", "change_requests", "new_session"]
OK, NO = True, False


def _change_request(world):
    """A waiting request for a different named worker, for the team that decides (another, if none does)."""
    person = world["person"]
    named = person.relationships.active().filter(kind="named_worker").first()
    return ChangeRequestFactory(
        person=person, team=deciding_team(person) or TeamFactory(), current_worker_id=named and named.user_id
    )


MAKERS = {
    "change_request": _change_request,
    # an appointment in the user's own team
    "appointment": lambda world: AppointmentRequestFactory(person=world["person"], team=world.teams["own"]),
}

# state -> what care staff may do, in PERSON_PAGES order. "review" is for the leader of the team that decides
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


def expected(state: str, user: str) -> list[bool]:
    if state in THE_PERSONS_STATES:
        return STAFF[state]
    if user == "volunteer":
        return VOLUNTEER[state]
    if user not in CARE_ROLES:
        return [NO] * 6
    row = STAFF[state]
    review = user == Role.TEAM_LEADER and state in LEADS_THE_DECIDING_TEAM
    return [review if allowed is None else allowed for allowed in row]


def person_expected(state: str, user: str) -> dict[str, bool]:
    """The person pages, and answering a request for a different named worker, and cancelling an appointment in the
    user's own team, which is for whoever may book one. A request is answered by the leader of the team that
    decides, never by the named worker it is about (as in "named worker", where the leader is that worker)."""
    cells = dict(zip(PERSON_PAGES, expected(state, user), strict=True))
    answers = user == Role.TEAM_LEADER and state in LEADS_THE_DECIDING_TEAM and state != "named worker"
    # The best times to visit are the person's to say (and their proxy's), and staff's who look after them to
    # record with them: as recording a contact, for staff.
    visit_times = OK if state in THE_PERSONS_STATES else cells["contact"]
    return cells | {"answer_change": answers, "cancel_appointment": cells["appointment"], "visit_times": visit_times}


LEADER_ONLY = [OK, OK, OK, OK]
CARE_STAFF = [NO, NO, NO, OK]  # a practitioner may set aside slots of their own


def team_expected(user: str) -> dict:
    if user == Role.TEAM_LEADER:
        allowed = LEADER_ONLY
    elif user in CARE_ROLES and user not in (Role.SPA_TRIAGE,):
        allowed = CARE_STAFF
    else:
        allowed = [NO] * 4
    return dict(zip(TEAM_PAGES, allowed, strict=True)) | {
        "book_week": 302 if user == Role.TEAM_LEADER else 403,
        "caseload": user in NAMED_WORKER_ROLES,
        "ask_for_session": 302 if user == Role.TEAM_LEADER else 403,
    }


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [
    *(("person", state, user, person_expected(state, user)) for state in STAFF for user in USERS),
    *(("team", "own team", user, team_expected(user)) for user in USERS),
    ("team", "other team", "team_leader", {"another team's dashboard": NO, "another team's booking": NO}),
]
