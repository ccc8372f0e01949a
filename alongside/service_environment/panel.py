"""The audit's part of a team's page: the current (or last) round, for those who work in the team; one query."""

from . import queries, who
from .compare import people_words


def context(request, team) -> dict | None:
    if not who.in_team(request, team.pk):
        return None
    return {"team_id": team.pk, "round": queries.latest_round(team.pk), "people_words": people_words}
