"""Training's rows of the authorisation matrix (tests/authorisation): every kind of user x every training page x
a team of their own and a team in another organisation.

By the care model: training records are for staff (every role but volunteers, whose checks and training the
volunteers app keeps; someone supported is never staff). Each member of staff sees and records their own training
and reads the courses. A team's coverage is for its own staff (counts and their own standing) and for those who
manage it: its leader, and its organisation's administrators, who also record training for its staff. Nobody
reaches a team of another organisation's (an administrator there included): its pages answer 404, exactly like a
team that does not exist. Only administrators add their organisation's own courses, and retire a course their
organisation no longer offers (its own or a shipped one, for their organisation only).

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.partners.models import Role
from alongside.training.models import Course
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT

USERS = [r.value for r in Role] + ["person"]
STAFF = {r.value for r in Role} - {Role.VOLUNTEER}
MANAGES = {Role.TEAM_LEADER, Role.ADMIN}

ENDPOINTS = {
    "mine": {"url": "training:mine"},
    "record_own": {"url": "training:record_own"},
    "courses": {"url": "training:courses"},
    "new_course": {"url": "training:new_course"},
    "retire_course": {"url": "training:retire_course", "args": ["{course.pk}"]},
    "team": {"url": "training:team", "args": ["{team.pk}"], "refused": (404,)},
    "record_member": {"url": "training:record_member", "args": ["{team.pk}"], "refused": (404,)},
}
# Someone not signed in is sent to sign in from every page, whichever team it is about.
ENDPOINTS |= {f"{name}_signed_out": {**endpoint, "answer": "status"} for name, endpoint in list(ENDPOINTS.items())}
SIGNED_OUT_CELLS = {f"{name}_signed_out": SIGN_IN for name in ENDPOINTS if not name.endswith("_signed_out")}


def _shipped_course(world):
    return Course.objects.filter(organisation=None).first()


MAKERS = {"course": _shipped_course}


def _own(user: str) -> dict:
    return {
        "mine": user in STAFF,
        "record_own": user in STAFF,
        "courses": user in STAFF,
        "new_course": user == Role.ADMIN,
        "retire_course": user == Role.ADMIN,
    }


ROWS = [
    *(
        ("team", "own team", user, {**_own(user), "team": user in STAFF, "record_member": user in MANAGES})
        for user in USERS
    ),
    *(("team", "other team", user, {"team": False, "record_member": False}) for user in USERS),
    ("team", "own team", SIGNED_OUT, SIGNED_OUT_CELLS),
    ("team", "other team", SIGNED_OUT, SIGNED_OUT_CELLS),
]
