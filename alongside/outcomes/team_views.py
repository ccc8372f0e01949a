"""The team's outcomes page: for team leaders and the team's members, to reflect together on how the people they
care for are doing. Counts only, never names (team.py); small groups are not shown. Reads through team_queries."""

from datetime import timedelta

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from alongside.core.access import access, roles
from alongside.partners.roles import CARE_ROLES

from . import team as counting
from . import team_queries
from .queries import shipped

TEAM_STAFF = roles(*sorted(CARE_ROLES), name="team leaders and the staff of a care team")

# The periods a team may look back over: (value, words, days)
PERIODS = (("6m", "The last 6 months", 183), ("12m", "The last 12 months", 365), ("24m", "The last 2 years", 730))
DEFAULT_PERIOD = "12m"


def _chosen(value: str | None, allowed: list[str], default: str) -> str:
    return value if value in allowed else default


@access(TEAM_STAFF)
def team(request):
    teams = team_queries.teams_for(request)
    if not teams:
        raise Http404
    team_ids = [str(t.pk) for t in teams]
    chosen_team = next(t for t in teams if str(t.pk) == _chosen(request.GET.get("team"), team_ids, team_ids[0]))
    period = _chosen(request.GET.get("period"), [p[0] for p in PERIODS], DEFAULT_PERIOD)
    words, days = next((w, d) for value, w, d in PERIODS if value == period)
    end = timezone.now()
    instruments = list(shipped().values())
    pairs = team_queries.first_and_latest(
        chosen_team.pk, end - timedelta(days=days), end, [i.code for i in instruments]
    )
    team_queries.record_viewed(request, chosen_team, period)
    return render(
        request,
        "outcomes/team.jinja",
        {
            "teams": teams,
            "team": chosen_team,
            "periods": PERIODS,
            "period": period,
            "period_words": words,
            "rows": counting.report(instruments, pairs),
            "smallest": counting.SMALLEST_SHOWN,
        },
    )
