"""The demo borough's counts of suggestions: the demo team leader's "Words we use" page shows six months of their
team's counts, and nothing but counts."""

import pytest

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.language.models import SuggestionCount
from alongside.partners.models import Membership


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=200)


def test_the_demo_team_leader_sees_six_months_of_their_teams_counts(built, client):
    assert all(taken <= shown for shown, taken in SuggestionCount.objects.values_list("shown", "taken"))
    leader = DemoLogin.objects.get(user__username="team_leader").user
    client.force_login(leader)
    page = texts(client.get("/language/team/"))
    assert "No suggestions yet" not in page
    led = Membership.objects.filter(user=leader, role="team_leader").values_list("team_id", flat=True)
    assert SuggestionCount.objects.filter(team_id__in=led).count() == 6 * len(led) > 0
