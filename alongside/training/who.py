"""Who may see and record training, from the memberships already read with the request (no queries).

Training records are for staff: every role but volunteers, whose checks and training the volunteers app keeps.
Someone supported is never staff. Each member of staff may record their own training; a team leader records it
for their team's staff, and an administrator for their organisation's staff. A team's coverage is seen by its
staff (counts, and their own standing) and, with names, by its leaders and its organisation's administrators."""

from alongside.partners.models import Role

STAFF_ROLES = frozenset(Role) - {Role.VOLUNTEER}


def is_staff(request) -> bool:
    return any(m.role in STAFF_ROLES for m in request.memberships)


def admin_organisation_ids(request) -> frozenset[int]:
    return frozenset(m.team.organisation_id for m in request.memberships if m.role == Role.ADMIN)


def staff_organisation_ids(request) -> frozenset[int]:
    return frozenset(m.team.organisation_id for m in request.memberships if m.role in STAFF_ROLES)


def in_team(request, team) -> bool:
    return any(m.team_id == team.pk and m.role in STAFF_ROLES for m in request.memberships)


def manages(request, team) -> bool:
    """Leads the team, or administers its organisation: sees its staff by name and records their training."""
    leads = any(m.team_id == team.pk and m.role == Role.TEAM_LEADER for m in request.memberships)
    return leads or team.organisation_id in admin_organisation_ids(request)


def sees_team(request, team) -> bool:
    return in_team(request, team) or manages(request, team)


def staff_roles(request) -> frozenset[str]:
    return frozenset(m.role for m in request.memberships if m.role in STAFF_ROLES)
