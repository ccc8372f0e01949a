"""Stories in the demo borough: Riverside's at each consent level, one withdrawn, learning sessions; the demo person
told one and sees it in "Your stories"; the team leader and clinician see the team's stories and panel."""

import pytest

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.narratives.models import Session, Story


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


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


def test_no_demo_story_shows_twice_beyond_its_team(built, client):
    """Each team's stories differ where others can read them: the public page and a partnership session."""
    shared = Story.objects.filter(level__in=["partnership", "public"], withdrawn_at__isnull=True)
    titles = [t for t in shared.values_list("title", flat=True) if t]
    assert titles and len(titles) == len(set(titles))
    assert set(shared.values_list("team__name", flat=True)) == {"Riverside neighbourhood team"}
    public = client.get("/stories/shared/").content.decode()
    assert public.count("Why I stayed") == 1
    session = Session.objects.get(audience="partnership")
    client.force_login(DemoLogin.objects.get(user__username="admin").user)
    page = client.get(f"/stories/sessions/{session.pk}/").content.decode()
    assert page.count("Not telling it all again") == 1 and page.count("Why I stayed") == 1
