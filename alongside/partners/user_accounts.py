"""Pages for administrators to add user accounts and give new users a link to set their own password."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from alongside.core.access import access
from alongside.core.forms import earlier_submission, once

from . import actions, identity_links, queries
from .access import ADMINISTRATION
from .actions_identity_links import may_make_password_link
from .forms import NewUserAccountForm

PAGE_SIZE = 50


@access(ADMINISTRATION)
def user_accounts(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:150]  # PostgreSQL text holds no NUL
    page = Paginator(queries.user_accounts(query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/user_accounts.jinja", {"page": page, "query": query})


@access(ADMINISTRATION)
def new_user_account(request):
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This account was already added: you may have pressed the button twice")
        return redirect(previous)
    form = NewUserAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        url, _ = once(
            request.user,
            form.cleaned_data["form_key"],
            lambda: reverse("partners:user_account", args=[actions.create_user_account(request, form.cleaned_data).pk]),
        )
        messages.success(request, "Account added. Now make a link for them to set their password.")
        return redirect(url)
    return render(request, "partners/user_account_form.jinja", {"form": form, "has_errors": bool(form.errors)})


@access(ADMINISTRATION)
def user_account(request, pk):
    account = _found(queries.user_account(pk))
    memberships = queries.memberships_of(account)
    context = {
        "account": account,
        "memberships": memberships,
        "may_make_password_link": may_make_password_link(request, account),
        **identity_links.section(request, account),
    }
    return render(request, "partners/user_account.jinja", context)


@access(ADMINISTRATION)
@require_POST
def password_link(request, pk):
    """Make a one-time link with which the user sets their own password. It is shown once and not stored. Only an
    administrator of every organisation the account works in may (the site's 404 for anyone else)."""
    account = _found(queries.user_account(pk, active_only=True))
    if not may_make_password_link(request, account):
        raise Http404
    actions.record_password_link(request, account)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(account), "key": default_token_generator.make_token(account)},
    )
    memberships = queries.memberships_of(account)
    return render(
        request,
        "partners/user_account.jinja",
        {
            "account": account,
            "memberships": memberships,
            "may_make_password_link": True,
            "password_link": request.build_absolute_uri(path),
            **identity_links.section(request, account),
        },
    )


def _found(account):
    if account is None:
        raise Http404
    return account
