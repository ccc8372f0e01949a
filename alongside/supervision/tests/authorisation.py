"""Supervision's rows of the authorisation matrix (tests/authorisation): every kind of user x every supervision page
x the states of a team (own, other) and of a session (the user is its supervisee, its supervisor, or not in it).

By the care model: supervision belongs to the people who give care in a team. They see the team's supervision
pages, book sessions they take part in and record the team's reflective practice (which the team's leader alone
changes, putting right what was recorded); the coverage shows a member their
own line and the team leader every name (checked in test_pages.py). A session is seen by its supervisor, its
supervisees and the team's leaders, and only the supervisor or a supervisee says whether it happened. Administrators
manage the service and see none of it (shares only, on the partnership's view), nor do volunteers, information
governance, people supported or anyone outside the team: the site's own 404, like a team that does not exist. A
visitor who has not signed in is sent to sign in.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from datetime import time, timedelta

from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.supervision.models import ReflectiveSession, Supervisee, SupervisionSession
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT, World, make_user

USERS = [r.value for r in Role] + ["person"]
OK, NO = True, False
REFUSED = (404,)

ENDPOINTS = {
    "team": {"url": "supervision:team", "args": ["{team.pk}"]},
    "coverage": {"url": "supervision:coverage", "args": ["{team.pk}"]},
    "book": {"url": "supervision:book", "args": ["{team.pk}"]},
    "new reflective": {"url": "supervision:new_reflective", "args": ["{team.pk}"]},
    "reflective": {"url": "supervision:reflective", "args": ["{reflective.pk}"]},
    "change reflective": {"url": "supervision:change_reflective", "args": ["{reflective.pk}"]},
    "team, signed out": {"url": "supervision:team", "args": ["{team.pk}"], "answer": "status"},
    "coverage, signed out": {"url": "supervision:coverage", "args": ["{team.pk}"], "answer": "status"},
    "session": {"url": "supervision:session", "args": ["{session.pk}"]},
    "record": {"url": "supervision:record", "args": ["{session.pk}"]},
    "move": {"url": "supervision:move", "args": ["{session.pk}"]},
    "session, signed out": {"url": "supervision:session", "args": ["{session.pk}"], "answer": "status"},
    "record, signed out": {"url": "supervision:record", "args": ["{session.pk}"], "answer": "status"},
}


def _reflective(world):
    return ReflectiveSession.objects.create(
        team=world["team"],
        held_on=timezone.localdate(),
        facilitator="Dr Ruth Adeyemi",
        themes="Feeling stuck",
        recorded_by=UserFactory(),
    )


MAKERS = {"reflective": _reflective}


def session_world(state, kind, users, member) -> World:
    """A session booked for tomorrow in the user's own team: the user is its supervisee, its supervisor, or not in
    it (a colleague supervises another)."""
    teams = {"own": TeamFactory(name="Riverside")}
    user = make_user(kind, teams, {}, member)
    colleague, other = (MembershipFactory(team=teams["own"], role=Role.CLINICIAN).user for _ in range(2))
    me = user if user is not None else other
    supervisor, supervisee = {
        "as supervisee": (colleague, me),
        "as supervisor": (me, colleague),
        "not in it": (colleague, other),
    }[state]
    session = SupervisionSession.objects.create(
        team=teams["own"],
        kind="one",
        supervisor=supervisor,
        held_on=timezone.localdate() + timedelta(days=1),
        starts_at=time(10, 0),
        minutes=60,
        booked_by=supervisor,
    )
    Supervisee.objects.create(session=session, user=supervisee)
    return World(user, teams, {"session": session})


WORLDS = {"supervision session": session_world}

TEAM_PAGES = ("team", "coverage", "book", "new reflective", "reflective")
STATES = ("as supervisee", "as supervisor", "not in it")


def _care(user: str) -> bool:
    return user in CARE_ROLES


def _leads(user: str) -> bool:
    return user == Role.TEAM_LEADER


def _session_cells(state: str, user: str) -> dict:
    in_it = _care(user) and state != "not in it"
    sees = in_it or user == Role.TEAM_LEADER
    return {"session": sees, "record": in_it, "move": sees}


ROWS = [
    *(
        ("team", "own team", user, dict.fromkeys(TEAM_PAGES, _care(user)) | {"change reflective": _leads(user)})
        for user in USERS
    ),
    *(("team", "other team", user, dict.fromkeys((*TEAM_PAGES, "change reflective"), NO)) for user in USERS),
    *(
        ("team", state, SIGNED_OUT, {"team, signed out": SIGN_IN, "coverage, signed out": SIGN_IN})
        for state in ("own team", "other team")
    ),
    *(("supervision session", state, user, _session_cells(state, user)) for state in STATES for user in USERS),
    *(
        ("supervision session", state, SIGNED_OUT, {"session, signed out": SIGN_IN, "record, signed out": SIGN_IN})
        for state in STATES
    ),
]
