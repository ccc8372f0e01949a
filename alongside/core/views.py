from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alongside.partners.models import PERSON_ROLE, Membership, Organisation, Role, Team

from .access import PUBLIC, SIGNED_IN, access


@access(SIGNED_IN)
def home(request):
    """One home page, made of the sections that fit the user's roles."""
    roles = request.roles
    context = {"roles": sorted(roles), "memberships": request.memberships}
    if Role.ADMIN in roles:
        context["counts"] = {
            "organisations": Organisation.objects.count(),
            "teams": Team.objects.count(),
            "memberships": Membership.objects.active().count(),
        }
    led_team_ids = [m.team_id for m in request.memberships if m.role == Role.TEAM_LEADER]
    if led_team_ids:
        context["led_teams"] = Team.objects.filter(id__in=led_team_ids).select_related("organisation")
        context["led_members"] = (
            Membership.objects.active()
            .filter(team_id__in=led_team_ids)
            .select_related("user", "team")
            .order_by("team__name", "user__last_name", "user__first_name")
        )
    if PERSON_ROLE in roles:
        context["person"] = request.user.person
    return render(request, "core/home.jinja", context)


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
