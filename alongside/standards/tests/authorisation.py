"""Standards' rows of the authorisation matrix (tests/authorisation): every kind of user x every standards page x a
team's states (own team, other team), and a stakeholder's link in each of its states.

By the care model: a team's standards are for those who give care in it (its leaders among them), who rate them,
see them and answer stakeholders' challenges; only the team's leader shares them for checking and invites
stakeholders. Administrators manage the service (they add an organisation's own set) and, with team leaders, see
every team's figures side by side as numbers; they do not read a team's ratings and challenges. Volunteers, directory
editors, information governance reviewers and people supported see none of it. A stakeholder's link is for
whoever holds it, signed in or not, while it lasts: expired, tampered or after its cycle closed, it is missing.
"""

from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.standards.models import Check, Cycle, Rating
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT, World, make_user

from .factories import challenge, expire, link_for, move_to_a_closed_quarter, shared

USERS = [r.value for r in Role] + ["person"]
OK, NO = True, False

ENDPOINTS = {
    "team": {"url": "standards:team", "args": ["{team.pk}"], "refused": (404,)},
    "rate": {"url": "standards:rate", "args": ["{team.pk}", "1"], "refused": (404,)},
    "share": {"url": "standards:share", "args": ["{team.pk}"], "refused": (404,)},
    "history": {"url": "standards:history", "args": ["{team.pk}"], "refused": (404,)},
    "partnership": {"url": "standards:partnership", "refused": (404,)},
    "new_set": {"url": "standards:new_set", "refused": (404,)},
    "invite": {"url": "standards:invite", "args": ["{shared_team.pk}"], "refused": (404,)},
    "answer": {"url": "standards:answer", "args": ["{challenge.pk}"], "refused": (404,)},
    # signed out, every page of a team sends the visitor to sign in
    "team_signed_out": {"url": "standards:team", "args": ["{team.pk}"], "answer": "status"},
    "partnership_signed_out": {"url": "standards:partnership", "answer": "status"},
    # a good link's address swaps its token for the session and opens the page without it (302); the page's own
    # address opens nothing in a session that never opened the link
    "link": {"url": "standards:link", "args": ["{token}"], "answer": "status"},
    "link_page": {"url": "standards:link_page", "args": ["no-link-opened"], "answer": "status"},
}


def _shared_cycle(world) -> Cycle:
    """The team's cycle for this quarter, rated and shared by its leader (made once per state)."""
    team = world["team"]
    found = Cycle.objects.filter(team=team, shared_at__isnull=False).first()
    if found:
        return found
    leader = MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    return shared(leader, team)


def _challenge(world) -> Check:
    cycle = _shared_cycle(world)
    found = Check.objects.filter(rating__cycle=cycle, agrees=False).first()
    if found:
        return found
    challenge(link_for(cycle.shared_by, cycle), Rating.objects.filter(cycle=cycle).first(), "Matrix challenge")
    return Check.objects.get(rating__cycle=cycle, agrees=False)


MAKERS = {"shared_team": lambda world: _shared_cycle(world).team, "challenge": _challenge}


def link_world(state, kind, users, member) -> World:
    """A stakeholder's link to the user's own team's shared cycle, in one of its states."""
    teams = {"own": TeamFactory()}
    user = make_user(kind, teams, {}, member)
    leader = MembershipFactory(team=teams["own"], role=Role.TEAM_LEADER).user
    cycle = shared(leader, teams["own"])
    token = link_for(leader, cycle)
    if state == "link expired":
        expire(token)
    elif state == "link after its cycle closed":
        move_to_a_closed_quarter(cycle)
    elif state == "link tampered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    return World(user, teams, {"token": token, "team": teams["own"]})


WORLDS = {"stakeholder link": link_world}


def _care(user: str) -> bool:
    return user in CARE_ROLES


def _own(user: str) -> dict:
    care = _care(user)
    leads = user == Role.TEAM_LEADER
    return {
        "team": care,
        "rate": care,
        "share": leads,
        "history": care,
        "partnership": user in (Role.ADMIN, Role.TEAM_LEADER),
        "new_set": user == Role.ADMIN,
        "invite": leads,
        "answer": care,
    }


def _other(user: str) -> dict:
    return {"team": NO, "rate": NO, "share": NO, "history": NO, "invite": NO, "answer": NO}


ROWS = [
    *(("team", "own team", user, _own(user)) for user in USERS),
    *(("team", "other team", user, _other(user)) for user in USERS),
    ("team", "own team", SIGNED_OUT, {"team_signed_out": SIGN_IN, "partnership_signed_out": SIGN_IN}),
    ("team", "other team", SIGNED_OUT, {"team_signed_out": SIGN_IN}),
    *(
        ("stakeholder link", state, user, {"link": 302 if state == "link good" else 404, "link_page": 404})
        for state in ("link good", "link expired", "link after its cycle closed", "link tampered")
        for user in [*USERS, SIGNED_OUT]
    ),
]
