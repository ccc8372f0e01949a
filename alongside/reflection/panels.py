"""Reflection's team panel, "reflection patterns": the team's latest month with enough reflections to show, its
three hardest tips (those ticked at all), and a link to the whole page. Shown on a team's page and on other
capabilities' pages about the team (a reflective practice session), only to those who give care in the team; one
query, as the team page's."""

from . import queries
from .patterns import AT_LEAST
from .tips import BY_KEY

HARDEST = 3


def team_panel(request, team) -> dict | None:
    found = queries.team_patterns(request, team.pk)
    if found is None:
        return None
    the_team, months = found
    latest = next((m for m in months if m.shown), None)
    return {
        "team": the_team,
        "latest": latest,
        "hardest": [(BY_KEY[s.key], s.percent) for s in latest.shares[:HARDEST] if s.share > 0] if latest else [],
        "months": len(months),
        "at_least": AT_LEAST,
    }
