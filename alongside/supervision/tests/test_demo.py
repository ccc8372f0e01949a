"""Supervision in the demo borough: six months for every team with care staff, with gaps, group sessions, sessions
booked ahead and reflective practice with themes, seen by the Riverside team leader and clinician."""

import pytest

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.partners.models import Team
from alongside.supervision.models import ReflectiveSession, SupervisionSession
from alongside.supervision.panels import figure


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


def test_the_demo_team_leader_sees_gaps_and_the_clinician_their_own_line(built, client):
    assert SupervisionSession.objects.filter(kind="group").exists()
    assert {"booked", "happened", "did_not_happen"} <= set(SupervisionSession.objects.values_list("status", flat=True))
    assert ReflectiveSession.objects.count() >= 6 * 3
    riverside = Team.objects.get(name="Riverside neighbourhood team")
    client.force_login(DemoLogin.objects.get(user__username="team_leader").user)
    coverage = texts(client.get(f"/supervision/teams/{riverside.pk}/coverage/"))
    assert "No: book one" in coverage and "Yes" in coverage
    team_page = texts(client.get(f"/teams/{riverside.pk}/"))
    assert "staff have had supervision in the last 6 weeks" in team_page
    client.force_login(DemoLogin.objects.get(user__username="clinician").user)
    own = texts(client.get(f"/supervision/teams/{riverside.pk}/coverage/"))
    assert "Your supervision in the last 6 weeks" in own and "Yes" in own and "No: book one" not in own
    mine = texts(client.get(f"/supervision/teams/{riverside.pk}/"))
    assert "Your sessions coming up" in mine and "Nothing is booked yet" not in mine
    reflective = ReflectiveSession.objects.filter(team=riverside).first()
    assert "What the team talked about" in texts(client.get(f"/supervision/reflective-practice/{reflective.pk}/"))


def test_every_team_with_care_staff_has_supervision_even_a_team_of_one(built):
    shares = figure(list(Team.objects.values_list("pk", flat=True)))
    counted = {team_id: share for team_id, share in shares.items() if share.of}
    alone = [team_id for team_id, share in counted.items() if share.of == 1]
    assert alone, "the demo has GP practice teams of one"
    assert all(counted[team_id].count == 1 for team_id in alone)  # supervised by a GP from another practice
    assert all(share.count > 0 for share in counted.values())
