"""Reflections in the demo borough: the last months of the workers' reflections, with enough in some team-months
to show patterns and few enough in others to hold them back, and the demo clinician's own."""

import pytest

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.partners.models import Membership
from alongside.reflection.models import Reflection
from alongside.reflection.tips import KEYS


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


def test_the_demo_workers_have_reflected_and_their_teams_see_some_months_and_not_others(built, client):
    assert Reflection.objects.count() > 50
    assert all(set(hard) <= set(KEYS) for hard in Reflection.objects.values_list("hard", flat=True))
    clinician = DemoLogin.objects.get(user__username="clinician").user
    client.force_login(clinician)
    own = texts(client.get("/reflection/"))
    assert "You have not written any yet" not in own and "You found these hard" in own
    shown = held_back = 0
    for team_id in Membership.objects.filter(role__in=["clinician", "social_worker"]).values_list("team_id", flat=True):
        member = Membership.objects.filter(team_id=team_id, role__in=["clinician", "social_worker"]).first().user
        client.force_login(member)
        page = texts(client.get(f"/reflection/teams/{team_id}/"))
        shown += page.count("reflections, hardest first")
        held_back += page.count("Not shown: fewer than 5")
    assert shown >= 3 and held_back >= 3
