"""Training's parts of other pages: a team's page (its recovery approach share) and a member of staff's home page
(what of their own training has run out or is due soon), and the figures it keeps for each team."""

from alongside.core.registry import TeamShare

from . import queries, who
from .expiry import Standing


def team(request, the_team) -> dict | None:
    """For the team's staff, its leaders and its organisation's administrators. Three queries."""
    if not who.sees_team(request, the_team):
        return None
    share = queries.shares(queries.RECOVERY, [the_team.pk]).get(the_team.pk, TeamShare(0, 0))
    return {"share": share, "team_id": the_team.pk}


def home(request) -> dict | None:
    """For staff. Two queries."""
    if not who.is_staff(request):
        return None
    own = queries.own(request.user, who.staff_organisation_ids(request), who.staff_roles(request))
    return {
        "expired": sum(c.standing == Standing.EXPIRED for c in own),
        "due_soon": sum(c.standing == Standing.DUE_SOON for c in own),
    }


def recovery_shares(team_ids) -> dict[int, TeamShare]:
    return queries.shares(queries.RECOVERY, team_ids)


def safeguarding_shares(team_ids) -> dict[int, TeamShare]:
    return queries.shares(queries.SAFEGUARDING, team_ids)
