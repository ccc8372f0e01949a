"""What the story pages read, each in a constant number of queries. Stories are read only as the rules allow; a
story or team the user is not to see answers 404, exactly like one that does not exist."""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from alongside.partners.models import Team
from alongside.partners.roles import caring_team_ids

from . import rules
from .models import Level, Session, Story, Theme


def my_team(request, team_id: int) -> Team:
    """A team the user gives care in, else 404."""
    if not rules.in_team(request, team_id):
        raise Http404
    team = next((m.team for m in request.memberships if m.team_id == team_id), None)
    if team is None:
        raise Http404
    return team


def story_for(request, story_id: int) -> Story:
    story = (
        Story.objects.select_related("team", "recorded_by")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .filter(pk=story_id)
        .first()
    )
    if story is None or not rules.sees(request, story):
        raise Http404
    return story


def stage(story: Story) -> str:
    """Where a story is: withdrawn, waiting to be de-identified, waiting for themes, or ready to share."""
    if story.withdrawn:
        return "withdrawn"
    if not story.deidentified_at:
        return "waiting"
    if not story.theme_count:  # type: ignore[attr-defined]
        return "themes"
    if story.waits_for_check:
        return "check"
    return "ready"


STAGE_WORDS = {
    "withdrawn": "Withdrawn by the teller",
    "waiting": "Waiting for names to be taken out",
    "themes": "Waiting for themes",
    "check": "Shared in the team only: waiting for a check before it goes further",
    "ready": "Ready to share",
}


@dataclass(frozen=True)
class TeamStories:
    team: Team
    stories: list[Story]
    sessions: list[Session]
    themes: list[Theme]


def team_stories(request, team: Team) -> TeamStories:
    """A team's stories (newest first), its coming and past sessions, and its themes: 3 queries and 1 for themes."""
    stories = list(
        Story.objects.filter(team=team)
        .annotate(theme_count=Count("themes"))
        .select_related("recorded_by")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by(F("withdrawn_at").asc(nulls_first=True), "-recorded_at", "-pk")  # withdrawn ones last
    )
    sessions = list(
        Session.objects.filter(team=team).annotate(story_count=Count("stories")).order_by("-on", "-pk")[:20]
    )
    return TeamStories(team, stories, sessions, list(Theme.objects.filter(team=team)))


def shareable(team: Team, audience: str) -> list[Story]:
    """The stories a session of this team for this audience may share: de-identified, themed, not withdrawn,
    within their consent (for the partnership, every team's that agreed to the partnership or wider)."""
    found = Story.objects.filter(withdrawn_at__isnull=True, deidentified_at__isnull=False, themes__isnull=False)
    if audience == Session.Audience.PARTNERSHIP:
        found = found.filter(level__in=[Level.PARTNERSHIP, Level.PUBLIC], checked_at__isnull=False)
    else:
        found = found.filter(team=team)
    return list(found.distinct().select_related("team").order_by("-recorded_at"))


def session_for(request, session_id: int) -> tuple[Session, list[Story]]:
    session = Session.objects.select_related("team", "planned_by").filter(pk=session_id).first()
    if session is None or not rules.sees_session(request, session):
        raise Http404
    chosen = session.stories.filter(withdrawn_at__isnull=True)
    if session.audience == Session.Audience.PARTNERSHIP:  # beyond the team only once checked safe to share
        chosen = chosen.filter(checked_at__isnull=False)
    stories = list(
        chosen.select_related("team")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("pk")
    )
    return session, stories


def told_by(request) -> list[Story]:
    """The user's own stories (as teller), withdrawn ones too, newest first."""
    return list(Story.objects.filter(teller_user=request.user).select_related("team").order_by("-recorded_at"))


def recorded_by(request) -> list[Story]:
    """The stories the user wrote down for someone else, newest first."""
    return list(
        Story.objects.filter(recorded_by=request.user)
        .exclude(teller_user=request.user)
        .select_related("team")
        .order_by("-recorded_at")
    )


def panel(request, team: Team) -> dict | None:
    """The team page's panel: how many stories wait to be de-identified or themed, and the next session. Two
    queries, for the team's care members only."""
    if team.pk not in caring_team_ids(request):
        return None
    counts = Story.objects.filter(team=team, withdrawn_at__isnull=True).aggregate(
        waiting=Count("pk", filter=Q(deidentified_at__isnull=True), distinct=True),
        ready=Count("pk", filter=Q(deidentified_at__isnull=False, themes__isnull=False), distinct=True),
        all=Count("pk", distinct=True),
    )
    upcoming = Session.objects.filter(team=team, on__gte=timezone.localdate()).order_by("on", "pk").first()
    return {"team": team, "counts": counts, "upcoming": upcoming}


PUBLIC_SHOWN = 50


def public_stories() -> list[Story]:
    """Stories whose tellers agreed to the public, with names taken out and themed, newest first: two queries."""
    return list(
        Story.objects.filter(
            level=Level.PUBLIC,
            withdrawn_at__isnull=True,
            deidentified_at__isnull=False,
            checked_at__isnull=False,
            themes__isnull=False,
        )
        .distinct()
        .only("pk", "title", "deidentified", "teller", "recorded_at")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("-recorded_at", "-pk")[:PUBLIC_SHOWN]
    )


def session_with(session_id: int, story: Story) -> Session | None:
    """The learning session, with its team, if it shares this story; else None."""
    return Session.objects.select_related("team").filter(pk=session_id, stories=story).first()
