"""Who the user is in each volunteer hub, from the memberships the request already holds (no query): a hub's
coordinators manage its sessions and answer its volunteers' ideas; its volunteers see its sessions and "You said,
we did" and send ideas. Anyone else, and anything of another hub, is answered like a page that does not exist,
and the refusal is audited the same way whether or not the thing exists."""

from django.http import Http404

from alongside.core import audit
from alongside.partners.models import Role, Team

COORDINATOR = Role.COORDINATOR
VOLUNTEER = Role.VOLUNTEER


def hubs(request) -> dict[int, tuple[Team, str]]:
    """The volunteer hubs the user is a coordinator or volunteer in: hub id -> (team, role), a coordinator's role
    first when they are both."""
    found: dict[int, tuple[Team, str]] = {}
    for m in sorted(getattr(request, "memberships", ()), key=lambda m: m.role != COORDINATOR):
        if m.team.kind == Team.Kind.VOLUNTEER_HUB and m.role in (COORDINATOR, VOLUNTEER) and m.team_id not in found:
            found[m.team_id] = (m.team, m.role)
    return found


def role_in(request, hub_id: int | None) -> str | None:
    """ "coordinator", "volunteer" or None: what the user is in this hub."""
    found = hubs(request).get(hub_id) if hub_id is not None else None
    return found[1] if found else None


def coordinates(request, hub_id: int | None) -> bool:
    return role_in(request, hub_id) == COORDINATOR


def volunteers_in(request, hub_id: int | None) -> bool:
    return role_in(request, hub_id) == VOLUNTEER


def hub_team(request, hub_id: int) -> Team:
    return hubs(request)[hub_id][0]


def refuse(request, what: str, object_type: str, object_id) -> Http404:
    """A refusal or a missing thing, audited as `denied:<what>` with the id asked for: raise what it returns."""
    audit.record(request, f"denied:{what}", object_type=object_type, object_id=object_id)
    return Http404()
