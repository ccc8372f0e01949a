"""Who may see and do what with a story, from the user's memberships (read with the request) and the story alone.

- Its own words: only whoever wrote it down and the teller (when the teller has an account).
- Its de-identified version: the care members of its team; for the partnership or public, team leaders and
  administrators across the partnership too.
- Making the de-identified version: whoever wrote it down (they have the words). While there is none, the form starts
  from the own words, so only someone who reads them (`reads_words`) reaches it. Then the team's care members may
  improve it and add themes.
- Sharing it beyond the team (partnership or public): only after a second care member of the team, neither whoever
  wrote it down nor whoever last de-identified it, checked it is safe. Until then it is shared in the team only.
- Withdrawing it: the teller, and whoever wrote it down when the teller asks them.
Nothing is seen of a withdrawn story but its tombstone, and that only by those who saw it before.
"""

from alongside.partners.roles import caring_team_ids, leads_team, sees_partnership

from .consent import reaches
from .models import Session, Story


def is_teller(request, story: Story) -> bool:
    return story.teller_user_id is not None and story.teller_user_id == request.user.pk


def is_recorder(request, story: Story) -> bool:
    return story.recorded_by_id == request.user.pk


def reads_words(request, story: Story) -> bool:
    return not story.withdrawn and (is_teller(request, story) or is_recorder(request, story))


def in_team(request, team_id: int) -> bool:
    return team_id in caring_team_ids(request)


def sees(request, story: Story) -> bool:
    """Sees the story's page (its words or its de-identified version, or its tombstone)."""
    if is_teller(request, story) or is_recorder(request, story) or in_team(request, story.team_id):
        return True
    return (
        not story.withdrawn
        and reaches(story.level, "partnership")
        and sees_partnership(request)
        and bool(story.deidentified_at)
        and story.checked_at is not None
    )


def starts_from_words(story: Story) -> bool:
    """The "take out names" form starts from the teller's own words: there is no de-identified version yet."""
    return not story.deidentified


def prepares(request, story: Story) -> bool:
    """May write the de-identified version and the themes."""
    if story.withdrawn:
        return False
    return is_recorder(request, story) or (in_team(request, story.team_id) and bool(story.deidentified_at))


def checks(request, story: Story) -> bool:
    """May check that the de-identified version is safe to share beyond the team: a care member of the team who
    neither wrote it down nor last de-identified it, while it waits for that check."""
    return (
        not story.withdrawn
        and story.waits_for_check
        and bool(story.deidentified_at)
        and in_team(request, story.team_id)
        and request.user.pk not in (story.recorded_by_id, story.prepared_by_id)
    )


def withdraws(request, story: Story) -> bool:
    return not story.withdrawn and (is_teller(request, story) or is_recorder(request, story))


def sees_session(request, session: Session) -> bool:
    if session.audience == Session.Audience.PARTNERSHIP:
        return sees_partnership(request)
    return in_team(request, session.team_id)


def plans_for(request, team_id: int, audience: str) -> bool:
    """Plans a learning session: the team's care members for the team; its leaders for the partnership."""
    if audience == Session.Audience.PARTNERSHIP:
        return leads_team(request, team_id)
    return in_team(request, team_id)
