"""Linking a user account to its NHS Care Identity (an OpenID Connect identity), and unlinking it.

Only an administrator of every organisation the account works in may do either, and never for a superuser or
Django staff account (those are linked only through a management command): the identity then signs in to that
account (alongside/core/social_accounts.py). Unlinking also signs the account out everywhere. Each change is
audited, in one transaction. See docs/adr/0047-sign-in-through-openid-connect.md.
"""

from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from alongside.core import audit

from .models import Membership, Role


class LinkedElsewhere(Exception):
    """That identity is already linked to another account."""


class AlreadyLinked(Exception):
    """The account already has another identity linked: it is unlinked first."""


def administered_organisation_ids(request) -> set[int]:
    return {m.team.organisation_id for m in request.memberships if m.role == Role.ADMIN}


def organisations_of(account, *, active_only: bool = True) -> set[int]:
    """The organisations the account has a membership in (now, or ever when not active_only)."""
    memberships = Membership.objects.active() if active_only else Membership.objects.all()
    return set(memberships.filter(user=account).values_list("team__organisation_id", flat=True))


def _administers_all(request, account, organisations: set[int]) -> bool:
    """An administrator of every one of these organisations, changing someone else's account that is neither a
    superuser nor Django staff (those could reach every organisation, so no administrator may change them)."""
    administered = administered_organisation_ids(request)
    if not administered or account.pk == request.user.pk or account.is_superuser or account.is_staff:
        return False
    return organisations <= administered


def may_link(request, account) -> bool:
    """An administrator of every organisation the account has an active membership in (and it has one)."""
    if not administered_organisation_ids(request):
        return False
    organisations = organisations_of(account)
    return bool(organisations) and _administers_all(request, account, organisations)


def may_make_password_link(request, account) -> bool:
    """A set-a-password link gives the account to whoever holds it. For staff, as may_unlink: an administrator of
    every organisation the account works in (or worked in); any administrator for a new account with no team yet.
    For someone supported or a proxy (no team): an administrator of an organisation whose team, or one of whose
    members, cares for that person now. Never for a superuser, Django staff or the administrator's own account."""
    people = set() if organisations_of(account, active_only=False) else people_they_are_for(account)
    if people:
        return _administers_all(request, account, set()) and cared_for_by(request, people)
    return may_unlink(request, account)


PROXY = "proxy"  # the record's CareRelationship.Kind.PROXY (partners sits below the record and imports none of it)


def people_they_are_for(account) -> set[int]:
    """The person whose own account this is, and those this account is a proxy for, now."""
    people = set(account.care_relationships.active().filter(kind=PROXY).values_list("person_id", flat=True))
    if hasattr(account, "person"):
        people.add(account.person.pk)
    return people


def cared_for_by(request, people: set[int]) -> bool:
    """Does a team of an organisation the user administers, or one of its members, care for any of `people` now?"""
    administered = administered_organisation_ids(request)
    members = Membership.objects.active().filter(team__organisation_id__in=administered).values("user_id")
    relationships = get_user_model().care_relationships.rel.related_model  # the record's, without importing it
    return (
        relationships.objects.active()
        .filter(person_id__in=people)
        .exclude(kind=PROXY)
        .filter(Q(team__organisation_id__in=administered) | Q(user_id__in=members))
        .exists()
    )


def may_unlink(request, account) -> bool:
    """As may_link; but an account with no active membership now can still be unlinked, by an administrator of
    every organisation it ever had a membership in (or by any administrator if it never had one)."""
    if not administered_organisation_ids(request):
        return False
    organisations = organisations_of(account) or organisations_of(account, active_only=False)
    return _administers_all(request, account, organisations)


def linked_identity(account) -> SocialAccount | None:
    return SocialAccount.objects.filter(user=account, provider=settings.OIDC_PROVIDER_ID).first()


def link(request, account, uid: str) -> SocialAccount:
    """Link the identity; linking the one already linked again changes nothing. LinkedElsewhere if it is taken."""
    with transaction.atomic():
        # One identity per account: the account's row is locked, so two administrators cannot link two at once.
        get_user_model().objects.select_for_update().get(pk=account.pk)
        if not may_link(request, account):
            raise PermissionDenied
        current = linked_identity(account)
        if current is not None and current.uid == uid:
            return current
        if current is not None:
            raise AlreadyLinked
        try:
            with transaction.atomic():
                identity = SocialAccount.objects.create(
                    user=account, provider=settings.OIDC_PROVIDER_ID, uid=uid, extra_data={}
                )
        except IntegrityError:
            raise LinkedElsewhere from None
        audit.record(
            request,
            "oidc_identity_linked",
            object_type="user",
            object_id=account.username,
            detail={"provider": settings.OIDC_PROVIDER_ID, "uid": uid},
        )
        return identity


def unlink(request, account) -> bool:
    """Unlink the account's identity; False if none was linked (already unlinked, say in another tab)."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().get(pk=account.pk)
        if not may_unlink(request, account):
            raise PermissionDenied
        current = linked_identity(account)
        if current is None:
            return False
        current.delete()
        # Someone else may have been signing in with it (a wrong user ID): every session of the account ends.
        signed_out = sign_out_everywhere(account)
        audit.record(
            request,
            "oidc_identity_unlinked",
            object_type="user",
            object_id=account.username,
            detail={"provider": settings.OIDC_PROVIDER_ID, "uid": current.uid, "sessions_ended": signed_out},
        )
        return True


def sign_out_everywhere(account) -> int:
    """Delete every session signed in to the account; how many."""
    mine = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(account.pk)
    ]
    deleted, _ = Session.objects.filter(pk__in=mine).delete()
    return deleted
