"""Who a user is in the service: the one place that answers role and membership questions.

Every app asks here rather than reading memberships itself: which roles give care, who may refer, who may be a
named worker, whether the user is the single point of access, which teams they lead, and which teams and
organisations they give care in. The questions about "the user" take anything with `memberships` (the user's
active memberships, each with its team): the request, as `MembershipMiddleware` and the API's token set it.
"""

from django.db import models

from .models import Membership, Role, Team

# Roles that give care, and so may reach person data through a relationship, consent or break-glass.
# Administrators and information governance reviewers manage the service; they do not read records.
CARE_ROLES = frozenset(
    {Role.CLINICIAN, Role.SOCIAL_WORKER, Role.GP, Role.SPA_TRIAGE, Role.COORDINATOR, Role.TEAM_LEADER}
)
# Roles that may make a referral from inside the service (the single point of access also records phone calls).
REFERRER_ROLES = frozenset(
    {Role.CLINICIAN, Role.SOCIAL_WORKER, Role.GP, Role.SPA_TRIAGE, Role.COORDINATOR, Role.TEAM_LEADER}
)
# Roles whose holders may be someone's named worker: those who see people, not triage or team leaders.
NAMED_WORKER_ROLES = tuple(sorted(CARE_ROLES - {Role.SPA_TRIAGE, Role.TEAM_LEADER}))


def gives_care(request) -> bool:
    """The user holds a care role in some team."""
    return any(m.role in CARE_ROLES for m in request.memberships)


def is_triage(request) -> bool:
    """The single point of access: anyone holding the triage role, and the leaders of a single-point-of-access team."""
    return any(
        m.role == Role.SPA_TRIAGE or (m.role == Role.TEAM_LEADER and m.team.kind == Team.Kind.SPA)
        for m in request.memberships
    )


def leads_team(request, team_id: int | None) -> bool:
    return any(m.role == Role.TEAM_LEADER and m.team_id == team_id for m in request.memberships)


def led_team_ids(request) -> list[int]:
    return sorted({m.team_id for m in request.memberships if m.role == Role.TEAM_LEADER})


def in_care_team(request, team_id: int | None) -> bool:
    """The user gives care in this team."""
    return team_id in caring_team_ids(request)


def member_team_ids(request) -> list[int]:
    """The teams the user belongs to in any role (volunteers in their hub's team too), in id order."""
    return sorted({m.team_id for m in request.memberships})


def sees_partnership(request) -> bool:
    """Who may see every team's figures side by side (standards, supervision and training coverage, as shares and
    never names): administrators and the leaders of teams, who learn from each other's teams."""
    return any(m.role in (Role.ADMIN, Role.TEAM_LEADER) for m in request.memberships)


def caring_team_ids(request) -> list[int]:
    """The teams the user gives care in, in id order."""
    return sorted({m.team_id for m in request.memberships if m.role in CARE_ROLES})


def care_organisation_ids(request) -> frozenset[int]:
    """The organisations the user works for as staff who give care."""
    return frozenset(m.team.organisation_id for m in request.memberships if m.role in CARE_ROLES)


def volunteer_organisation_ids(request) -> frozenset[int]:
    """The organisations the user volunteers for."""
    return frozenset(m.team.organisation_id for m in request.memberships if m.role == Role.VOLUNTEER)


def acting_organisation_ids(request) -> frozenset[int]:
    """The organisations whose sharing choices reach the user: those they give care for, if any; else those
    they volunteer for."""
    return care_organisation_ids(request) or volunteer_organisation_ids(request)


def reviewer_organisation_ids(request) -> frozenset[int]:
    """The organisations where the user is an information governance reviewer."""
    return frozenset(m.team.organisation_id for m in request.memberships if m.role == Role.IG_REVIEWER)


def may_be_named_worker(role: str) -> bool:
    return role in NAMED_WORKER_ROLES


def possible_named_workers(team):
    """The team's active memberships whose holders may be a named worker (a user may hold more than one)."""
    return Membership.objects.active().filter(team=team, role__in=NAMED_WORKER_ROLES)


# --- the teams the user works in, as teams (from the memberships already read with the request) -----------------


def teams_where(request, roles) -> list[Team]:
    """The teams in which the user holds any of these roles, by name."""
    return sorted({m.team for m in request.memberships if m.role in roles}, key=lambda t: (t.name, t.pk))


def led_teams(request) -> list[Team]:
    return teams_where(request, {Role.TEAM_LEADER})


def care_teams(request) -> list[Team]:
    return teams_where(request, CARE_ROLES)


def may_be_named_worker_in(request, team_id: int) -> bool:
    """The user sees people in this team: they could be someone's named worker there."""
    return any(m.team_id == team_id and m.role in NAMED_WORKER_ROLES for m in request.memberships)


# --- who holds a role, from the database ------------------------------------------------------------------------


def team_leader_ids(team):
    """The ids of the users who lead this team now."""
    return Membership.objects.active().filter(team=team, role=Role.TEAM_LEADER).values_list("user_id", flat=True)


def care_staff_in(team_ids) -> "models.QuerySet[Membership]":
    """The active memberships in care roles in these teams."""
    return Membership.objects.active().filter(team_id__in=list(team_ids), role__in=list(CARE_ROLES))


def care_membership_of(user_id: int) -> Membership | None:
    """One of the user's active memberships in a care role (the first made), or None."""
    return Membership.objects.active().filter(user_id=user_id, role__in=list(CARE_ROLES)).first()


def triage_team_leader_ids(now):
    """The ids of the users who lead a single point of access team at this time."""
    return Membership.objects.active(now).filter(role=Role.TEAM_LEADER, team__kind=Team.Kind.SPA).values("user_id")


def ig_reviewers_of(organisation_ids) -> "models.QuerySet[Membership]":
    """The active information governance reviewers' memberships in these organisations."""
    return Membership.objects.active().filter(role=Role.IG_REVIEWER, team__organisation_id__in=list(organisation_ids))
