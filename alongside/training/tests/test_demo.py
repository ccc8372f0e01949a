"""Training in the demo borough: records for the staff of every team, with some expired and some due soon, seen
by the Riverside neighbourhood team's leader (with names) and clinician (their own)."""

import pytest

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.partners.models import Membership
from alongside.training.models import Record


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


def test_the_demo_staff_have_training_some_expired_and_some_due_soon(built, client):
    assert Record.objects.values("user").distinct().count() > 20
    leader = DemoLogin.objects.get(user__username="team_leader").user
    team = Membership.objects.get(user=leader, role="team_leader").team
    assert team.name == "Riverside neighbourhood team"
    client.force_login(leader)
    page = texts(client.get(f"/training/teams/{team.pk}/"))
    assert "have done recovery approach training in date" in page
    assert ": Expired" in page and ": Due soon" in page
    client.force_login(DemoLogin.objects.get(user__username="clinician").user)
    own = texts(client.get("/training/"))
    assert "Due soon" in own and "Not recorded yet" not in own.split("The recovery approach")[1][:40]
    assert "Training" in texts(client.get(f"/teams/{team.pk}/"))
