"""The demo borough's pulses: six months for several teams, Riverside's with months shown and held back and this
month still open to its demo logins, one session planned; and nothing that links an answer to its author."""

import pytest

from alongside.climate.models import Answered, DialogueSession, PulseAnswer
from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.partners.models import Team


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


def test_the_demo_teams_have_six_months_of_pulses_and_riverside_a_session(built, client):
    assert len(set(PulseAnswer.objects.values_list("team_id", flat=True))) >= 3
    assert len(set(PulseAnswer.objects.values_list("month", flat=True))) == 6
    riverside = Team.objects.get(name="Riverside neighbourhood team")
    assert DialogueSession.objects.filter(team=riverside, happened=None).count() == 1
    for login in ("team_leader", "clinician"):
        user = DemoLogin.objects.get(user__username=login).user
        assert not Answered.objects.filter(user=user, month=PulseAnswer.objects.latest("month").month).exists()
        client.force_login(user)
        page = texts(client.get(f"/climate/teams/{riverside.pk}/"))
        assert "You have not answered this month yet" in page
        assert page.count("Not shown: fewer than 5 answered") == 2
        assert "Answering is open: shown after the month ends" in page
        assert page.count(" answered") >= 3
        assert "Meeting room 2, Riverside clinic" in page
    leader = DemoLogin.objects.get(user__username="team_leader").user
    client.force_login(leader)
    assert "Plan a session" in texts(client.get(f"/climate/teams/{riverside.pk}/"))
    # the answers keep no user and no time, for the demo's own people as for anyone
    assert {f.name for f in PulseAnswer._meta.get_fields()} == {"id", "team", "month", "definition", "values"}
