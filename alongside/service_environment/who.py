"""Who takes part in a team's service environment audit, by the care model.

The team's view is the view of the people who work in the team, in any role that serves people (volunteers
included). Administrators and information governance reviewers look after the service; they do not give it, so
they neither answer for a team nor read its results. The team leader opens and closes a round. Staff who give care
in the team hand out links to the people they support. Someone supported takes part only through a link."""

from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES, leads_team

TEAM_ROLES = frozenset(Role) - {Role.ADMIN, Role.IG_REVIEWER}


def in_team(request, team_id: int) -> bool:
    """The user works in this team and so answers for it and sees its results."""
    return any(m.team_id == team_id and m.role in TEAM_ROLES for m in request.memberships)


def leads(request, team_id: int) -> bool:
    return leads_team(request, team_id)


def hands_out_links(request, team_id: int) -> bool:
    return any(m.team_id == team_id and m.role in CARE_ROLES for m in request.memberships)
