"""The demo's volunteer profiles: practices as the borough plans them, capacity 2 to 5, most in good standing,
some due within 60 days, exactly one lapsed, and never the "volunteer" login."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from alongside.demo import borough
from alongside.demo.borough import volunteer_practices
from alongside.volunteers import profiles_queries as queries
from alongside.volunteers.demo_profiles import plan_profiles
from alongside.volunteers.models import Volunteer
from alongside.volunteers.standing import CURRENT_AGREEMENT, Held, standing

TODAY = date(2026, 12, 4)


def standings(seed: int):
    plans = plan_profiles(seed, ["volunteer", *(f"v{n}" for n in range(39))], TODAY)
    return plans, [standing([Held(k, e) for k, (_d, e) in p.held.items()], CURRENT_AGREEMENT, TODAY) for p in plans]


def test_exactly_one_volunteer_has_lapsed_some_are_due_soon_and_the_login_is_in_good_standing():
    for seed in (1, 2, 42):
        plans, found = standings(seed)
        assert len(plans) == 40
        assert sum(not s.may_take_clients for s in found) == 1
        assert found[0].may_take_clients and found[0].due_soon
        assert 3 <= sum(bool(s.due_soon) for s in found) <= 10
        assert all(p.practices == volunteer_practices(i) for i, p in enumerate(plans))
        assert all(2 <= p.capacity <= 5 for p in plans)
        assert all(done < expires for p in plans for done, expires in p.held.values())


def test_the_same_seed_gives_the_same_profiles():
    assert standings(7)[0] == standings(7)[0]


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=400)


def test_the_built_demo_gives_every_volunteer_a_profile_and_the_logins_see_them(built, client):
    today = timezone.localdate()
    profiles = list(Volunteer.objects.prefetch_related("checks", "training", "agreements", "practices"))
    assert len(profiles) == 40
    found = {p.user.username: queries.standing_of(p, today) for p in profiles}
    assert sum(not s.may_take_clients for s in found.values()) == 1
    assert found["volunteer"].may_take_clients
    login = Volunteer.objects.get(user__username="volunteer")
    assert [p.name for p in login.practices.all()] == [borough.PRACTICE_NAMES[0]]
    client.force_login(login.user)
    page = client.get("/").content.decode()
    assert "You can take new clients" in page and "Due soon" in page
    client.force_login(get_user_model().objects.get(username="coordinator"))
    page = client.get("/").content.decode()
    assert "1 volunteer may not take new clients" in page
    assert client.get("/volunteers/hub/").status_code == 200
