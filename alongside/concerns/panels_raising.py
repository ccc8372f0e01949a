"""The home-page panels of the raising part: for a volunteer, the big start to raise a concern and their open
ones; for staff, the concerns from volunteers for them to act on; for a coordinator, their hub's queue."""

from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES

from . import raising_queries


def volunteer(request) -> dict | None:
    if Role.VOLUNTEER not in request.roles:
        return None
    return raising_queries.volunteer_home(request)


def to_act_on(request) -> dict | None:
    """Staff who give care (the named worker, their team, the team leader phoned): only when there is something."""
    if not request.roles & (CARE_ROLES - {Role.COORDINATOR}):
        return None
    return raising_queries.for_me_to_act_on(request)


def coordinator(request) -> dict | None:
    if Role.COORDINATOR not in request.roles:
        return None
    found = raising_queries.coordinator_home(request)
    return found if found["hubs"] else None
