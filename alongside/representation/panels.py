"""Representation's part of a team's page (the next event and who goes) and of the home page (the events you are
going to), each for the team's own members only."""

from django.utils import timezone

from alongside.partners.models import Role
from alongside.partners.roles import member_team_ids, teams_where

from . import queries


def team_panel(request, team) -> dict | None:
    if team.pk not in member_team_ids(request):
        return None
    found = queries.team_rota(team, timezone.localdate())
    return {"team_id": team.pk, "next": found.next}


def home_panel(request) -> dict | None:
    """The coming events the user goes to; and, for administrators, the way to the events."""
    admin = any(m.role == Role.ADMIN for m in request.memberships)
    teams = teams_where(request, set(Role))
    going = queries.going(request, teams, timezone.localdate()) if teams else []
    return {"going": going, "admin": admin} if going or admin else None
