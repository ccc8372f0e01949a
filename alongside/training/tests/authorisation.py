"""Training's rows of the authorisation matrix (tests/authorisation): every kind of user x every training page x
a team of their own and a team in another organisation.

By the care model: training records are for staff (every role but volunteers, whose checks and training the
volunteers app keeps; someone supported is never staff). Each member of staff sees and records their own training
and reads the courses. A team's coverage is for its own staff (counts and their own standing) and for those who
manage it: its leader, and its organisation's administrators, who also record training for its staff. Nobody
reaches a team of another organisation's (an administrator there included): its pages answer 404, exactly like a
team that does not exist. Only administrators add their organisation's own courses, and retire a course their
organisation no longer offers (its own or a shipped one, for their organisation only). A record is put right (its
day changed, or deleted when entered by mistake) by whoever may record it: the member of staff for their own
(test_pages.py), the team's leader and its organisation's administrators for its staff, and only for a record
made in their organisation: for a member of staff who also works in another organisation, that organisation's
records answer 404 to them (test_organisations.py).

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.partners.models import Role
from alongside.partners.tests.factories import MembershipFactory
from alongside.training.models import Course, Record
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT

USERS = [r.value for r in Role] + ["person"]
STAFF = {r.value for r in Role} - {Role.VOLUNTEER}
MANAGES = {Role.TEAM_LEADER, Role.ADMIN}
# what a team's leader and its organisation's administrators do for its staff: record their training, open one
# person's records, and put a colleague's record right (change its day, or delete it when entered by mistake)
BY_MANAGERS = ("record_member", "member", "change_record", "delete_record")

ENDPOINTS = {
    "mine": {"url": "training:mine"},
    "record_own": {"url": "training:record_own"},
    "courses": {"url": "training:courses"},
    "new_course": {"url": "training:new_course"},
    "retire_course": {"url": "training:retire_course", "args": ["{course.pk}"]},
    "team": {"url": "training:team", "args": ["{team.pk}"], "refused": (404,)},
    "record_member": {"url": "training:record_member", "args": ["{team.pk}"], "refused": (404,)},
    "member": {"url": "training:member", "args": ["{team.pk}", "{colleague.pk}"], "refused": (404,)},
    "change_record": {"url": "training:change_record", "args": ["{record.pk}"], "refused": (404,)},
    "delete_record": {"url": "training:delete_record", "args": ["{record.pk}"], "refused": (404,)},
}
# Someone not signed in is sent to sign in from every page, whichever team it is about.
ENDPOINTS |= {f"{name}_signed_out": {**endpoint, "answer": "status"} for name, endpoint in list(ENDPOINTS.items())}
SIGNED_OUT_CELLS = {f"{name}_signed_out": SIGN_IN for name in ENDPOINTS if not name.endswith("_signed_out")}


def _shipped_course(world):
    return Course.objects.filter(organisation=None).first()


def _colleague(world):
    return MembershipFactory(team=world["team"], role=Role.CLINICIAN).user


def _record(world):
    """A colleague's record in the state's team: its leader or administrator may put it right, nobody else."""
    colleague = _colleague(world)
    return Record.objects.create(
        user=colleague,
        course=_shipped_course(world),
        completed_on="2026-01-05",
        recorded_by=colleague,
        organisation=world["team"].organisation,
    )


MAKERS = {"course": _shipped_course, "colleague": _colleague, "record": _record}


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
        (
            "team",
            "own team",
            user,
            {**_own(user), "team": user in STAFF, **dict.fromkeys(BY_MANAGERS, user in MANAGES)},
        )
        for user in USERS
    ),
    *(("team", "other team", user, {"team": False, **dict.fromkeys(BY_MANAGERS, False)}) for user in USERS),
    ("team", "own team", SIGNED_OUT, SIGNED_OUT_CELLS),
    ("team", "other team", SIGNED_OUT, SIGNED_OUT_CELLS),
]
