"""Pages for an administrator to link a user account to its NHS Care Identity, or unlink it.

The identity is the provider's user id (CIS2's "UUID", the ID token's `sub`): once linked, signing in with it
signs in to this account, and to no other (alongside/core/social_accounts.py). Only an administrator of every
organisation the account has a team in may link or unlink (never for a superuser or Django staff); to any other
administrator the pages look missing. An account with no team now can still be unlinked (actions.may_unlink).
Where no OpenID provider is set up (OIDC_SERVER_URL unset: the demo, most installs), the section is not shown on
the user account page and both pages look missing, to everyone.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from alongside.core import social_accounts
from alongside.core.access import access

from . import actions_identity_links as actions
from . import queries
from .access import ADMINISTRATION
from .care_identity_ids import user_id_from

# Names every mark care_identity_ids.USER_ID allows (a test checks it against the pattern).
BAD_USER_ID = "Enter the user ID as it is on their Care Identity record: letters, numbers and - . _ : @ | only"


class IdentityForm(forms.Form):
    uid = forms.CharField(
        label="Their NHS Care Identity user ID",
        help_text="The user ID (sometimes called the UUID) on their Care Identity record, "
        "for example 555012345678. Your registration authority can tell you it.",
        max_length=200,
        error_messages={"required": "Enter their NHS Care Identity user ID"},
    )

    def clean_uid(self):
        uid = user_id_from(self.cleaned_data["uid"])
        if uid is None:
            raise forms.ValidationError(BAD_USER_ID)
        return uid


def section(request, account) -> dict:
    """The user account page's "NHS Care Identity" section: what is linked, and whether this user may change it."""
    if not social_accounts.is_set_up():
        return {"care_identity_shown": False}
    return {
        "care_identity_shown": True,
        "care_identity": actions.linked_identity(account),
        "care_identity_name": settings.OIDC_NAME,
        "may_link_care_identity": actions.may_link(request, account),
        "may_unlink_care_identity": actions.may_unlink(request, account),
    }


def _account(request, pk, may=actions.may_link):
    """The account, if this administrator may link (or unlink) its identity; otherwise it looks missing."""
    if not social_accounts.is_set_up():
        raise Http404
    account = queries.user_account(pk, active_only=True)
    if account is None or not may(request, account):
        raise Http404
    return account


@access(ADMINISTRATION)
def care_identity(request, pk):
    """Link: enter the user ID, check it, then link it."""
    account = _account(request, pk)
    if actions.linked_identity(account) is not None:
        return redirect("partners:user_account", account.pk)
    if request.method == "POST" and "change" not in request.POST:
        form = IdentityForm(request.POST)
    else:  # the first visit, or "Change" on the check page, with what was typed
        form = IdentityForm(initial={"uid": request.POST.get("uid", "")})
    context = {"account": account, "form": form, "provider_name": settings.OIDC_NAME}
    if form.is_bound and form.is_valid():
        uid = form.cleaned_data["uid"]
        if "confirm" not in request.POST:
            return render(request, "partners/identity_link_check.jinja", context | {"uid": uid})
        try:
            actions.link(request, account, uid)
        except actions.LinkedElsewhere:
            form.add_error("uid", "This user ID is already linked to another account. Unlink it there first")
        except actions.AlreadyLinked:
            return redirect("partners:user_account", account.pk)
        else:
            messages.success(request, f"{settings.OIDC_NAME} linked. They can now sign in with it.")
            return redirect("partners:user_account", account.pk)
    return render(request, "partners/identity_link.jinja", context | {"has_errors": bool(form.errors)})


@access(ADMINISTRATION)
def unlink_care_identity(request, pk):
    account = _account(request, pk, actions.may_unlink)
    identity = actions.linked_identity(account)
    if identity is None:
        return redirect("partners:user_account", account.pk)
    if request.method == "POST":
        actions.unlink(request, account)
        messages.success(request, f"{settings.OIDC_NAME} unlinked. They can no longer sign in with it.")
        return redirect("partners:user_account", account.pk)
    return render(
        request,
        "partners/identity_unlink.jinja",
        {"account": account, "identity": identity, "provider_name": settings.OIDC_NAME},
    )
