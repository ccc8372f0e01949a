"""Supervision's part of a team's page, and its figure for the partnership's view.

The panel: the next session (the user's own, or the team's for a leader) and, for a leader, how many have had
supervision in the last 6 weeks; nothing for anyone who does not give care in the team. The figure: shares only,
never names, for many teams in two queries.
"""

from django.utils import timezone

from alongside.core.registry import TeamShare

from . import queries, teams


def team_panel(request, team) -> dict | None:
    if teams.team_of(request, team.pk) is None:
        return None
    leader = teams.leads(request, team.pk)
    found = queries.shares([team.pk]).get(team.pk) if leader else None
    return {
        "team": team,
        "leader": leader,
        "next": queries.next_session(team.pk, None if leader else request.user.pk, timezone.localdate()),
        "share": TeamShare(*found) if found else None,
    }


def figure(team_ids) -> dict[int, TeamShare]:
    return {team_id: TeamShare(had, of) for team_id, (had, of) in queries.shares(team_ids).items()}
