"""The virtual ward's honest figures: a page for the ward's team (its team leader and nurses), and the same figures
a month a row as a CSV file, in the shape of NHS England's virtual ward SitRep, for the ward's team leader.

Service-level figures only: counts, days and shares, never a person's name or details (ADR 0037). Every view and
download is audited, with the ward and the period. A ward the user is not on answers 404, like a missing one.
"""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core import audit
from alongside.core.access import Policy, access
from alongside.partners.roles import leads_team
from alongside.people.access import record_denied

from . import queries_figures as queries
from . import report_figures as report
from .forms_figures import FiguresForm

# Any signed-in user reaches the views, which answer the site's missing page (audited) to anyone outside the ward's
# team, or for the CSV not leading it: a role refusal (403) would tell others that the page exists (ADR 0036).
WARD_TEAM = Policy(
    "virtual ward team",
    "Any signed-in user; the view answers 404 like a missing page, audited, unless they give care in a ward's team.",
)
TEAM_LEADERS = Policy(
    "virtual ward team leaders",
    "Any signed-in user; the view answers 404 like a missing page, audited, unless they lead a ward's team.",
)


def _form(request, wards, what: str) -> FiguresForm:
    """The period and ward asked for; no ward, or a ward that is not one of the user's, answers 404 as a missing
    one, audited."""
    asked = request.GET.get("ward", "")
    if not wards or (asked and asked not in {str(w.pk) for w in wards}):
        record_denied(request, what, None, object_type="virtual_ward", object_id=asked)
        raise Http404
    return FiguresForm(request.GET, today=timezone.localdate(), wards=[(w.pk, w.name) for w in wards])


@access(WARD_TEAM)
def figures(request):
    wards = queries.wards_seen(request)
    form = _form(request, wards, "virtual_ward_figures_viewed")
    context = {"form": form, "has_errors": bool(form.errors), "several_wards": len(wards) > 1, "ward": None}
    period = form.period
    if period is None:
        return render(request, "virtual_ward/figures/page.jinja", context)
    ward = next(w for w in wards if str(w.pk) == form.cleaned_data["ward"])
    first, last = period
    found = report.work_out(queries.facts(ward, first, last), first, last, timezone.now())
    audit.record(
        request,
        "virtual_ward_figures_viewed",
        object_type="virtual_ward",
        object_id=ward.pk,
        detail={"first": first.isoformat(), "last": last.isoformat()},
    )
    query = {"ward": ward.pk, "from": first.isoformat(), "to": last.isoformat()}
    context |= {
        "ward": ward,
        "figures": found,
        "may_export": leads_team(request, ward.team_id),
        "csv_query": "&".join(f"{k}={v}" for k, v in query.items()),
        "percent": report.percent,
        "number": report.number,
        "percent_as_needed": report.percent_as_needed,
        "count": report.count,
    }
    return render(request, "virtual_ward/figures/page.jinja", context)


def _blank(value) -> str:
    return "" if value is None else str(value)


def _pct(value: float | None) -> str:
    """A share as a percentage with one decimal place and no sign (blank when it cannot be given)."""
    return "" if value is None else f"{value * 100:.1f}"


def _num(value: float | None, places: int = 1) -> str:
    return "" if value is None else f"{value:.{places}f}"


def _deflection(f: report.Figures, which: str) -> str:
    if f.deflection is None:
        return ""
    return _pct(
        {"share": f.deflection.share, "low": f.deflection.interval.low, "high": f.deflection.interval.high}[which]
    )


def _snapshot_share(f: report.Figures) -> str:
    if f.on_the_ward is None or not f.snapshot_beds:
        return ""
    return _pct(f.on_the_ward / f.snapshot_beds)


# (column, the SitRep field it stands for or "" when it is ours, how to write it from a month's figures); the guide
# (docs/guides/virtual-ward-figures.md) lists the same mapping.
COLUMNS = (
    ("Ward", "Virtual ward (provider)", lambda ward, f: ward.name),
    ("From", "Reporting period start", lambda ward, f: f.first.isoformat()),
    ("To", "Reporting period end", lambda ward, f: f.last.isoformat()),
    ("Beds (usual)", "Virtual ward capacity (beds)", lambda ward, f: f.beds),
    (
        "Snapshot time",
        "Snapshot time (8am Thursday)",
        lambda ward, f: f.snapshot_at.isoformat() if f.snapshot_at else "",
    ),
    ("Beds at the snapshot", "Virtual ward capacity at the snapshot", lambda ward, f: _blank(f.snapshot_beds)),
    (
        "Patients on the ward at the snapshot",
        "Patients on the virtual ward (occupancy)",
        lambda w, f: _blank(f.on_the_ward),
    ),
    ("Occupancy at the snapshot %", "Occupancy %", lambda ward, f: _snapshot_share(f)),
    ("Registered population", "GP registered population", lambda ward, f: f.population),
    (
        "Beds per 100,000 registered population",
        "Capacity per 100,000 population",
        lambda w, f: _num(f.per_population, 2),
    ),
    ("Bed-days available", "", lambda ward, f: f.bed_days_available),
    ("Bed-days used", "", lambda ward, f: _num(f.bed_days_used)),
    ("Occupancy over the period %", "", lambda ward, f: _pct(f.occupancy)),
    ("Admissions", "Admissions", lambda ward, f: f.admitted),
    ("Step-up admissions", "Step-up admissions", lambda ward, f: f.step_up_admitted),
    ("Step-down admissions", "Step-down admissions", lambda ward, f: f.step_down_admitted),
    ("Episodes ended", "Discharges", lambda ward, f: f.ended),
    ("Average length of stay (days)", "Average length of stay", lambda ward, f: _num(f.length_of_stay.mean)),
    ("Median length of stay (days)", "", lambda ward, f: _num(f.length_of_stay.median)),
    ("Step-up episodes ended", "", lambda ward, f: f.at_home.step_up_ended),
    ("Step-up ended: stayed at home", "", lambda ward, f: f.at_home.stayed_home),
    ("Step-up ended: died at home as they wished", "", lambda ward, f: f.at_home.died_at_home),
    ("Admissions avoided", "", lambda ward, f: f.avoided),
    ("Admissions expected from the baseline", "", lambda ward, f: _num(f.expected)),
    ("Deflection %", "", lambda ward, f: _deflection(f, "share")),
    ("Deflection 95% interval low %", "", lambda ward, f: _deflection(f, "low")),
    ("Deflection 95% interval high %", "", lambda ward, f: _deflection(f, "high")),
    ("Target deflection %", "", lambda ward, f: _pct(f.target)),
    ("Baseline source", "", lambda ward, f: f.baseline_source),
)


def cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's advice on CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@access(TEAM_LEADERS)
def figures_csv(request):
    """A row a calendar month (cut to the period), as the SitRep reports a snapshot each period."""
    wards = queries.wards_exported(request)
    form = _form(request, wards, "virtual_ward_figures_exported")
    period = form.period
    if period is None:  # the page shows what is wrong with the dates
        return redirect(reverse("virtual_ward:figures") + "?" + request.GET.urlencode())
    ward = next(w for w in wards if str(w.pk) == form.cleaned_data["ward"])
    first, last = period
    months = report.by_month(queries.facts(ward, first, last), timezone.now())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column for column, _field, _value in COLUMNS])
    for month in months:
        writer.writerow([cell(value(ward, month)) for _column, _field, value in COLUMNS])
    audit.record(
        request,
        "virtual_ward_figures_exported",
        object_type="virtual_ward",
        object_id=ward.pk,
        detail={"first": first.isoformat(), "last": last.isoformat(), "rows": len(months)},
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="virtual-ward-{ward.pk}-figures-{first.isoformat()}-to-{last.isoformat()}.csv"'
    )
    return response
