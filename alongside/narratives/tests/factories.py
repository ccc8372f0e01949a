"""Stories as the team would write them, through the actions (tests may import any app)."""

from alongside.core.tests.requests import acting_as
from alongside.narratives import actions
from alongside.narratives.models import Story, Theme


def tell(recorder, team, *, level="team", teller="supported", own=False, words="A story in my own words."):
    """A story written down by `recorder`; answers it with its withdrawal code ('' when it is the recorder's own)."""
    return actions.record_story(
        acting_as(recorder), team, teller="staff" if own else teller, own=own, words=words, level=level, agreed=True
    )


def ready(story: Story, by, title="Being heard", themes=("Being listened to",)) -> Story:
    """De-identified and themed, so it may be shared."""
    story.refresh_from_db()
    ids = [Theme.objects.get_or_create(team_id=story.team_id, name=name)[0].pk for name in themes]
    return actions.prepare(
        acting_as(by),
        story,
        story.version,
        title=title,
        deidentified="A story with names taken out.",
        themes=ids,
        new_theme="",
    )


def checked(story: Story, by) -> Story:
    """Checked safe to share beyond the team by `by` (a care member of the team other than its recorder and
    de-identifier)."""
    story.refresh_from_db()
    return actions.check_safe(acting_as(by), story, story.version)
