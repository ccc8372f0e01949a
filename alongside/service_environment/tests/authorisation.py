"""The service environment audit's rows of the authorisation matrix (tests/authorisation): every kind of user x every
page x a team's states (the user's own team, another team) and a link's states.

By the care model: the audit is the team's own. Everyone who works in the team (volunteers too) answers for it and
sees its results; the team leader opens and closes a round; staff who give care in the team make links for the people
they support. Administrators and information governance reviewers look after the service: they neither answer for a
team nor read its results. Someone supported takes part only through a link. Another team's audit is the site's own
missing page for everyone.

A link is all it takes to answer: whoever holds a good one, signed in or not, sees the team's name and the questions
and nothing else. An unknown, used or expired link, one given with another team's round, or one whose round has
closed is the site's own missing page.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.service_environment.who import TEAM_ROLES
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT, World, make_user

from .factories import link, open_round

ROLES = [r.value for r in Role]
USERS = [*ROLES, "person"]
OK, NO = True, False
TOKEN = "matrix-link-token"

TEAM_PAGES = ("team", "open", "answer", "links", "close", "results")
ENDPOINTS = {
    "team": {"url": "service_environment:team", "args": ["{team.pk}"], "refused": (404,)},
    "open": {"url": "service_environment:open", "args": ["{team.pk}"], "refused": (404,)},
    "answer": {"url": "service_environment:answer", "args": ["{round.pk}"], "refused": (404,)},
    "links": {"url": "service_environment:links", "args": ["{round.pk}"], "refused": (404,)},
    "close": {"url": "service_environment:close", "args": ["{round.pk}"], "refused": (404,)},
    "results": {"url": "service_environment:results", "args": ["{round.pk}"], "refused": (404,)},
    # a visitor who is not signed in is sent to sign in
    "team (signed out)": {"url": "service_environment:team", "args": ["{team.pk}"], "answer": "status"},
    "results (signed out)": {"url": "service_environment:results", "args": ["{round.pk}"], "answer": "status"},
    # a good link's address swaps its token for the session and opens the page without it (302); the page's own
    # address opens nothing in a session that never opened the link
    "say": {"url": "service_environment:say", "args": ["{round.pk}", "{token}"], "answer": "status"},
    "say_page": {"url": "service_environment:say_page", "args": ["{round.pk}", "no-link-opened"], "answer": "status"},
    "thanks": {"url": "service_environment:thanks", "answer": "status"},
}

# the team's open round (made once); a link's state names its own round
MAKERS = {"round": lambda world: world.objects.get("round") or open_round(world["team"])}


def link_world(state, kind, users, member) -> World:
    """A round open in the user's own team, and a link given with it in the state named."""
    teams = {
        "own": TeamFactory(name="Riverside"),
        "other": TeamFactory(name="Hillside", organisation=OrganisationFactory()),
    }
    user = make_user(kind, teams, {}, member)
    round_ = open_round(teams["own"])
    if state == "good link":
        link(round_, TOKEN)
    elif state == "used link":
        link(round_, TOKEN, used=True)
    elif state == "expired link":
        link(round_, TOKEN, expired=True)
    elif state == "other team's link":
        link(open_round(teams["other"]), TOKEN)
    elif state == "round closed":
        link(round_, TOKEN)
        round_.closed_at = round_.opened_at
        round_.save(update_fields=["closed_at"])
    return World(user, teams, {"round": round_, "token": TOKEN})


WORLDS = {"environment link": link_world}

LINK_STATES = ("good link", "unknown link", "used link", "expired link", "other team's link", "round closed")


def _own_team(user: str) -> dict:
    works = user in TEAM_ROLES
    return {
        "team": works,
        "open": user == Role.TEAM_LEADER,
        "answer": works,
        "links": user in CARE_ROLES,
        "close": user == Role.TEAM_LEADER,
        "results": works,
    }


ROWS = [
    *(("team", "own team", user, _own_team(user)) for user in USERS),
    *(("team", "other team", user, dict.fromkeys(TEAM_PAGES, NO)) for user in USERS),
    *(
        ("team", state, SIGNED_OUT, {"team (signed out)": SIGN_IN, "results (signed out)": SIGN_IN})
        for state in ("own team", "other team")
    ),
    *(
        ("environment link", state, user, {"say": 302 if state == "good link" else 404, "say_page": 404, "thanks": 200})
        for state in LINK_STATES
        for user in [*USERS, SIGNED_OUT]
    ),
]
