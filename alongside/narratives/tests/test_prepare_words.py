"""The "take out names" page starts from the teller's own words until there is a de-identified version, so only
someone who may read those words (`rules.reads_words`: whoever wrote it down, or the teller) reaches it then. Anyone
else in the team gets the site's 404, and the action refuses them, even if the story was once marked prepared with
nothing left in its de-identified version."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from alongside.core.tests.requests import acting_as
from alongside.narratives import actions
from alongside.narratives.models import Story

from .factories import ready, tell

pytestmark = pytest.mark.django_db

OWN_WORDS = "Sam from the library rang me every Tuesday and I felt less alone."


@pytest.fixture
def recorder(member, team):
    return member("clinician", team=team, first_name="Rae", last_name="Corder")


@pytest.fixture
def colleague(member, team):
    """In the team's care, but did not write the story down: may not read its own words."""
    return member("clinician", team=team, first_name="Col", last_name="League")


@pytest.fixture
def story(recorder, team) -> Story:
    found, _ = tell(recorder, team, words=OWN_WORDS)
    return found


def prepare_as(user, story: Story) -> Story:
    story.refresh_from_db()
    return actions.prepare(
        acting_as(user), story, story.version, title="Heard", deidentified="Someone rang.", themes=[], new_theme=""
    )


@pytest.mark.parametrize("marked_prepared", [False, True], ids=["never prepared", "prepared but emptied"])
def test_someone_in_the_team_who_may_not_read_the_words_cannot_see_them_on_the_page(
    client, story, colleague, marked_prepared
):
    if marked_prepared:  # a de-identified version marked as made, yet empty: the form would start from the words
        Story.objects.filter(pk=story.pk).update(deidentified="", deidentified_at=timezone.now())
    client.force_login(colleague)
    url = f"/stories/{story.pk}/prepare/"
    for answer in (client.get(url), client.post(url, {"version": "1", "title": "x", "deidentified": "y"})):
        assert answer.status_code == 404
        assert OWN_WORDS not in answer.content.decode()
    with pytest.raises(PermissionDenied):
        prepare_as(colleague, story)
    story.refresh_from_db()
    assert story.deidentified == "" and story.prepared_by_id is None


def test_whoever_wrote_it_down_starts_from_the_words_and_then_the_team_works_on_the_version_without_names(
    client, story, recorder, colleague
):
    client.force_login(recorder)
    assert OWN_WORDS in client.get(f"/stories/{story.pk}/prepare/").content.decode()
    ready(story, recorder)
    client.force_login(colleague)
    page = client.get(f"/stories/{story.pk}/prepare/").content.decode()
    assert "A story with names taken out." in page and OWN_WORDS not in page
    assert prepare_as(colleague, story).deidentified == "Someone rang."
