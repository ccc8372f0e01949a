"""Linking a user account to its NHS Care Identity (an OpenID Connect identity), and unlinking it.

Only an administrator of an organisation the account works in may do either: the identity then signs in to that
account (alongside/core/social_accounts.py). Each change is audited, in one transaction. See
docs/adr/0047-sign-in-through-openid-connect.md.
"""

from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from alongside.core import audit

from .models import Membership, Role


class LinkedElsewhere(Exception):
    """That identity is already linked to another account."""


class AlreadyLinked(Exception):
    """The account already has another identity linked: it is unlinked first."""


def administered_organisation_ids(request) -> set[int]:
    return {m.team.organisation_id for m in request.memberships if m.role == Role.ADMIN}


def may_link(request, account) -> bool:
    """An administrator of an organisation the account has a team in now (and never their own account)."""
    organisations = administered_organisation_ids(request)
    if not organisations or account.pk == request.user.pk:
        return False
    return Membership.objects.active().filter(user=account, team__organisation_id__in=organisations).exists()


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
        if not may_link(request, account):
            raise PermissionDenied
        current = linked_identity(account)
        if current is None:
            return False
        current.delete()
        audit.record(
            request,
            "oidc_identity_unlinked",
            object_type="user",
            object_id=account.username,
            detail={"provider": settings.OIDC_PROVIDER_ID, "uid": current.uid},
        )
        return True
