"""The virtual ward: rows of the authorisation matrix for reviews with observations and their NEWS2, the escalation
prompt and the trend chart (see authorisation.py), as the care model says they SHOULD be:

- the reviews page and the API's list: the ward's team (a nurse, its team leader) while the episode is current
  (open, or ended a few days ago), and the person themself (their own care, read-only), in every state; never
  another clinician with no part in their care, a volunteer, an IG reviewer or an administrator; and not the
  ward's team once the person has kept their care from the ward's organisation;
- recording a review (the page and the API): the ward's team, only while the episode is open and the person's
  care is not kept from them.
"""

import json
import uuid
from datetime import timedelta
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from alongside.consent.models import ConsentProvision
from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.virtual_ward.models import Review
from tests.authorisation.machinery import NAME, World, make_user

from .factories import EpisodeFactory, ReviewFactory, WardFactory

STATES = ("open episode", "ended episode", "care kept from the ward's organisation")
USERS = {
    "ward nurse": ("clinician", "ward"),
    "ward team leader": ("team_leader", "ward"),
    "another clinician": ("clinician", "other"),
    "volunteer": ("volunteer", "hub"),
    "ig reviewer": ("ig_reviewer", "other"),
    "admin": ("admin", "other"),
}
KINDS = (*USERS, "person")


def record_observations(client, world) -> bool:
    """Post a set of observations through the API: was a review made?"""
    before = Review.objects.count()
    url = reverse("api:record_observations", args=[world["episode"].pk])
    client.post(
        url,
        json.dumps({"pulse": 72, "respiration_rate": 16}),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    return Review.objects.count() == before + 1


ENDPOINTS = {
    "reviews": {"url": "virtual_ward:reviews", "args": ["{episode.pk}"]},
    "record a review": {"url": "virtual_ward:review_new", "args": ["{episode.pk}"], "refused": (404,)},
    "api reviews": {"url": "api:list_observations", "args": ["{episode.pk}"], "answer": "api"},
    "api record observations": {
        "url": "api:record_observations",
        "answer": "changed",
        "change": record_observations,
    },
}


def episode_world(state, kind, users, member) -> World:
    ward_team = TeamFactory(kind=Team.Kind.VIRTUAL_WARD, name="Riverside ward team")
    teams = {"ward": ward_team, "other": TeamFactory(), "hub": TeamFactory(kind="volunteer_hub")}
    user = make_user(kind, teams, USERS, member)
    given, family = NAME.split()
    if kind == "person":
        person = user.person
        person.given_name, person.family_name = given, family
        person.save()
    else:
        person = PersonFactory(given_name=given, family_name=family)
    ward = WardFactory(team=ward_team)
    episode = EpisodeFactory(referral__ward=ward, referral__person=person, ward=ward, person=person)
    # After admission the ward's team has the person on its caseload (the episodes part starts it).
    RelationshipFactory(person=person, user=None, team=ward_team, kind="team_caseload")
    ReviewFactory(episode=episode)
    if state == "ended episode":
        episode.ended_at, episode.outcome = timezone.now() - timedelta(hours=2), "home"
        episode.ended_by = episode.admitted_by
        episode.save()
    elif state == "care kept from the ward's organisation":
        ConsentProvision.objects.create(
            person=person, permit=False, actor_kind="organisation", organisation=ward_team.organisation
        )
    return World(user, teams, {"episode": episode, "person": person})


WORLDS = {"reviewed episode": episode_world}

TEAM = {"ward nurse", "ward team leader"}


def _cells(state: str, kind: str) -> dict:
    reads = (kind in TEAM and state != STATES[2]) or kind == "person"
    writes = kind in TEAM and state == "open episode"
    return {"reviews": reads, "record a review": writes, "api reviews": reads, "api record observations": writes}


ROWS = [("reviewed episode", state, kind, _cells(state, kind)) for state in STATES for kind in KINDS]


def someone_elses_episode():
    """An episode on a ward the asking clinician is not on, with the person it is about."""
    episode = EpisodeFactory()
    return SimpleNamespace(pk=episode.pk, person_id=episode.person_id)


SUBJECTS = {"reviewed episode": someone_elses_episode}
REFUSED_LIKE_MISSING = [("reviewed episode", "/virtual-ward/episodes/{pk}/reviews/")]
