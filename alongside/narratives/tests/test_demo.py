"""Stories in the demo borough: Riverside's at each consent level, one withdrawn, learning sessions; the demo person
told one and sees it in "Your stories"; the team leader and clinician see the team's stories and panel."""

import pytest
from django.core.management import call_command

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.narratives.models import Session, Story


@pytest.fixture
def built(transactional_db, settings):
    settings.DEMO_MODE = True
    call_command("demo", "--seed", "2026", "--people", "300", verbosity=0)


def test_the_demo_has_stories_at_each_level_one_withdrawn_and_sessions(built, client):
    riverside = Story.objects.filter(team__name="Riverside neighbourhood team")
    assert set(riverside.values_list("level", flat=True)) == {"team", "partnership", "public"}
    assert riverside.filter(withdrawn_at__isnull=False, words="").count() == 1
    assert Session.objects.filter(team__name="Riverside neighbourhood team", stories__isnull=False).exists()
    assert Session.objects.filter(audience="partnership").exists()
    team_id = riverside.first().team_id
    for login in ("team_leader", "clinician"):
        client.force_login(DemoLogin.objects.get(user__username=login).user)
        page = texts(client.get(f"/stories/teams/{team_id}/"))
        assert "Ready to share" in page and "Withdrawn by the teller on" in page
        assert "Stories of lived experience" in texts(client.get(f"/teams/{team_id}/"))
    client.force_login(DemoLogin.objects.get(user__username="person").user)
    assert "Your stories" in texts(client.get("/"))
    assert "A walk instead of a form" in texts(client.get("/stories/"))
