"""The virtual ward's settings: rows of the authorisation matrix (see authorisation.py), as the care model says they
SHOULD be.

The settings are service-level (the practices served, their registered population, a baseline year of admissions,
the target, beds and hours; no person's data), and they are what the ward's figures are made from, so whoever sees
the figures sees the settings: everyone who gives care in the ward's team. Only the ward's team leader changes them
(the form and the save): they set what the ward reports. Nobody sees or changes another ward's settings, and roles
that do not give care (volunteer, directory editor, information governance reviewer, administrator) and people
supported never do. Every refusal, a nurse opening the form or saving included, is the site's missing page (404,
audited), never a role refusal (403).
"""

import uuid

from django.urls import reverse

from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.virtual_ward.models import Ward
from alongside.virtual_ward.tests.factories import EpisodeFactory, WardFactory
from tests.authorisation.machinery import World, make_user

KINDS = [r.value for r in Role] + ["person"]
NEW_POPULATION = 54_321


def changes_the_population(client, world) -> bool:
    """Sends the confirmed form with a new registered population: True when it was saved."""
    ward = world["ward"]
    response = client.post(
        reverse("virtual_ward:settings_change", args=[ward.pk]),
        {
            "form_key": str(uuid.uuid4()),
            "version": str(ward.version),
            "registered_population": str(NEW_POPULATION),
            "population_source": "Synthetic list sizes, December 2026",
            "target": "17",
            "beds": "20",
            "decision_hours": "2",
            "episode_hours": "72",
            "confirm": "1",
        },
    )
    saved = Ward.objects.get(pk=ward.pk).registered_population == NEW_POPULATION
    assert saved or response.status_code == 404, response.status_code
    return saved


ENDPOINTS = {
    "ward settings": {"url": "virtual_ward:settings", "args": ["{ward.pk}"], "refused": (404,)},
    "change ward settings (form)": {"url": "virtual_ward:settings_change", "args": ["{ward.pk}"], "refused": (404,)},
    "change ward settings": {
        "url": "virtual_ward:settings_change",
        "answer": "changed",
        "change": changes_the_population,
    },
}


def settings_world(state, kind, users, member) -> World:
    """A ward with one stay; the user works in the ward's team ("own ward") or in another ward's ("other ward")."""
    ward = WardFactory()
    other = WardFactory()
    EpisodeFactory(referral__ward=ward)
    teams = {"own": ward.team if state == "own ward" else other.team}
    user = make_user(kind, teams, {}, member)
    return World(user, teams, {"ward": ward})


WORLDS = {"ward settings": settings_world}


def _cells(state: str, user: str) -> dict:
    own = state == "own ward"
    leader = own and user == Role.TEAM_LEADER
    return {
        "ward settings": own and user in CARE_ROLES,
        "change ward settings (form)": leader,
        "change ward settings": leader,
    }


ROWS = [("ward settings", state, user, _cells(state, user)) for state in ("own ward", "other ward") for user in KINDS]
