"""Sign-in through OpenID Connect (NHS CIS2 Authentication): allauth's social account adapter, made strict.

An identity from the provider signs in only to the account an administrator linked it to (a SocialAccount row with
that provider and uid, made on the user account page). Nothing else finds an account: not a matching email, not a
new sign-up, not the user connecting an identity themselves. Staff (anyone who must have a second factor) must also
come with an `acr` value in settings.OIDC_STAFF_ACR, which says the provider asked them for a second factor; without
it the sign-in is refused. A refusal is a page in the service's own words, an audit event and a security log line,
never the provider's claims. See docs/adr/0047-sign-in-through-openid-connect.md.
"""

import functools
import logging
from types import SimpleNamespace

import requests
from allauth.account.signals import user_logged_in as allauth_logged_in
from allauth.core.exceptions import ImmediateHttpResponse

# _build_apps_from_settings is private to allauth (pinned in requirements.lock): it is the settings half of allauth's
# own list_apps, used so that no provider ever comes from the database. If an allauth upgrade renames or changes it,
# test_no_apps_come_from_the_database and test_the_sign_in_page_offers_the_provider_only_when_configured (in
# core/tests/test_social_accounts.py) and the "not set up" test in partners/tests/test_identity_links.py fail.
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, _build_apps_from_settings
from allauth.socialaccount.models import SocialAccount, SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from allauth.socialaccount.providers.openid_connect import views as openid_connect_views
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import path

from . import audit, sign_in_limits
from .identity import attach_roles
from .middleware import ASSURED_BY, needs_second_factor

security_log = logging.getLogger("alongside.security")
logger = logging.getLogger(__name__)

# Why a sign-in through the provider was refused: the code kept in the audit event.
NOT_LINKED = "not_linked"
NO_SECOND_FACTOR = "acr"
CONNECT = "connect"
INACTIVE = "inactive"
PROVIDER_ERROR = "provider_error"
REASONS = (NOT_LINKED, NO_SECOND_FACTOR, CONNECT, INACTIVE, PROVIDER_ERROR)
STATE_REFUSAL = "oidc_state"  # the kinds of refusal sign_in_limits.worth_noting counts: a return without our state,
ERROR_REFUSAL = "oidc_error"  # and an error returned with it (one anonymous POST starts a sign-in: review 22, #3)
UNAVAILABLE = "unavailable"  # the provider did not answer: a 503 page, logged, not audited (no one was refused)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False

    def is_auto_signup_allowed(self, request, sociallogin):
        return False

    def can_authenticate_by_email(self, login, email):
        return False

    def authenticate_by_email(self, sociallogin):
        return None  # the second lock on the email path, beside SOCIALACCOUNT_EMAIL_AUTHENTICATION = False

    def list_apps(self, request, provider=None, client_id=None):
        """Only the provider the settings name: never one added to the database (through Django's admin, say)."""
        found = _build_apps_from_settings(provider=provider, client_id=client_id)
        return [app for apps in found.values() for app in apps]

    def validate_disconnect(self, account, accounts):
        raise ValidationError("Only an Alongside administrator can unlink an NHS Care Identity.")

    def pre_social_login(self, request, sociallogin):
        """Refuse, before anyone is signed in, every sign-in that is not to a linked, active account with its factor.

        allauth has already looked the identity up (SocialLogin.lookup). `sociallogin.account.pk` is set only when a
        linked row was found; `sociallogin.is_existing` would also be True for an account found by email.

        allauth's look-up has just saved the provider's whole answer (the ID token's claims and userinfo: name,
        email, acr) on the linked row. Nothing needs it there, accepted or refused, so it is emptied at once; the
        answer stays in memory for this request only (the acr, read below and by remember_second_factor_at_provider).
        """
        if sociallogin.account.pk is not None:
            SocialAccount.objects.filter(pk=sociallogin.account.pk).update(extra_data={})
        if subjects_differ(sociallogin):
            refuse(request, PROVIDER_ERROR, id_token_of(sociallogin).get("sub") or "")
        uid = sociallogin.account.uid
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            refuse(request, CONNECT, uid)
        if sociallogin.account.pk is None:
            refuse(request, NOT_LINKED, uid)
        user = sociallogin.user
        if not user.is_active:
            refuse(request, INACTIVE, uid, user)
        if must_show_second_factor(user) and not shows_second_factor(sociallogin):
            refuse(request, NO_SECOND_FACTOR, uid, user)

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        """The provider said no, or its answer did not check out: our own page, never allauth's unstyled one."""
        if isinstance(exception, requests.RequestException):
            raise ImmediateHttpResponse(provider_unavailable(request, exception))
        kind = ERROR_REFUSAL if (extra_context or {}).get("state") else STATE_REFUSAL
        if not sign_in_limits.worth_noting(request, kind):
            # Anyone can send either, as often as they like (a state costs one anonymous POST): only the first few
            # from an address in a minute are logged and audited (review 21, finding 8; review 22, finding 3).
            raise ImmediateHttpResponse(refusal_page(request, PROVIDER_ERROR))
        security_log.warning("Sign-in through %s failed: %s", getattr(provider, "id", provider), error)
        refuse(request, PROVIDER_ERROR, "")


def is_set_up() -> bool:
    """Whether the settings name an OpenID provider (OIDC_SERVER_URL): otherwise nothing about it is shown."""
    return bool(_build_apps_from_settings())


def provider_unavailable(request, exception: Exception):
    """The provider could not be reached, or answered with nonsense: the refusal page, 503, and a log line."""
    logger.warning("%s did not answer: %s", settings.OIDC_PROVIDER_ID, type(exception).__name__)
    context = {"reason": UNAVAILABLE, "provider_name": settings.OIDC_NAME}
    return render(request, "core/sign_in_refused.jinja", context, status=503)


def unless_provider_unavailable(view):
    """allauth's sign-in and callback views, answering the 503 page when the provider cannot be reached.

    allauth asks the provider for its addresses (discovery) before it catches any error of the provider's, so a
    provider that is down would otherwise be a 500 (review 21, finding 3).
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except requests.RequestException as exception:
            return provider_unavailable(request, exception)

    return wrapped


# Put before allauth's own pages in config/urls.py, at the same addresses (so allauth's names still find them).
openid_connect_pages = [
    path("<str:provider_id>/login/", unless_provider_unavailable(openid_connect_views.login)),
    path("<str:provider_id>/login/callback/", unless_provider_unavailable(openid_connect_views.callback)),
]


def must_show_second_factor(user) -> bool:
    """Staff and volunteers (anyone with a team role now) and superusers, as for a password sign-in."""
    found = SimpleNamespace()
    attach_roles(found, user)
    return needs_second_factor(user, found.memberships)


def id_token_of(sociallogin: SocialLogin) -> dict:
    """The claims of the ID token allauth checked (issuer, audience, expiry, and its signature unless it came
    straight from the token endpoint over TLS), or {} if the provider sent none."""
    id_token = sociallogin.account.extra_data.get("id_token")
    return id_token if isinstance(id_token, dict) else {}


def subjects_differ(sociallogin: SocialLogin) -> bool:
    """The userinfo answer is about someone other than the ID token (OpenID Connect Core 1.0, 5.3.2: its `sub`
    must match exactly, or none of it may be used). allauth takes the uid from userinfo and does not check this."""
    userinfo = sociallogin.account.extra_data.get("userinfo")
    sent = userinfo.get("sub") if isinstance(userinfo, dict) else None
    verified = id_token_of(sociallogin).get("sub")
    return sent is not None and verified is not None and sent != verified


def acr_of(sociallogin: SocialLogin) -> str:
    """The ID token's own acr: allauth prefers the userinfo answer for claims, which the provider may fill apart."""
    acr = id_token_of(sociallogin).get("acr")
    return acr if isinstance(acr, str) else ""


def shows_second_factor(sociallogin: SocialLogin) -> bool:
    return acr_of(sociallogin) in settings.OIDC_STAFF_ACR


def refuse(request, reason: str, uid: str, user=None):
    """Stop the sign-in with the refusal page (403), after an audit event and a security log line."""
    security_log.warning("Sign-in through %s refused (%s) for identity %r", settings.OIDC_PROVIDER_ID, reason, uid)
    audit.record(
        request,
        "oidc_sign_in_refused",
        object_type="care_identity",
        object_id=uid[:100],
        actor=user,
        detail={"reason": reason, "provider": settings.OIDC_PROVIDER_ID},
    )
    raise ImmediateHttpResponse(refusal_page(request, reason))


def refusal_page(request, reason: str):
    context = {"reason": reason, "provider_name": settings.OIDC_NAME}
    page = render(request, "core/sign_in_refused.jinja", context, status=403)
    page._has_been_logged = True  # the security log has it (or, in a flood, deliberately not): not Django's too
    return page


@receiver(user_logged_in)
def forget_second_factor_at_provider(sender, request, user, **kwargs):
    """Every sign-in starts by forgetting it: Django keeps a session's data when the same user signs in again."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(ASSURED_BY, None)


@receiver(allauth_logged_in)
def remember_second_factor_at_provider(sender, request, user, sociallogin=None, **kwargs):
    """A sign-in through the provider with a staff acr has had its second factor there: remember it in the session.

    allauth's own signal, sent after Django's (above), is the one that says which sign-in it was.
    """
    if sociallogin is not None and shows_second_factor(sociallogin):
        request.session[ASSURED_BY] = {"provider": sociallogin.account.provider, "acr": acr_of(sociallogin)}
