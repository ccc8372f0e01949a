"""What the climate pages read: the user's own teams (any role), whether they answered this month, a team's
results for the last months (anonymous, held back under five), and its dialogue sessions."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from alongside.partners.models import Team
from alongside.partners.roles import leads_team, member_team_ids

from . import catalogue, definitions, results
from .definitions import Definition
from .models import Answered, DialogueSession, OfferedQuestions, PulseAnswer, TeamQuestions

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


def next_month(month: date) -> date:
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


def choice(team: Team) -> TeamQuestions | None:
    return TeamQuestions.objects.filter(team=team).first()


def _answered_in(chosen: TeamQuestions | None, month: date) -> Definition:
    return catalogue.get(chosen.code_for(month) if chosen else None)


def definition_for(team: Team, month: date | None = None) -> Definition:
    """The set of questions the team answers in `month` (this month when not given): a change of set takes effect
    from the next month, so a month keeps the set it started with."""
    return _answered_in(choice(team), month or this_month())


@dataclass(frozen=True)
class Sets:
    """The set the team answers this month, the one it will answer next month (`starts` is its first day), and the
    version of the team's choice (0 when none was made yet); one query."""

    current: Definition
    coming: Definition
    starts: date
    version: int

    @property
    def changing(self) -> bool:
        return self.coming.code != self.current.code


def sets(team: Team) -> Sets:
    chosen, month = choice(team), this_month()
    starts = next_month(month)
    return Sets(_answered_in(chosen, month), _answered_in(chosen, starts), starts, chosen.version if chosen else 0)


def offered(team: Team) -> dict[str, Definition]:
    """The sets the team's leader may choose: the shipped ones, and those imported for the team's organisation."""
    mine = set(
        OfferedQuestions.objects.filter(organisation_id=team.organisation_id).values_list("definition", flat=True)
    )
    shipped = definitions.shipped()
    return {code: found for code, found in catalogue.available().items() if code in shipped or code in mine}


def has_answered(request, team: Team, month: date) -> bool:
    return Answered.objects.filter(team=team, month=month, user=request.user).exists()


@dataclass(frozen=True)
class Results:
    """A run of months, newest first, answered with one set of questions, and each month's results."""

    definition: Definition
    months: list[results.Month]

    @property
    def movements(self) -> list[results.Movement]:
        return results.movements(self.months, self.definition)


def team_results(team: Team, current: Definition, today: date) -> list[Results]:
    """The last months' results, newest first, in runs of months answered with the same set (`current` is this
    month's); one query. Each month counts only the answers to its own set, and this month is still open for
    answers, so it is held back whatever its count (results.monthly says why)."""
    months = results.months_back(today, MONTHS_SHOWN)
    rows = PulseAnswer.objects.filter(team=team, month__gte=months[-1], month__lt=months[0]).values_list(
        "month", "definition", "values"
    )
    answered = [results.Coded(month, code, values) for month, code, values in rows]
    codes = results.month_codes(answered, months, current.code)
    runs = []
    for code, run in results.runs(months, codes):
        definition = catalogue.get(code)
        given = (one.answered for one in answered if one.code == code and one.month in run)
        runs.append(Results(definition, results.monthly(given, run, definition, open_from=months[0])))
    return runs


def latest_shown(runs: list[Results]) -> tuple[results.Month, Definition] | None:
    """The newest month with results shown, and the set it was answered with."""
    return next(((m, run.definition) for run in runs for m in run.months if m.shown), None)


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
    coming = DialogueSession.objects.filter(team=team, starts_at__gte=timezone.now(), cancelled_at=None)
    return coming.order_by("starts_at").first()


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
