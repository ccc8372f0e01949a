"""Narratives' rows of the authorisation matrix (tests/authorisation): every kind of user x every story page x
every state of a story and of a team.

What the care model says:
- A story's own words are for its teller and whoever wrote it down, and no one else: not their team leader, not an
  administrator.
- Its de-identified version is for the care members of its team (team learning only); when the teller agreed to
  the partnership or to the public, for team leaders and administrators across the partnership too. Administrators
  never read a team's stories agreed for team learning only.
- Only whoever wrote it down makes the de-identified version; then the team's care members may improve it and theme
  it. Nobody works on a withdrawn story: only its tombstone is left, for those who saw it.
- A story agreed for the partnership or the public goes beyond its team only once a second care member of its team
  (neither whoever wrote it down nor whoever last de-identified it) has checked it is safe to share.
- The teller withdraws it (from their account, staff or someone supported alike, or with their code, signed in or
  not); whoever wrote it down may withdraw it for them.
- A team's stories page, writing a story down and planning a session are for the team's care members; a session for
  leaders across the partnership is planned by the team's leader. A team session is for its care members; a
  partnership session for team leaders and administrators anywhere.
Anything refused answers 404, like a story that does not exist; a visitor who is not signed in is asked to sign in.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from types import SimpleNamespace

from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.narratives.models import Session, Story, Theme
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from tests.authorisation.machinery import NAME, SIGN_IN, SIGNED_OUT, World, make_user

USERS = [r.value for r in Role] + ["person"]
OK, NO = True, False
REFUSED = (404,)

ENDPOINTS = {
    "story": {"url": "narratives:story", "args": ["{story.pk}"]},
    "prepare": {"url": "narratives:prepare", "args": ["{story.pk}"]},
    "withdraw": {"url": "narratives:withdraw", "args": ["{story.pk}"]},
    "check": {"url": "narratives:check_safe", "args": ["{story.pk}"]},
    "session": {"url": "narratives:session", "args": ["{session.pk}"]},
    "yours": {"url": "narratives:yours", "answer": "listed"},
    "story as a visitor": {"url": "narratives:story", "args": ["{story.pk}"], "answer": "status"},
    "withdraw by code": {"url": "narratives:withdraw_by_code", "answer": "status"},
    "public": {"url": "narratives:public", "answer": "mentions", "mention": "{story.title}", "refused": (200,)},
    "team": {"url": "narratives:team", "args": ["{team.pk}"]},
    "record": {"url": "narratives:record", "args": ["{team.pk}"]},
    "session_new": {"url": "narratives:session_new", "args": ["{team.pk}"]},
    "session_new for the partnership": {
        "url": "narratives:session_new",
        "args": ["{team.pk}"],
        "query": {"for": "partnership"},
    },
}

# state -> (which team the story is in, its level, the user is its teller, the user wrote it down, withdrawn);
# stories for the partnership or the public were checked safe by a second member, unless "waiting for a check"
STATES = {
    "team learning only": ("own", "team", NO, NO, NO),
    "team learning only, other team": ("other", "team", NO, NO, NO),
    "partnership": ("other", "partnership", NO, NO, NO),
    "public": ("other", "public", NO, NO, NO),
    "teller": ("other", "team", OK, NO, NO),
    "recorder": ("own", "team", NO, OK, NO),
    "withdrawn": ("own", "team", NO, NO, OK),
    "waiting for a check": ("own", "public", NO, NO, NO),
    "waiting for a check, written down by the user": ("own", "public", NO, OK, NO),
    "waiting for a check, other team": ("other", "public", NO, NO, NO),
}


def story_world(state, kind, users, member) -> World:
    teams = {
        "own": TeamFactory(name="Riverside"),
        "other": TeamFactory(name="Hillside", organisation=OrganisationFactory()),
    }
    user = make_user(kind, teams, users, member)
    where, level, teller, recorder, withdrawn = STATES[state]
    colleague = UserFactory()
    waiting = state.startswith("waiting")
    deidentified = not withdrawn and (waiting or not (teller or recorder))
    story = Story.objects.create(
        team=teams[where],
        teller="staff" if teller else "supported",
        teller_user=user if teller else None,
        recorded_by=user if recorder else colleague,
        words="" if withdrawn else f"{NAME} told us this.",
        level=level,
        agreed=True,
        title="" if withdrawn else NAME,
        deidentified=f"{NAME}, de-identified." if deidentified else "",
        deidentified_at=timezone.now() if deidentified else None,
        prepared_by=(user if recorder else colleague) if deidentified else None,
        checked_by=None if waiting or level == "team" else UserFactory(),
        checked_at=None if waiting or level == "team" else timezone.now(),
        withdrawn_at=timezone.now() if withdrawn else None,
    )
    session = Session.objects.create(
        team=teams[where],
        audience="partnership" if level != "team" else "team",
        title="A session",
        on=timezone.localdate(),
        planned_by=colleague,
    )
    if not withdrawn:
        session.stories.add(story)
        story.themes.add(Theme.objects.create(team=teams[where], name="Being listened to"))
    return World(user, teams, {"story": story, "session": session}, listing=f"/stories/{story.pk}/")


WORLDS = {"story": story_world}
SUBJECTS = {
    "story": lambda: SimpleNamespace(
        pk=Story.objects.create(
            team=TeamFactory(), teller="carer", recorded_by=UserFactory(), words="x", level="team", agreed=True
        ).pk
    )
}


def _care(user: str) -> bool:
    return user in CARE_ROLES


def _partnership(user: str) -> bool:
    return user in (Role.TEAM_LEADER, Role.ADMIN)


ROWS = [
    *(
        (
            "story",
            "team learning only",
            u,
            {"story": _care(u), "prepare": _care(u), "withdraw": NO, "check": NO, "session": _care(u), "yours": NO},
        )
        for u in USERS
    ),
    # Waiting for a check: the team's care members read and check it (not whoever wrote it down); nobody beyond the
    # team reads it yet, and it is not on the public page.
    *(
        (
            "story",
            "waiting for a check",
            u,
            {"story": _care(u), "prepare": _care(u), "check": _care(u), "withdraw": NO, "public": NO},
        )
        for u in USERS
    ),
    *(
        (
            "story",
            "waiting for a check, written down by the user",
            u,
            {"story": OK, "prepare": OK, "check": NO, "withdraw": OK},
        )
        for u in sorted(CARE_ROLES)
    ),
    *(
        ("story", "waiting for a check, other team", u, {"story": NO, "prepare": NO, "check": NO, "public": NO})
        for u in USERS
    ),
    *(
        ("story", "team learning only, other team", u, {"story": NO, "prepare": NO, "withdraw": NO, "session": NO})
        for u in USERS
    ),
    *(
        (
            "story",
            level,
            u,
            {
                "story": _partnership(u),
                "prepare": NO,
                "check": NO,
                "withdraw": NO,
                "session": _partnership(u),
                "yours": NO,
            },
        )
        for level in ("partnership", "public")
        for u in USERS
    ),
    *(("story", "teller", u, {"story": OK, "prepare": NO, "check": NO, "withdraw": OK, "yours": OK}) for u in USERS),
    *(
        ("story", "recorder", u, {"story": OK, "prepare": OK, "check": NO, "withdraw": OK, "yours": OK})
        for u in sorted(CARE_ROLES)
    ),
    *(
        ("story", "withdrawn", u, {"story": _care(u), "prepare": NO, "withdraw": NO, "session": _care(u)})
        for u in USERS
    ),
    *(
        ("story", state, SIGNED_OUT, {"story as a visitor": SIGN_IN, "withdraw by code": 200})
        for state in ("team learning only", "teller", "withdrawn")
    ),
    *(("story", "teller", u, {"withdraw by code": 200}) for u in USERS),
    # The public page shows a story only when its teller agreed to the public, to anyone, signed in or not.
    *(
        ("story", state, u, {"public": state == "public"})
        for state in ("team learning only", "partnership", "public")
        for u in [*USERS, SIGNED_OUT]
    ),
    *(
        (
            "team",
            "own team",
            u,
            {
                "team": _care(u),
                "record": _care(u),
                "session_new": _care(u),
                "session_new for the partnership": u == Role.TEAM_LEADER,
            },
        )
        for u in USERS
    ),
    *(
        (
            "team",
            "other team",
            u,
            {"team": NO, "record": NO, "session_new": NO, "session_new for the partnership": NO},
        )
        for u in USERS
    ),
]
