"""Every change to organisations, teams and memberships: permission checked, audited, one transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import save_if_unchanged

from .models import Membership, Organisation, Role, Team

ORGANISATION_FIELDS = ["name", "kind", "ods_code", "neighbourhood"]
TEAM_FIELDS = ["organisation", "name", "kind", "neighbourhood"]


def _require_admin(request):
    if Role.ADMIN not in request.roles:
        raise PermissionDenied


def may_manage_team(request, team: Team) -> bool:
    """Administrators manage every team; a team leader manages the memberships of the teams they lead."""
    if Role.ADMIN in request.roles:
        return True
    return any(m.team_id == team.id and m.role == Role.TEAM_LEADER for m in request.memberships)


@transaction.atomic
def create_organisation(request, data: dict) -> Organisation:
    _require_admin(request)
    organisation = Organisation.objects.create(**{f: data[f] for f in ORGANISATION_FIELDS})
    audit.record(
        request,
        "organisation_created",
        object_type="organisation",
        object_id=organisation.pk,
        organisation_id=organisation.pk,
        detail={"name": organisation.name},
    )
    return organisation


@transaction.atomic
def update_organisation(request, organisation: Organisation, data: dict, version: int) -> Organisation:
    _require_admin(request)
    for field in ORGANISATION_FIELDS:
        setattr(organisation, field, data[field])
    save_if_unchanged(organisation, version, ORGANISATION_FIELDS)
    audit.record(
        request,
        "organisation_updated",
        object_type="organisation",
        object_id=organisation.pk,
        organisation_id=organisation.pk,
        detail={"name": organisation.name},
    )
    return organisation


@transaction.atomic
def create_team(request, data: dict) -> Team:
    _require_admin(request)
    team = Team.objects.create(**{f: data[f] for f in TEAM_FIELDS})
    audit.record(
        request,
        "team_created",
        object_type="team",
        object_id=team.pk,
        organisation_id=team.organisation_id,
        detail={"name": team.name},
    )
    return team


@transaction.atomic
def update_team(request, team: Team, data: dict, version: int) -> Team:
    _require_admin(request)
    for field in TEAM_FIELDS:
        setattr(team, field, data[field])
    save_if_unchanged(team, version, TEAM_FIELDS)
    audit.record(
        request,
        "team_updated",
        object_type="team",
        object_id=team.pk,
        organisation_id=team.organisation_id,
        detail={"name": team.name},
    )
    return team


@transaction.atomic
def add_membership(request, team: Team, user, role: str) -> Membership:
    if not may_manage_team(request, team):
        raise PermissionDenied
    if role == Role.ADMIN and Role.ADMIN not in request.roles:
        raise PermissionDenied
    membership = Membership.objects.create(team=team, user=user, role=role)
    audit.record(
        request,
        "membership_started",
        object_type="membership",
        object_id=membership.pk,
        organisation_id=team.organisation_id,
        detail={"user": user.username, "team": team.name, "role": role},
    )
    return membership


@transaction.atomic
def end_membership(request, membership: Membership, reason: str) -> Membership:
    """End a membership now: the user loses the role on their next request."""
    membership = Membership.objects.select_for_update().select_related("team", "user").get(pk=membership.pk)
    if not may_manage_team(request, membership.team):
        raise PermissionDenied
    if membership.ended_at is None:
        membership.ended_at = timezone.now()
        membership.ended_reason = reason
        membership.save(update_fields=["ended_at", "ended_reason"])
        audit.record(
            request,
            "membership_ended",
            object_type="membership",
            object_id=membership.pk,
            organisation_id=membership.team.organisation_id,
            detail={
                "user": membership.user.username,
                "team": membership.team.name,
                "role": membership.role,
                "reason": reason,
            },
        )
    return membership


@transaction.atomic
def create_user_account(request, data: dict):
    """A new account has no password: its owner sets one through a link an administrator gives them."""
    _require_admin(request)
    user = get_user_model()(
        username=data["username"], first_name=data["first_name"], last_name=data["last_name"], email=data["email"]
    )
    user.set_unusable_password()
    user.save()
    audit.record(request, "user_account_created", object_type="user", object_id=user.username)
    return user


def record_password_link(request, user) -> None:
    _require_admin(request)
    audit.record(request, "password_link_made", object_type="user", object_id=user.username)
