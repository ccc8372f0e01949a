"""What the climate pages read: the user's own teams (any role), whether they answered this month, a team's
results for the last months (anonymous, held back under five), and its dialogue sessions."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from alongside.partners.models import Team
from alongside.partners.roles import leads_team, member_team_ids

from . import catalogue, results
from .definitions import Definition
from .models import Answered, DialogueSession, PulseAnswer, TeamQuestions

MONTHS_SHOWN = 6


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def member_team(request, team_id: int) -> Team | None:
    """The team, when the user belongs to it in any role; else None (as for a team that does not exist)."""
    if team_id not in member_team_ids(request):
        return None
    return next(m.team for m in request.memberships if m.team_id == team_id)


def led_team(request, team_id: int) -> Team | None:
    team = member_team(request, team_id)
    return team if team is not None and leads_team(request, team_id) else None


def definition_for(team: Team) -> Definition:
    chosen = TeamQuestions.objects.filter(team=team).values_list("definition", flat=True).first()
    return catalogue.get(chosen)


def has_answered(request, team: Team, month: date) -> bool:
    return Answered.objects.filter(team=team, month=month, user=request.user).exists()


def team_results(team: Team, definition: Definition, today: date) -> list[results.Month]:
    """The last months' results of the team's answers to its definition, newest first; one query. This month is
    still open for answers, so it is held back whatever its count (results.monthly says why)."""
    months = results.months_back(today, MONTHS_SHOWN)
    rows = PulseAnswer.objects.filter(
        team=team, definition=definition.code, month__gte=months[-1], month__lt=months[0]
    ).values_list("month", "values")
    answered = (results.Answered(month, values) for month, values in rows)
    return results.monthly(answered, months, definition, open_from=months[0])


@dataclass(frozen=True)
class Sessions:
    coming: list[DialogueSession]
    past: list[DialogueSession]


def sessions(team: Team) -> Sessions:
    now = timezone.now()
    found = list(DialogueSession.objects.filter(team=team).order_by("starts_at", "pk"))
    return Sessions(
        coming=[s for s in found if s.starts_at >= now],
        past=sorted((s for s in found if s.starts_at < now), key=lambda s: s.starts_at, reverse=True),
    )


def next_session(team: Team) -> DialogueSession | None:
    return DialogueSession.objects.filter(team=team, starts_at__gte=timezone.now()).order_by("starts_at").first()


def led_session(request, team_id: int, session_id: int) -> tuple[Team, DialogueSession] | None:
    team = led_team(request, team_id)
    session = DialogueSession.objects.filter(team=team, pk=session_id).first() if team else None
    return (team, session) if team is not None and session is not None else None


def not_answered_teams(request) -> list[Team]:
    """The user's teams they have not answered this month's pulse for, by name; one query."""
    mine = set(member_team_ids(request))
    if not mine:
        return []
    done = set(Answered.objects.filter(user=request.user, month=this_month()).values_list("team_id", flat=True))
    teams = {m.team for m in request.memberships if m.team_id in mine - done}
    return sorted(teams, key=lambda t: (t.name, t.pk))
