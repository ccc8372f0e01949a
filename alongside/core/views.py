from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import audit, registry
from .access import PUBLIC, SIGNED_IN, access
from .outage import DATABASE_UNAVAILABLE, database_unavailable, unavailable_headers
from .sign_in_limits import address, security_log


@access(SIGNED_IN)
def home(request):
    """One home page, made of the panels each app contributes for the user's roles."""
    panels = []
    for panel in registry.home_panels():
        context = panel.context(request)
        if context is not None:
            panels.append((panel.template, context))
    return render(request, "core/home.jinja", {"roles": sorted(request.roles), "panels": panels})


@access(SIGNED_IN)
def second_factor_setup(request):
    return render(request, "core/second_factor_setup.jinja")


@access(PUBLIC)
def about(request):
    return render(request, "core/about.jinja")


@access(PUBLIC)
def accessibility(request):
    return render(request, "core/accessibility.jinja")


@access(PUBLIC)
@require_GET
def health(request):
    """For load balancers and `make demo`: the app answers and the database answers (503 while it does not)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("select 1")
    except DATABASE_UNAVAILABLE:
        return unavailable_headers(JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503))
    return JsonResponse({"status": "ok"})


def _error(request, status: int, template: str, without_database: bool | None = None):
    """An error page in the NHS.UK layout. Without the database, the layout leaves out what needs it (who is signed
    in, the menu, messages kept in the session), so the page itself never makes a query."""
    if without_database is None:
        without_database = not _user_readable(request)
    return render(request, f"core/errors/{template}.jinja", {"without_database": without_database}, status=status)


def _user_readable(request) -> bool:
    """Whether the signed-in user (and so the session) can be read: not while the database is away."""
    try:
        if hasattr(request, "user"):
            request.user.is_authenticated  # noqa: B018 (reading it loads the user and the session, or fails)
    except DatabaseError:
        return False
    return True


@access(PUBLIC)
def bad_request(request, exception=None):
    if not hasattr(request, "user"):  # refused before sign-in was read (a foreign Host): shown as to anyone
        request.user = AnonymousUser()
    return _error(request, 400, "400")


@access(PUBLIC)
def permission_denied(request, exception=None):
    return _error(request, 403, "403")


@access(PUBLIC)
def page_not_found(request, exception=None):
    return _error(request, 404, "404")


@access(PUBLIC)
def server_error(request):
    """Django calls this inside its `except`, so `sys.exception()` is what went wrong. The database out of reach
    (stopped, restarting) is a 503 that says to try again soon; anything else is our fault, a 500."""
    unavailable = database_unavailable()
    status = 503 if unavailable else 500
    try:
        response = _error(request, status, "503" if unavailable else "500", without_database=unavailable or None)
    except Exception:  # the error page itself must never fail
        response = HttpResponse(
            "Sorry, there is a problem with the service. Try again later.", status=status, content_type="text/plain"
        )
    return unavailable_headers(response) if unavailable else response


@access(PUBLIC)
def csrf_failure(request, reason=""):
    return _error(request, 403, "csrf")


@access(PUBLIC)
def too_many_requests(request, exception=None):
    """allauth's other limits (sign-in posts from one address, password changes): logged, audited, a plain page."""
    security_log.warning("Rate limit reached at %s from %s", request.path, address(request))
    audit.record(request, "rate_limited", object_type="page", object_id=request.path[:80])
    return render(request, "core/errors/429.jinja", status=429)
