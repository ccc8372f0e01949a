"""The service environment audit in the demo borough: Riverside neighbourhood team has a closed round and an open one
with both views shown, which the team_leader and clinician logins see and can still answer; Hillcrest's open round
has too few people's answers, so their view is held back."""

import pytest
from django.core.management import call_command

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.partners.models import Team
from alongside.service_environment.models import PeopleAnswers, Round, TeamAnswers


@pytest.fixture
def built(transactional_db, settings):
    settings.DEMO_MODE = True
    call_command("demo", "--seed", "2026", "--people", "300", verbosity=0)


def test_the_demo_teams_have_rounds_with_both_views(built, client):
    riverside = Team.objects.get(name="Riverside neighbourhood team")
    hillcrest = Team.objects.get(name="Hillcrest neighbourhood team")
    assert Round.objects.filter(team=riverside).count() == 2
    current = Round.objects.get(team=riverside, closed_at__isnull=True)
    assert PeopleAnswers.objects.filter(round=current).count() >= 5
    for username in ("team_leader", "clinician"):
        user = DemoLogin.objects.get(user__username=username).user
        assert not TeamAnswers.objects.filter(round=current, member=user).exists()
        client.force_login(user)
        team_page = texts(client.get(f"/teams/{riverside.pk}/"))
        assert "A round is open since" in team_page
        results = texts(client.get(f"/service-environment/rounds/{current.pk}/results/"))
        assert "Where we see it differently" in results and "Shaping the service" in results
    held = Round.objects.get(team=hillcrest, closed_at__isnull=True)
    assert 0 < PeopleAnswers.objects.filter(round=held).count() < 5
    assert TeamAnswers.objects.filter(round=held).count() >= 5
