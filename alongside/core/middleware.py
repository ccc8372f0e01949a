import re
import time
import uuid

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from whitenoise.middleware import WhiteNoiseMiddleware

from . import identity, logs
from .access import policy_for
from .api_errors import refusal, under_api

NO_SECOND_FACTOR = "Set up a second factor in Alongside (an authenticator app or a passkey) before using the API."

# An id a client sends for its own tracing: kept only if short and plain, so it is safe in logs and exports.
CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class RequestIdMiddleware:
    """Give every request an id made here, echoed in the response and written into audit events and log lines.

    A client's own X-Request-ID is never used as the id, so no two requests share one; if it is safe it is
    kept beside it (`request.client_request_id`, the audit's `client_request_id`) to match the client's logs.
    Every log line made during the request carries the id (`logs.request_id`), and the access log gets one line
    for the request once it is answered (`logs.log_access`: its route, never its address or query).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.id = uuid.uuid4().hex
        sent = request.headers.get("X-Request-ID", "")
        request.client_request_id = sent if CLIENT_REQUEST_ID.fullmatch(sent) else ""
        made = logs.request_id.set(request.id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            logs.log_access(request, response, started)
            return response
        finally:
            logs.request_id.reset(made)


class PermissionsPolicyMiddleware:
    """Refuse browser features the service does not use (settings.PERMISSIONS_POLICY), on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}={allowed}" for feature, allowed in settings.PERMISSIONS_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


LAST_SEEN = "alongside_last_seen"  # in the session: when the signed-in user last asked for anything (epoch seconds)


class IdleSignOutMiddleware:
    """Sign out someone who has done nothing for SESSION_IDLE_MINUTES, so an unattended screen does not stay open.

    The request then goes on as anyone's would: a page that needs sign-in sends them to the sign-in page, which
    says why they were signed out. The time is written to the session at sign-in (signals.py) and then at most
    once a minute, not on every request; so someone is signed out between 0 and 1 minute after the idle time
    is up, never before.
    """

    RECORD_EVERY = 60  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_MINUTES * 60 + self.RECORD_EVERY:
                sign_out_idle(request)
            elif last_seen is None or now - last_seen >= self.RECORD_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def sign_out_idle(request) -> None:
    minutes = settings.SESSION_IDLE_MINUTES
    request.signed_out_idle = True  # the sign-out's audit event says why
    logout(request)
    messages.info(
        request,
        f"You were signed out because you had not used {settings.SERVICE_NAME} for {minutes} minutes. "
        "Sign in again to carry on.",
    )


class MembershipMiddleware:
    """Read the user's active memberships afresh on every request: an ended membership stops working at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        attach_roles(request, request.user)
        return self.get_response(request)


def attach_roles(request, user) -> None:
    """Set request.memberships (active now) and request.roles for this user."""
    identity.attach_roles(request, user)


def needs_second_factor(user, memberships) -> bool:
    """Staff and volunteers (anyone with a team role) and superusers must enrol a second factor."""
    return bool(user.is_superuser or memberships)


# Set when a sign-in through OpenID Connect showed a second factor at the provider (core/social_accounts.py).
ASSURED_BY = "alongside_assured_by"


def assured_by_provider(request) -> bool:
    """Whether this session began with a sign-in through the OpenID provider that showed a second factor there.

    Only a browser session can say so: the API's bearer tokens still need a factor set up in Alongside (ADR 5).
    """
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(ASSURED_BY))


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def demo_may_skip(user) -> bool:
    """Only the demo switch, and only for demo logins, lets someone skip second-factor enrolment."""
    return bool(settings.DEMO_MODE and user.is_demo)


def second_factor_satisfied(user, memberships) -> bool:
    return not needs_second_factor(user, memberships) or demo_may_skip(user) or has_second_factor(user)


class SecondFactorMiddleware:
    """Send staff and volunteers without a second factor to enrol before they reach anything else."""

    # "/health" covers /health/ and /healthz; the probes and the metrics scrape never sign in (issue 19 part B).
    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/second-factor/", "/health", "/readyz", "/metrics")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.second_factor_skipped = request.second_factor_needed = False
        user = request.user
        if (
            user.is_authenticated
            and needs_second_factor(user, request.memberships)
            and not (assured_by_provider(request) and not under_api(request))
            and not has_second_factor(user)
        ):
            if demo_may_skip(user):
                request.second_factor_skipped = True
            else:
                request.second_factor_needed = True
                if under_api(request):  # a script cannot follow a redirect to set one up
                    return refusal(401, NO_SECOND_FACTOR)
                if not request.path.startswith(self.ALLOWED_PREFIXES):
                    return redirect("second_factor_setup")
        return self.get_response(request)


class AccessPolicyMiddleware:
    """Deny by default: a view without a declared policy does not exist; a policy that refuses stops the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        policy = policy_for(view_func, request.resolver_match.namespaces if request.resolver_match else ())
        if policy is None:
            raise Http404("No access policy declared for this view.")
        if policy.allows(request):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied


class NoStoreMiddleware:
    """Pages for a signed-in user may hold person data: never let a browser or proxy keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise for /static/, and the NHS.UK images also at /assets/, where the NHS.UK stylesheet asks for them."""

    def __init__(self, get_response=None):
        super().__init__(get_response)
        assets = django_settings.BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk" / "assets"
        if assets.is_dir():
            self.add_files(str(assets), prefix="assets/")
