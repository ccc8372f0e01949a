"""A volunteer hub's routes: for each urgency, how its concerns travel, who is called and how soon someone must
answer. Its coordinators set them; until they do, the defaults apply (`routing.DEFAULTS`). A save made on a
version someone else has since changed is refused and shows theirs."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core.access import access, roles
from alongside.core.forms import EditConflict
from alongside.partners.models import Role

from . import actions_raising, raising_queries, routing
from .models import RouteKind, Urgency
from .raising_forms import ROUTE_HINTS, RouteForm


def _hub(request, hub_id: int):
    hub = raising_queries.hub_for(request, hub_id)
    if hub is None:
        raise Http404
    return hub


@access(roles(Role.COORDINATOR))
def my_routes(request):
    """The routes of the (first) hub the user coordinates."""
    hubs = raising_queries.hubs_of(request)
    if not hubs:
        raise Http404
    return redirect("concerns:routes", hub=hubs[0].pk)


@access(roles(Role.COORDINATOR))
def routes(request, hub):
    team = _hub(request, hub)
    return render(
        request,
        "concerns/raising/routes.jinja",
        {"hub": team, "rows": raising_queries.routes_page(team.pk), "hubs": raising_queries.hubs_of(request)},
    )


@access(roles(Role.COORDINATOR))
def edit_route(request, hub, urgency):
    team = _hub(request, hub)
    if urgency not in routing.URGENCIES:
        raise Http404
    row = raising_queries.route_row(team.pk, urgency)
    leaders = raising_queries.team_leaders()
    initial = {
        "kind": row.setting.kind,
        "team_leader": row.setting.team_leader_id,
        "response_hours": row.setting.response_hours,
        "version": row.version,
    }
    form = RouteForm(request.POST or None, initial=initial, leaders=leaders)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions_raising.save_route(
                request,
                team.pk,
                urgency,
                data["kind"],
                data["team_leader"],
                data["response_hours"],
                data["version"],
            )
        except EditConflict:
            conflict = raising_queries.route_row(team.pk, urgency)
            post = request.POST.copy()
            post["version"] = str(conflict.version)
            form = RouteForm(post, leaders=leaders)
            form.is_valid()
            form.add_error(
                None, "Another coordinator changed this route while you were editing. Check theirs below and save again"
            )
        else:
            messages.success(
                request, f"Route saved: {Urgency(urgency).label.lower()}, {RouteKind(data['kind']).label.lower()}"
            )
            return redirect(reverse("concerns:routes", args=[team.pk]))
    return render(
        request,
        "concerns/raising/edit_route.jinja",
        {
            "hub": team,
            "urgency": urgency,
            "urgency_words": Urgency(urgency).label,
            "form": form,
            "has_errors": bool(form.errors),
            "conflict": conflict,
            "route_hints": ROUTE_HINTS,
        },
    )
