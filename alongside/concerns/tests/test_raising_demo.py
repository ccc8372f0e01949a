"""The demo borough's routes and the two open concerns the raising part adds: each hub has its routes; the
'volunteer' login raised a health worry and a social one about their clients; the 'coordinator' login has a queue,
and the health worry's named worker has it to act on from their home page."""

import pytest

from alongside.concerns.models import Concern, Route
from alongside.demo.models import DemoLogin
from alongside.partners.models import Team


@pytest.fixture
def borough(demo_borough):
    """The demo command builds on a connection of its own that commits (see referrals' test_demo_build)."""
    demo_borough(seed=5, people=300)


def test_the_demo_hub_routes_and_two_open_concerns(borough, client):
    hub = Team.objects.get(name="Living Well volunteer hub")
    routes = {
        r.urgency: (r.kind, r.team_leader.username if r.team_leader else None) for r in Route.objects.filter(hub=hub)
    }
    assert routes == {
        "today": ("team_leader_call", "team_leader"),
        "few_days": ("monthly_meeting", None),
        "next_meeting": ("coffee_morning", None),
    }
    volunteer = DemoLogin.objects.get(role="volunteer").user
    mine = Concern.objects.filter(raised_by=volunteer, hub=hub, status="open", recorded_by=None)
    assert {"health", "social"} <= set(mine.values_list("kind", flat=True))  # the loop's step adds more
    health = mine.filter(kind="health", for_user__isnull=False).first()
    assert health is not None

    client.force_login(DemoLogin.objects.get(role="coordinator").user)
    queue = client.get("/concerns/queue/").content.decode()
    assert mine.filter(kind="social").first().person.full_name in queue
    client.force_login(health.for_user)
    assert f"/concerns/{health.pk}/" in client.get("/").content.decode()
    client.force_login(volunteer)
    home = client.get("/").content.decode()
    assert "Raise a concern" in home and f"/concerns/{health.pk}/" in home
