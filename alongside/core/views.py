from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import audit, registry
from .access import PUBLIC, SIGNED_IN, access
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
    """For load balancers and `make demo`: the app answers and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("select 1")
    return JsonResponse({"status": "ok"})


def _error(request, status: int, template: str):
    response = render(request, f"core/errors/{template}.jinja", status=status)
    return response


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
    try:
        return _error(request, 500, "500")
    except Exception:  # the error page itself must never fail
        return HttpResponse(
            "Sorry, there is a problem with the service. Try again later.", status=500, content_type="text/plain"
        )


@access(PUBLIC)
def csrf_failure(request, reason=""):
    return _error(request, 403, "csrf")


@access(PUBLIC)
def too_many_requests(request, exception=None):
    """allauth's other limits (sign-in posts from one address, password changes): logged, audited, a plain page."""
    security_log.warning("Rate limit reached at %s from %s", request.path, address(request))
    audit.record(request, "rate_limited", object_type="page", object_id=request.path[:80])
    return render(request, "core/errors/429.jinja", status=429)
