"""The virtual ward: rows of the authorisation matrix for the capacity board and a day's visits across the ward team
(see authorisation.py), as the care model says they SHOULD be. The subject is "Matrix Subject" in bed 1 of a ward,
reviewed, with a home visit planned today; in the state "open" their stay has not ended.

- a nurse on the ward's team sees the board (and its live region), the day's visits and may record the visit, and
  read the board through the API; not the page that sets the day's beds;
- the ward's team leader, all of that and the day's beds;
- a nurse of another ward sees their own (empty) board, never this person; nothing of this ward's visits;
- a clinician of another team, a volunteer, the person themselves, an information governance reviewer and an
  administrator: nothing, the site's missing page (404, audited), never a role refusal (403) that would tell them
  the page exists; the ward nurse who does not lead the team gets the same missing page for the day's beds.
"""

from datetime import timedelta

from django.utils import timezone

from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import RelationshipFactory
from tests.authorisation.machinery import NAME, World, make_user

from .factories import EpisodeFactory, PlannedContactFactory, ReviewFactory, WardFactory

USERS = {
    "ward nurse": ("clinician", "ward"),
    "ward team leader": ("team_leader", "ward"),
    "nurse of another ward": ("clinician", "other ward"),
    "other clinician": ("clinician", "other"),
    "volunteer": ("volunteer", "hub"),
    "ig reviewer": ("ig_reviewer", "other"),
    "admin": ("admin", "other"),
}
KINDS = [*USERS, "person"]
STATES = ["open"]


def board_world(state, kind, users, member) -> World:
    ward = WardFactory()
    teams = {
        "ward": ward.team,
        "other ward": WardFactory().team,
        "other": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
        "hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB),
    }
    user = make_user(kind, teams, users, member)
    given, family = NAME.split()
    extra = {"referral__person": user.person} if kind == "person" else {}
    episode = EpisodeFactory(
        referral__ward=ward, referral__person__given_name=given, referral__person__family_name=family, **extra
    )
    person = episode.person
    if kind == "person":
        person.given_name, person.family_name = given, family
        person.save()
    RelationshipFactory(person=person, kind=CareRelationship.Kind.TEAM_CASELOAD, team=ward.team)
    ReviewFactory(episode=episode)
    planned = PlannedContactFactory(episode=episode, due_at=timezone.now() + timedelta(minutes=1))
    objects = {"episode": episode, "person": person, "planned": planned, "ward": ward}
    return World(user, teams, objects, page="", listing=NAME)


ENDPOINTS = {
    "ward board": {"url": "virtual_ward:board", "answer": "mentions", "mention": NAME, "refused": (200, 404)},
    "ward board live": {"url": "virtual_ward:board_live", "answer": "mentions", "mention": NAME,
                        "refused": (200, 404)},
    "ward visits": {"url": "virtual_ward:visits", "answer": "mentions", "mention": NAME, "refused": (200, 404)},
    "ward visit done": {"url": "virtual_ward:visit_done", "args": ["{planned.pk}"], "refused": (404,)},
    "ward day beds": {"url": "virtual_ward:capacity", "refused": (404,)},
    "api ward board": {"url": "api:virtual_ward_board", "answer": "api"},
}  # fmt: skip


def _cells(state: str, kind: str) -> dict:
    team = kind in ("ward nurse", "ward team leader")
    return {
        "ward board": team,
        "ward board live": team,
        "ward visits": team,
        "ward visit done": team,
        "ward day beds": kind == "ward team leader",
        "api ward board": team or kind == "nurse of another ward",
    }


ROWS = [("ward board", state, kind, _cells(state, kind)) for state in STATES for kind in KINDS]
WORLDS = {"ward board": board_world}
SUBJECTS = {"ward board": lambda: PlannedContactFactory()}
REFUSED_LIKE_MISSING = [("ward board", "/virtual-ward/visits/{pk}/done/")]
