"""Reflection's team panel ("reflection patterns"), which a team's page and a reflective practice session show:
only for those who give care in the team, a month with fewer than 5 reflections held back, and the month
not yet over too, in one query."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.core import registry
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory

from .factories import ReflectionFactory

pytestmark = pytest.mark.django_db


def test_the_panel_is_for_those_who_give_care_in_the_team(member):
    team = TeamFactory()
    panel = registry.team_panel("reflection patterns")
    assert panel is not None
    for role in ("admin", "volunteer", "ig_reviewer"):
        assert panel.context(acting_as(member(role, team=team)), team) is None
    assert panel.context(acting_as(member("clinician", team=TeamFactory())), team) is None
    assert panel.context(acting_as(member("clinician", team=team)), team) is not None


def test_a_month_with_fewer_than_5_is_held_back_and_then_shown_hardest_first(member, django_assert_num_queries):
    team = TeamFactory()
    request = acting_as(member("team_leader", team=team))
    panel = registry.team_panel("reflection patterns")
    last = timezone.now().replace(day=1) - timedelta(days=10)  # last month: over, so it may be shown
    for _ in range(4):
        ReflectionFactory(team=team, hard=["hope_stories", "listen"], written_at=last)
    for _ in range(6):
        ReflectionFactory(team=team, hard=["equals"])  # this month: not over, never shown however many
    assert panel.context(request, team)["latest"] is None
    ReflectionFactory(team=team, hard=["hope_stories"], written_at=last)
    with django_assert_num_queries(1):
        found = panel.context(request, team)
    assert found["latest"].count == 5
    assert [(tip.key, percent) for tip, percent in found["hardest"]] == [("hope_stories", 100), ("listen", 80)]
