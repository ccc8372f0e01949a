"""The virtual ward's figures: rows of the authorisation matrix (see authorisation.py), as the care model says they
SHOULD be.

The figures are service-level (counts, days and shares; no person's name or details), so the whole ward team sees
its own ward's figures: its team leader and nurses, and any other care role in the team, as the team's reflection
patterns are for everyone who gives care in the team. Only the team leader downloads them as a CSV file (an export
that leaves the service: the ward's SitRep return). Nobody sees another ward's figures (answered 404, as a missing
ward), and roles that do not give care (volunteer, directory editor, information governance reviewer,
administrator) and people supported never do. Every refusal, a nurse's download included, is the site's missing
page (404, audited), never a role refusal (403).
"""

from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.virtual_ward.tests.factories import EpisodeFactory, WardFactory
from tests.authorisation.machinery import World, make_user

KINDS = [r.value for r in Role] + ["person"]
USERS: dict = {}  # every kind is a role in the state's own team, or "person"

ENDPOINTS = {
    "figures": {"url": "virtual_ward:figures", "query": {"ward": "{ward.pk}"}, "refused": (404,)},
    "figures_csv": {"url": "virtual_ward:figures_csv", "query": {"ward": "{ward.pk}"}, "refused": (404,)},
}


def ward_world(state, kind, users, member) -> World:
    """A ward with one stay; the user works in the ward's team ("own ward") or in another team ("other ward")."""
    ward = WardFactory()
    other = WardFactory()
    EpisodeFactory(referral__ward=ward)
    teams = {"own": ward.team if state == "own ward" else other.team}
    user = make_user(kind, teams, {}, member)
    return World(user, teams, {"ward": ward})


WORLDS = {"ward figures": ward_world}


def _care(user: str) -> bool:
    return user in CARE_ROLES


ROWS = [
    *(
        ("ward figures", "own ward", user, {"figures": _care(user), "figures_csv": user == Role.TEAM_LEADER})
        for user in KINDS
    ),
    *(("ward figures", "other ward", user, {"figures": False, "figures_csv": False}) for user in KINDS),
]
