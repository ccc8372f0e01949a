"""BASELINE for bench.continuity_dashboard: the continuity dashboard view as it was on main at 884944d, before
issue 12, frozen here (with its queries, tables, wording, forms, measure module and templates) so that the benchmark
times today's code against it in the same run. Not used by the service.
"""

from pathlib import Path

from django.http import HttpResponse
from django.template import engines
from django.template.backends.jinja2 import Template
from django.utils import timezone
from jinja2 import ChoiceLoader, FileSystemLoader

from alongside.core import audit
from alongside.core.access import access, roles
from bench.dashboard_baseline import dashboard_queries as queries
from bench.dashboard_baseline import dashboard_tables as tables
from bench.dashboard_baseline import dashboard_wording as wording
from bench.dashboard_baseline import measure
from bench.dashboard_baseline.dashboard_forms import DashboardForm

TEAM_LEADERS = roles("team_leader")
_ENV = None


def render_baseline(request, context):
    """Render the frozen copy of the old template through the project's Jinja2 backend (context processors and
    all), as `render` would."""
    global _ENV
    backend = engines["jinja2"]
    if _ENV is None:
        _ENV = backend.env.overlay(
            loader=ChoiceLoader([FileSystemLoader(Path(__file__).parent / "templates"), backend.env.loader])
        )
    template = Template(_ENV.get_template("bench_baseline/dashboard.jinja"), backend)
    return HttpResponse(template.render(context, request))


# --- the dashboard ------------------------------------------------------------------------------------------------


@access(TEAM_LEADERS)
def dashboard(request):
    """For a team the user leads, over a chosen period: the people who most need a familiar face and are not
    getting one, then the team's, a GP practice's and the borough's continuity, quarter by quarter and by group."""
    today = timezone.localdate()
    teams = queries.led_teams(request)
    practices = queries.gp_practices()
    form = DashboardForm(request.GET, today=today, teams=[(t.pk, t.name) for t in teams], practices=practices)
    context = {"form": form, "has_errors": bool(form.errors), "several_teams": len(teams) > 1}
    period = form.period
    if period is None:
        return render_baseline(request, context)
    team = next(t for t in teams if str(t.pk) == form.cleaned_data["team"])
    caseload = queries.caseload_of(team)
    practice_id = int(form.cleaned_data["practice"] or 0) or tables.usual_practice(caseload, practices)
    form.data["practice"] = str(practice_id or "")
    workers = queries.team_workers(team)
    quarters = measure.quarters(today)
    # Everyone's contacts over the period and the last eight quarters, read once for every table below.
    everything = measure.contacts(measure.Period(min(period.first, quarters[0].first), max(period.last, today)))
    frame = measure.within(everything, period)

    shown, needing_count = queries.listed_needing_a_familiar_face(request, list(caseload), frame, today)
    audit.record(
        request,
        "continuity_dashboard_viewed",
        object_type="team",
        object_id=team.pk,
        detail={"first": period.first.isoformat(), "last": period.last.isoformat(), "practice": practice_id},
    )
    seen = queries.people_seen(min(period.first, quarters[0].first), today)
    practice_name = dict(practices).get(practice_id, "")
    context |= {
        "team": team,
        "period": period,
        "needing": shown,
        "needing_count": needing_count,
        "practice_name": practice_name,
        "over_time": tables.over_time_tables(
            everything, quarters, team, caseload, workers, seen, practice_id, practice_name
        ),
        "by_worker": tables.by_worker_table(frame, team, caseload, workers, queries.named_worker_lists(workers)),
        "by_practice": tables.by_practice_table(frame, seen, practices),
        "meanings": wording.MEANINGS,
        "indices": wording.GROUP_INDICES,
    }
    return render_baseline(request, context)
