"""The standards' panels: this quarter's state on a team's page, and challenges waiting on a team leader's home."""

from alongside.partners.roles import caring_team_ids, led_team_ids

from . import quarters, queries


def team(request, the_team) -> dict | None:
    """For those who give care in the team (its leaders among them): one query."""
    if the_team.pk not in caring_team_ids(request):
        return None
    quarter = quarters.containing(queries.today())
    return {"team_id": the_team.pk, "quarter": quarter, "counts": queries.panel_counts(the_team.pk, quarter)}


def home(request) -> dict | None:
    """For team leaders, the teams they lead with stakeholders' challenges waiting for an answer: one query."""
    led = led_team_ids(request)
    if not led:
        return None
    waiting = [
        (row, quarters.Quarter(row["rating__cycle__year"], row["rating__cycle__quarter"]))
        for row in queries.waiting_challenges(led)
    ]
    return {"waiting": waiting} if waiting else None
