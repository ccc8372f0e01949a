"""Whose supervision a user may see: the one rule every page and panel asks.

Supervision belongs to the people who give care in a team. Anyone who gives care in the team sees the team's
pages, with their own sessions and their own line of the coverage; the team's leaders see every session and every
name. Administrators manage the service and see none of it (only shares, on the partnership's view); people
supported, volunteers and anyone outside the team get the site's own 404, like a team that does not exist.
"""

from alongside.partners.models import Team
from alongside.partners.roles import caring_team_ids, leads_team


def team_of(request, team_id: int | None) -> Team | None:
    """The team, when the user gives care in it; else None. No query: the memberships came with the request."""
    if team_id not in caring_team_ids(request):
        return None
    return next(m.team for m in request.memberships if m.team_id == team_id)


def leads(request, team_id: int | None) -> bool:
    return team_of(request, team_id) is not None and leads_team(request, team_id)


def sees_session(request, session, supervisee_ids) -> bool:
    """The supervisor, a supervisee or a leader of the team, while they give care in it."""
    if team_of(request, session.team_id) is None:
        return False
    return leads_team(request, session.team_id) or takes_part(request, session, supervisee_ids)


def takes_part(request, session, supervisee_ids) -> bool:
    return request.user.pk == session.supervisor_id or request.user.pk in supervisee_ids
