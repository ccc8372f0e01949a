"""Climate's rows of the authorisation matrix (tests/authorisation): every kind of user x every climate page x a
team of their own and another team.

A team's pulse is for the team's members, in whatever role they hold there: they answer it and see its results.
Choosing its questions, planning a reflective dialogue session, changing or cancelling it, and recording it are for
the team's leaders.
Nobody outside the team reaches any of it, as 404, exactly like a team that does not exist: not administrators,
not information governance reviewers, not the leaders of other teams. (In the matrix every role is held in the
user's "own" team, so an administrator there is a member; one elsewhere sees nothing.) Someone supported is never
staff and has no team; a visitor is sent to sign in.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.partners.models import Role
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT

from .factories import SessionFactory

USERS = [r.value for r in Role] + ["person"]

ENDPOINTS = {
    "pulse": {"url": "climate:team", "args": ["{team.pk}"]},
    "answer": {"url": "climate:answer", "args": ["{team.pk}"]},
    "questions": {"url": "climate:questions", "args": ["{team.pk}"]},
    "plan": {"url": "climate:plan", "args": ["{team.pk}"]},
    "record": {"url": "climate:record", "args": ["{team.pk}", "{climate_session.pk}"]},
    "change session": {"url": "climate:change", "args": ["{team.pk}", "{climate_session.pk}"]},
    "cancel session": {"url": "climate:cancel", "args": ["{team.pk}", "{climate_session.pk}"]},
}
for endpoint in ENDPOINTS.values():
    endpoint["answer"] = "status"

MAKERS = {"climate_session": lambda world: SessionFactory(team=world["team"])}


def _expected(state: str, user: str) -> dict:
    if user == SIGNED_OUT:
        return dict.fromkeys(ENDPOINTS, SIGN_IN)
    member = state == "own team" and user != "person"
    leader = member and user == Role.TEAM_LEADER
    return {
        "pulse": 200 if member else 404,
        "answer": 200 if member else 404,
        "questions": 200 if leader else 404,
        "plan": 200 if leader else 404,
        "record": 200 if leader else 404,
        # Only the team's leader changes or cancels a session; its members see it on the team's pulse page.
        "change session": 200 if leader else 404,
        "cancel session": 200 if leader else 404,
    }


ROWS = [
    ("team", state, user, _expected(state, user))
    for state in ("own team", "other team")
    for user in [*USERS, SIGNED_OUT]
]
