"""The climate pulse on a team's page (for its members: answered or not, the results' state, the next dialogue
session; four queries) and on the home page (the teams a member has not answered for this month; one query)."""

from django.utils import timezone

from . import queries, results


def team_panel(request, team) -> dict | None:
    if queries.member_team(request, team.pk) is None:
        return None
    definition = queries.definition_for(team)
    month = queries.this_month()
    shown = queries.latest_shown(queries.team_results(team, definition, timezone.localdate()))
    latest = shown[0].month if shown else None
    return {
        "team": team,
        "answered": queries.has_answered(request, team, month),
        "latest": latest,
        "at_least": results.AT_LEAST,
        "next": queries.next_session(team),
    }


def home_panel(request) -> dict | None:
    teams = queries.not_answered_teams(request)
    return {"teams": teams} if teams else None
