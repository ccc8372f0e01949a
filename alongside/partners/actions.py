"""Every change to organisations, teams and memberships: permission checked, audited, one transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import save_if_unchanged

from .actions_identity_links import may_make_password_link
from .models import Membership, Organisation, Role, Team
from .roles import leads_team

ORGANISATION_FIELDS = ["name", "kind", "ods_code", "neighbourhood"]
TEAM_FIELDS = ["organisation", "name", "kind", "neighbourhood", "phone"]


def _require_admin(request):
    if Role.ADMIN not in request.roles:
        raise PermissionDenied


def may_manage_team(request, team: Team) -> bool:
    """Administrators manage every team; a team leader manages the memberships of the teams they lead."""
    if Role.ADMIN in request.roles:
        return True
    return leads_team(request, team.id)


def create_organisation(request, data: dict) -> Organisation:
    return _create(request, Organisation, ORGANISATION_FIELDS, data)


def update_organisation(request, organisation: Organisation, data: dict, version: int) -> Organisation:
    return _update(request, organisation, ORGANISATION_FIELDS, data, version)


def create_team(request, data: dict) -> Team:
    return _create(request, Team, TEAM_FIELDS, data)


def update_team(request, team: Team, data: dict, version: int) -> Team:
    return _update(request, team, TEAM_FIELDS, data, version)


@transaction.atomic
def _create(request, model, fields: list[str], data: dict):
    _require_admin(request)
    record = model.objects.create(**{f: data[f] for f in fields})
    _audit_change(request, record, "created")
    return record


@transaction.atomic
def _update(request, record, fields: list[str], data: dict, version: int):
    """Save an administrator's edit, refusing it (EditConflict) if someone saved since `version`."""
    _require_admin(request)
    for field in fields:
        setattr(record, field, data[field])
    save_if_unchanged(record, version, fields)
    _audit_change(request, record, "updated")
    return record


def _audit_change(request, record: Organisation | Team, verb: str) -> None:
    kind = record._meta.model_name
    audit.record(
        request,
        f"{kind}_{verb}",
        object_type=kind,
        object_id=record.pk,
        organisation_id=record.pk if isinstance(record, Organisation) else record.organisation_id,
        detail={"name": record.name},
    )


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
def end_membership(request, membership: Membership, reason: str, people_left: int = 0) -> Membership:
    """End a membership now: the user loses the role on their next request. `people_left`: how many people the
    manager confirmed would be left without a named worker, kept in the audit."""
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
                **({"left_without_named_worker": people_left} if people_left else {}),
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
    if not may_make_password_link(request, user):
        raise PermissionDenied
    audit.record(request, "password_link_made", object_type="user", object_id=user.username)
