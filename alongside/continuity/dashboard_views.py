"""The team leaders' continuity dashboard, a person's continuity measures, and a leader's review of a named worker.

Each page reads in a fixed number of queries, however many people, contacts or workers it shows: the period's
contacts come in one query (`measure.contacts`) and every table is a group-by over them. The views read through
`dashboard_queries`, build tables with `dashboard_tables` and word things through `dashboard_wording`.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core import audit
from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import earlier_submission, once
from alongside.people.access import open_record, record_denied
from alongside.people.models import Person
from alongside.people.policy import Category

from . import actions, dashboard_chart, measure
from . import dashboard_pages as pages
from . import dashboard_queries as queries
from . import dashboard_tables as tables
from . import dashboard_wording as wording
from .booking_queries import named_worker_of
from .dashboard_forms import DashboardForm, PeriodForm, ReviewForm

TEAM_LEADERS = roles("team_leader")


# --- the dashboard ------------------------------------------------------------------------------------------------


@access(TEAM_LEADERS)
def dashboard(request):
    """For a team the user leads, over a chosen period: a summary, the people who most need a familiar face and are
    not getting one (a page at a time), then charts of the team's, a GP practice's and the borough's continuity
    over the quarters with their tables, and the figures by named worker and by GP practice behind disclosures.

    The figures come from the nightly task when the period is the one it worked out (the page says when); any
    other period is worked out live."""
    today = timezone.localdate()
    teams = queries.led_teams(request)
    practices = queries.gp_practices()
    run = queries.latest_run()
    form = DashboardForm(
        request.GET,
        today=today,
        teams=[(t.pk, t.name) for t in teams],
        practices=practices,
        default=queries.default_period(today, run),
    )
    context = {"form": form, "has_errors": bool(form.errors), "several_teams": len(teams) > 1}
    period = form.period
    if period is None:
        return render(request, "continuity/dashboard.jinja", context)
    team = next(t for t in teams if str(t.pk) == form.cleaned_data["team"])
    caseload = queries.caseload_of(team)
    practice_id = int(form.cleaned_data["practice"] or 0) or tables.usual_practice(caseload, practices)
    form.data["practice"] = str(practice_id or "")
    workers = queries.team_workers(team)
    figures = queries.dashboard_figures(team, caseload, workers, period, today, run)
    shown, needing_count, page = queries.listed_needing_a_familiar_face(
        request, team, period, today, pages.page_number(request.GET.get("page"))
    )
    audit.record(
        request,
        "continuity_dashboard_viewed",
        object_type="team",
        object_id=team.pk,
        detail={"first": period.first.isoformat(), "last": period.last.isoformat(), "practice": practice_id},
    )
    practice_name = dict(practices).get(practice_id, "")
    over_time = tables.over_time_tables(figures, team, practice_id, practice_name)
    context |= {
        "team": team,
        "period": period,
        "computed_at": wording.computed_when(figures.computed_at) if figures.computed_at else "",
        "needing": shown,
        "needing_count": needing_count,
        "needing_pages": pages.pagination(request.GET, page, needing_count, queries.PER_PAGE, "needing"),
        "first_shown": (page - 1) * queries.PER_PAGE + 1,
        "practice_name": practice_name,
        "summary": summary_rows(figures, team, practice_id, practice_name),
        "charts": [
            dashboard_chart.chart(
                wording.plain_name(code),
                figures.quarters,
                [(t.caption.removesuffix(", by quarter"), [row[2][code] for row in t.rows]) for t in over_time],
                [row[0] for row in over_time[0].rows],
            )
            for code in wording.CHARTED
        ],
        "over_time": over_time,
        "by_worker": tables.by_worker_table(figures, team, workers),
        "by_practice": tables.by_practice_table(figures, practices),
        "meanings": wording.MEANINGS,
        "indices": wording.GROUP_INDICES,
        "plain_name": wording.plain_name,
    }
    return render(request, "continuity/dashboard.jinja", context)


def summary_rows(figures, team, practice_id, practice_name) -> list[tuple[str, list]]:
    """The period at a glance: each charted index for the team, the practice and the borough."""
    groups = [(team.name, figures.get("team", team.pk).summary)]
    if practice_name:
        groups.append((practice_name, figures.get("practice", practice_id).summary))
    groups.append(("Whole borough", figures.get("borough", None).summary))
    return [(wording.plain_name(code), [(name, s[code]) for name, s in groups]) for code in wording.CHARTED]


# --- one person's measures ----------------------------------------------------------------------------------------


@access(PERSON_RECORD)
def person_measures(request, pk):
    """The person's continuity over a chosen period, and the contacts the numbers come from."""
    person, _, _ = open_record(request, pk, Category.CARE, "continuity_measures_viewed")
    form = PeriodForm(request.GET, today=timezone.localdate())
    context = {"person": person, "form": form, "has_errors": bool(form.errors), "meanings": wording.MEANINGS}
    period = form.period
    if period is None:
        return render(request, "continuity/person_measures.jinja", context)
    frame = measure.contacts(period, [person.pk])
    rows = measure.per_person(frame).to_dicts()
    numbers = rows[0] if rows else {"n_contacts": 0, "n_practitioners": 0}
    usual = dict(zip(frame["contact_id"].to_list(), frame["usual_practitioner_id"].to_list(), strict=True))
    contacts = queries.contacts_in(person, period)
    named = named_worker_of(person)
    context |= {
        "period": period,
        "numbers": numbers,
        "indices": [
            (name, numbers.get(name), wording.why_not_measured(name, numbers)) for name in wording.PERSON_INDICES
        ],
        "contacts": [(c, usual.get(str(c.pk)) == str(c.practitioner_id)) for c in contacts],
        "contacts_total": frame.height,
        "named_worker": named.user if named else None,
    }
    return render(request, "continuity/person_measures.jinja", context)


# --- a team leader reviews the named worker -----------------------------------------------------------------------


@access(TEAM_LEADERS)
def review_named_worker(request, pk):
    """The leader of the team that looks after the person gives them a different named worker, choosing, where
    they can, someone the person already knows."""
    team = actions.deciding_team(Person(pk=pk))
    if team is None or not actions.leads(request, team.pk):
        if queries.person_exists(pk):  # a refusal is audited, as open_record does
            record_denied(request, "named_worker_review_opened", pk)
        raise Http404
    person, _, _ = open_record(request, pk, Category.CARE, "named_worker_review_opened")
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, wording.ALREADY_CHANGED)
        return redirect(previous)
    current = named_worker_of(person)
    seen = queries.who_they_have_seen(person, measure.Period.last_year(timezone.localdate()))
    times = {worker_id: count for worker_id, _, count in seen}
    choices = [w for w in queries.team_workers(team) if not current or w.pk != current.user_id]
    choices.sort(key=lambda w: -times.get(w.pk, 0))  # people they know first; by name within that
    form = ReviewForm(
        request.POST or None,
        workers=[(w.pk, f"{w.display_name} – {wording.seen_times(times.get(w.pk, 0))}") for w in choices],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def change():
            actions.review_named_worker(request, person, new_worker_id=int(data["new_worker"]), reason=data["reason"])
            return reverse("continuity:dashboard") + f"?team={team.pk}"

        url, made = once(request.user, data["form_key"], change)
        messages.success(request, wording.CHANGED if made else wording.CHANGED_BEFORE)
        return redirect(url)
    context = {
        "person": person,
        "team": team,
        "named_worker": current.user if current else None,
        "seen": seen,
        "form": form,
        "has_errors": bool(form.errors),
        "waiting": queries.change_request_waiting(person, team, request.user),
    }
    return render(request, "continuity/review_named_worker.jinja", context)
