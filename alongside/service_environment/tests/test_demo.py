"""The service environment audit in the demo borough: Riverside neighbourhood team has a closed round with both views
shown and an open one, which the team_leader and clinician logins see and can still answer; Hillcrest's open round
has too few people's answers. Every people's answer came through a used link, and a few links were not used."""

import pytest

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.partners.models import Team
from alongside.service_environment.models import Link, PeopleAnswers, Round, TeamAnswers


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


def test_the_demo_teams_have_rounds_with_both_views(built, client):
    riverside = Team.objects.get(name="Riverside neighbourhood team")
    hillcrest = Team.objects.get(name="Hillcrest neighbourhood team")
    assert Round.objects.filter(team=riverside).count() == 2
    current = Round.objects.get(team=riverside, closed_at__isnull=True)
    closed = Round.objects.get(team=riverside, closed_at__isnull=False)
    assert PeopleAnswers.objects.filter(round=current).count() >= 5
    for username in ("team_leader", "clinician"):
        user = DemoLogin.objects.get(user__username=username).user
        assert not TeamAnswers.objects.filter(round=current, member=user).exists()
        client.force_login(user)
        team_page = texts(client.get(f"/teams/{riverside.pk}/"))
        assert "A round has been open since" in team_page
        results = texts(client.get(f"/service-environment/rounds/{closed.pk}/results/"))
        assert "Where we see it differently" in results and "Shaping the service" in results
        open_results = texts(client.get(f"/service-environment/rounds/{current.pk}/results/"))
        assert "The views are shown when the round closes" in open_results
    people = PeopleAnswers.objects.filter(round=current).count()
    links = texts(client.get(f"/service-environment/rounds/{current.pk}/links/"))
    assert f"{people + 2} links made so far; {people} used." in links
    for round_ in Round.objects.all():
        answered = PeopleAnswers.objects.filter(round=round_).count()
        assert Link.objects.filter(round=round_, used_at__isnull=False).count() == answered
    held = Round.objects.get(team=hillcrest, closed_at__isnull=True)
    assert 0 < PeopleAnswers.objects.filter(round=held).count() < 5
    assert TeamAnswers.objects.filter(round=held).count() >= 5
