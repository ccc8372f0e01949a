from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
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
    if Role.IG_REVIEWER in roles:
        from alongside.breakglass.reviews import for_reviewer

        context["awaiting_review"] = for_reviewer(request).filter(reviewed_at__isnull=True).count()
    if request.memberships:
        context["unread_alerts"] = list(request.user.alerts.filter(read_at=None).order_by("-created_at", "-pk")[:10])
    context |= referrals_home(request)
    context |= people_home(request)
    return render(request, "core/home.jinja", context)


def referrals_home(request) -> dict:
    """For the single point of access: how many referrals wait for a decision, and how many are overdue."""
    from alongside.partners.roles import is_triage
    from alongside.referrals.summary import daily_summary

    if not is_triage(request):
        return {}
    return {"referrals_waiting": daily_summary(timezone.now())}


def people_home(request) -> dict:
    """The people this user is named worker for, and the people they act for as a proxy (audited as reads)."""
    from alongside.partners.roles import NAMED_WORKER_ROLES
    from alongside.people.access import acting, record_list_access
    from alongside.people.models import CareRelationship, Person
    from alongside.people.policy import Acting, Basis, RelationshipKind

    active = CareRelationship.objects.active()
    context = {}
    if acting(request) == Acting.STAFF:
        mine = Person.objects.filter(
            pk__in=active.filter(user=request.user, kind=RelationshipKind.NAMED_WORKER).values("person_id")
        ).order_by("family_name", "given_name", "pk")
        context["caseload"] = list(mine[:CASELOAD_SHOWN])
        context["caseload_count"] = (
            mine.count() if len(context["caseload"]) == CASELOAD_SHOWN else len(context["caseload"])
        )
        record_list_access(request, context["caseload"], "caseload_listed", Basis.RELATIONSHIP)
        context["appointments"] = appointments_to_come(request)
        context["may_set_aside"] = bool(request.roles & (set(NAMED_WORKER_ROLES) | {Role.TEAM_LEADER}))
        record_list_access(
            request, [a.person for a in context["appointments"]], "appointments_listed", Basis.RELATIONSHIP
        )
    proxied = Person.objects.filter(
        pk__in=active.filter(user=request.user, kind=RelationshipKind.PROXY).values("person_id")
    ).order_by("family_name", "given_name")
    context["acting_for"] = list(proxied)
    record_list_access(request, context["acting_for"], "proxy_listed", Basis.PROXY)
    return context


CASELOAD_SHOWN = 25


def appointments_to_come(request) -> list:
    """The user's booked appointments from today for a week, with people they may see. One query."""
    from datetime import datetime, time, timedelta

    from alongside.continuity.models import AppointmentRequest
    from alongside.people.access import visible_people

    start = datetime.combine(timezone.localdate(), time.min, tzinfo=timezone.get_current_timezone())
    booked = AppointmentRequest.objects.filter(
        slot__practitioner=request.user,
        slot__start__gte=start,
        slot__start__lt=start + timedelta(days=7),
        cancelled_at__isnull=True,
        person__in=visible_people(request),
    )
    return list(booked.select_related("person", "slot").order_by("slot__start")[:CASELOAD_SHOWN])


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
