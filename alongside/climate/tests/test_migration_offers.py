"""Migration 0003: an imported set a team already uses is offered to the team's organisation, so that its leader
can choose it again after moving away; shipped sets need no offer, and running it twice changes nothing."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from alongside.climate import definitions
from alongside.climate.models import OfferedQuestions, TeamQuestions
from alongside.partners.tests.factories import TeamFactory

migration = import_module("alongside.climate.migrations.0003_offer_the_sets_teams_use")
pytestmark = pytest.mark.django_db


def test_the_imported_sets_teams_use_are_offered_to_their_organisations_once():
    on_it, moving_away, shipped_only = TeamFactory(), TeamFactory(), TeamFactory()
    today = timezone.localdate()
    TeamQuestions.objects.create(team=on_it, definition="tci-14", since=today)
    TeamQuestions.objects.create(team=moving_away, definition=definitions.DEFAULT, previous="our-own", since=today)
    TeamQuestions.objects.create(team=shipped_only, definition=definitions.DEFAULT, since=today)

    migration.offer_the_sets_teams_use(apps, None)
    migration.offer_the_sets_teams_use(apps, None)

    offered = set(OfferedQuestions.objects.values_list("organisation_id", "definition"))
    assert offered == {(on_it.organisation_id, "tci-14"), (moving_away.organisation_id, "our-own")}
