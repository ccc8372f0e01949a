"""The virtual ward: rows of the authorisation matrix for referral, decision, admission to a bed, the 72 hours and
the end of an episode (see authorisation.py), as the care model says they SHOULD be (ADR 0034):

- the ward's team (a nurse, its team leader) sees the referral while it is current (waiting for a decision or a bed,
  the episode open or ended in the last 7 days) and acts on it while it is theirs to act on: decides while it waits,
  admits once accepted, plans, extends and ends while the episode is open; the referrals list shows what waits;
- the GP who referred (of the practice the person is registered with, reading their care by registered practice)
  sees the referral and the stay that came of it, and may refer;
- the person sees their own stay in the "Virtual ward" section of their record, never the team's pages;
- another clinician, a volunteer, an IG reviewer and an administrator see none of it ("Page not found");
- a "do not share" choice that keeps the person's care from the ward's organisation keeps all of it from the team.
"""

import json
import uuid
from datetime import timedelta
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from alongside.consent.models import ConsentProvision
from alongside.core import idempotency
from alongside.core.models import ApiToken
from alongside.core.tests.factories import UserFactory
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from tests.authorisation.machinery import MISSING_ID, NAME, World, make_user

from .factories import EpisodeFactory, ReferralFactory, WardFactory

SUBJECT = "ward referral"
STATES = (
    "waiting for a decision",
    "accepted, waiting for a bed",
    "admitted",
    "ended 2 days ago",
    "ended 30 days ago",
    "care kept from the ward's organisation",
)
USERS = {
    "ward nurse": ("clinician", "ward"),
    "ward team leader": ("team_leader", "ward"),
    "referrer gp": ("gp", "own"),
    "other clinician": ("clinician", "other"),
    "volunteer": ("volunteer", "hub"),
    "ig reviewer": ("ig_reviewer", "other"),
    "admin": ("admin", "other"),
}
KINDS = (*USERS, "the person")
SEEN = (200, 403, 404)


def refer_by_api(client, world) -> bool:
    """POST /virtual-ward/episodes for the subject: allowed unless it answers 404 (a 422 says why not now)."""
    token = ApiToken.issue(world.user, "matrix")[1]
    ward = WardFactory()
    body = {"person_id": world["person"].pk, "ward_id": ward.pk, "source": "gp", "direction": "step_up", "reason": "x"}
    response = client.post(
        reverse("api:refer_to_ward"),
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", idempotency.HEADER: str(uuid.uuid4())},
    )
    assert response.status_code in (201, 403, 404, 422), response.status_code
    assert NAME.split()[0] not in response.content.decode() or response.status_code != 404
    return response.status_code in (201, 422)


ENDPOINTS = {
    "ward referrals": {
        "url": "virtual_ward:referrals",
        "answer": "mentions",
        "mention": "/virtual-ward/referrals/{referral.pk}/",
        "refused": SEEN,
    },
    "ward refer": {"url": "virtual_ward:refer", "args": ["{person.pk}"], "refused": (404,)},
    "ward referral": {"url": "virtual_ward:referral", "args": ["{referral.pk}"], "refused": (404,)},
    # a referral not (or no longer) waiting for a bed goes to its own page or the episode's
    "ward admit": {"url": "virtual_ward:admit", "args": ["{referral.pk}"], "refused": "any"},
    "ward episode": {"url": "virtual_ward:episode", "args": ["{episode.pk}"], "refused": (404,)},
    "ward plan": {"url": "virtual_ward:plan_add", "args": ["{episode.pk}"], "refused": (404,)},
    "ward extend": {"url": "virtual_ward:extend", "args": ["{episode.pk}"], "refused": "any"},
    "ward end": {"url": "virtual_ward:end", "args": ["{episode.pk}"], "refused": "any"},
    "ward section": {
        "url": "people:person",
        "args": ["{person.pk}"],
        "answer": "mentions",
        "mention": 'id="virtual-ward-heading"',
        "refused": SEEN,
    },
    "api ward episodes": {
        "url": "api:ward_episodes",
        "answer": "mentions",
        "mention": '"referral_id": {referral.pk}',
        "refused": SEEN,
    },
    "api refer to ward": {"url": "api:refer_to_ward", "answer": "changed", "change": refer_by_api, "last": True},
}


def ward_world(state, kind, users, member) -> World:
    ward = WardFactory()
    teams = {"ward": ward.team, "own": TeamFactory(), "hub": TeamFactory(kind="volunteer_hub"), "other": TeamFactory()}
    given, family = NAME.split()
    person = PersonFactory(given_name=given, family_name=family)
    if kind == "the person":
        user = UserFactory()
        person.user = user
        person.save(update_fields=["user"])
    else:
        user = make_user(kind, teams, USERS, member)
    if kind == "referrer gp":  # a GP of the practice the person is registered with: reads their care, may refer
        gp = user
        person.gp_practice = teams["own"].organisation
        person.save(update_fields=["gp_practice"])
    else:
        gp = member("gp", team=teams["own"])
        RelationshipFactory(person=person, user=gp, kind=CareRelationship.Kind.CARE_TEAM)
    now = timezone.now()
    referral = ReferralFactory(ward=ward, person=person, referred_by=gp)
    episode = None
    if state != "waiting for a decision":
        referral.decision, referral.decided_at, referral.decision_reason = "accepted", now, "Safe at home"
        referral.save()
    if state not in ("waiting for a decision", "accepted, waiting for a bed"):
        ended = {"ended 2 days ago": 2, "ended 30 days ago": 30}.get(state)
        admitted = now - timedelta(days=(ended or 0) + 2)
        episode = EpisodeFactory(
            referral=referral,
            admitted_at=admitted,
            ended_at=now - timedelta(days=ended) if ended else None,
            outcome="home" if ended else "",
        )
        RelationshipFactory(
            person=person,
            team=ward.team,
            kind=CareRelationship.Kind.TEAM_CASELOAD,
            started_at=admitted,
            ended_at=now - timedelta(days=ended) if ended else None,
        )
    if state == "care kept from the ward's organisation":
        ConsentProvision.objects.create(
            person=person,
            permit=False,
            actor_kind="organisation",
            organisation=ward.team.organisation,
            categories=["care"],
        )
    objects = {
        "person": person,
        "referral": referral,
        "episode": episode or SimpleNamespace(pk=MISSING_ID),
    }
    page = reverse("virtual_ward:referral", args=[referral.pk])
    return World(user, teams, objects, page=page, listing=page)


WORLDS = {SUBJECT: ward_world}


def someone_elses_referral():
    referral = ReferralFactory()
    return SimpleNamespace(pk=referral.pk, person_id=referral.person_id)


SUBJECTS = {SUBJECT: someone_elses_referral}
REFUSED_LIKE_MISSING = [(SUBJECT, "/virtual-ward/referrals/{pk}/"), (SUBJECT, "/virtual-ward/referrals/{pk}/admit/")]

WAITING = ("waiting for a decision", "accepted, waiting for a bed")
OPEN = ("admitted",)
SEEN_BY_TEAM = (*WAITING, "admitted", "ended 2 days ago")
HAS_EPISODE = ("admitted", "ended 2 days ago", "ended 30 days ago", "care kept from the ward's organisation")


def _cells(state: str, kind: str) -> dict:
    team = kind in ("ward nurse", "ward team leader")
    gp = kind == "referrer gp"
    return {
        "ward referrals": team and state in WAITING,
        "ward refer": gp or (team and state in OPEN),
        "ward referral": gp or (team and state in SEEN_BY_TEAM),
        "ward admit": team and state == "accepted, waiting for a bed",
        "ward episode": (gp and state in HAS_EPISODE) or (team and state in ("admitted", "ended 2 days ago")),
        "ward plan": team and state in OPEN,
        "ward extend": team and state in OPEN,
        "ward end": team and state in OPEN,
        "ward section": kind == "the person" or gp or (team and state in OPEN),
        "api ward episodes": team and state in (*WAITING, "admitted"),
        "api refer to ward": gp or (team and state in OPEN),
    }


ROWS = [(SUBJECT, state, kind, _cells(state, kind)) for state in STATES for kind in KINDS]
