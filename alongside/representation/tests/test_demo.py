"""Representation in the demo borough: six events, four past and two to come, for several teams. The past ones
have who went (one did not go) and notes for the team, and the demo team leader and clinician see their team's
rota and its panel."""

from datetime import date, timedelta

import pytest

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.partners.models import Team
from alongside.representation.demo_step import meeting_day
from alongside.representation.models import Event, Invitation, Seat


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


def test_the_demo_has_a_rota_for_six_events_that_the_riverside_team_sees(built, client):
    assert Event.objects.count() == 6
    riverside = Team.objects.get(name="Riverside neighbourhood team")
    assert Invitation.objects.filter(team=riverside).count() == 6
    assert Invitation.objects.values("team").distinct().count() >= 3
    assert Seat.objects.filter(went=True).exists() and Seat.objects.filter(went=False).exists()
    assert Invitation.objects.exclude(note="").exists()
    for login in ("team_leader", "clinician"):
        client.force_login(DemoLogin.objects.get(user__username=login).user)
        page = texts(client.get(f"/representation/teams/{riverside.pk}/"))
        assert "Partnership board: the year ahead" in page and "Went" in page and "Did not go" in page
        assert "Who went is not recorded yet" in page
        assert "Next: Partnership board: the year ahead" in texts(client.get(f"/teams/{riverside.pk}/"))


def test_demo_events_are_never_on_a_weekend_a_monday_a_friday_or_over_christmas():
    boxing_day = date(2026, 12, 26)
    assert meeting_day(boxing_day, later=True) == date(2027, 1, 5)
    assert meeting_day(boxing_day, later=False) == date(2026, 12, 17)
    for n in range(800):
        for later in (True, False):
            day = meeting_day(date(2026, 1, 1) + timedelta(days=n), later)
            assert day.weekday() in (1, 2, 3)
            assert not (day.month == 12 and day.day >= 20) and not (day.month == 1 and day.day <= 2)
