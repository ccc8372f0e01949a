"""The coordinators' reports on community referrals, under /directory/reports/: for a chosen period, referrals by
service and by need, how long services take to give a first answer, where the referrals stand now, and the
services that never answer with how to chase them; and the same figures as a CSV file.

For community coordinators and team leaders (reports_queries says whose referrals each sees); anyone else is
refused. The figures are counts and times: no person's name or words. The download is audited as a report
export."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from alongside.core import audit
from alongside.core.access import access, roles

from . import reports
from . import reports_queries as queries

READERS = roles("coordinator", "team_leader", name="referral report readers")
NO_NEED = "No need recorded for the service"


@dataclass(frozen=True)
class Report:
    period: str
    period_label: str
    since: object
    total: reports.Counts
    timing: reports.Timing
    overdue: int
    services: list  # (ServiceFacts, Counts), most referrals first
    needs: list  # (name, Counts), most referrals first
    standing: list  # (label, count, share of sent)
    silent: list  # (ServiceFacts, Silence)


def _report(request) -> Report:
    organisations = queries.organisation_ids(request)
    if not organisations:
        raise PermissionDenied
    period = reports.chosen_period(request.GET.get("period"))
    now = timezone.now()
    since = reports.period_start(period, timezone.localdate(now))
    found = queries.figures(organisations, since)
    unknown = queries.ServiceFacts(None, "A service no longer listed", "", "", "")
    facts = found.services

    def service(service_id):
        return facts.get(service_id, unknown)

    by_service = sorted(
        reports.by_service(found.referrals).items(), key=lambda item: (-item[1].sent, service(item[0]).name.lower())
    )
    by_need = sorted(
        (
            (found.need_names.get(need, NO_NEED) if need is not None else NO_NEED, counts)
            for need, counts in reports.by_need(found.referrals, found.service_needs, found.parents).items()
        ),
        key=lambda item: (item[0] == NO_NEED, -item[1].sent, item[0].lower()),
    )
    total = reports.overall(found.referrals)
    silent = reports.silences(found.referrals, now)
    return Report(
        period=period,
        period_label=reports.PERIODS[period][0],
        since=since,
        total=total,
        timing=reports.timing(found.referrals),
        overdue=sum(s.overdue for s in silent),
        services=[(service(pk), counts) for pk, counts in by_service],
        needs=by_need,
        standing=[
            (label, total.statuses[status], reports.share(total.statuses[status], total.sent))
            for status, label in reports.STANDING
        ],
        silent=[(service(s.service_id), s) for s in silent],
    )


@access(READERS)
def page(request):
    report = _report(request)
    return render(
        request,
        "directory/reports/page.jinja",
        {
            "report": report,
            "periods": [(key, label) for key, (label, _months) in reports.PERIODS.items()],
            "percent": reports.percent,
            "days": _days,
        },
    )


def _days(value: float | None) -> str:
    if value is None:
        return "–"
    shown = f"{value:g}"
    return f"{shown} working day" if value == 1 else f"{shown} working days"


COLUMNS = ("Sent", "Answered", "Waiting", "Accepted", "Not able to help", "Not taken up", "Outcome given")


def counts_row(counts: reports.Counts) -> list[int]:
    statuses = counts.statuses
    return [
        counts.sent,
        counts.answered,
        counts.waiting,
        statuses["accepted"],
        statuses["not_able"],
        statuses["not_taken_up"],
        statuses["outcome"],
    ]


def _cell(value) -> str:
    """A cell as a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@access(READERS)
def download(request):
    report = _report(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Section", "Row", "Figure", "Value"])
    period = report.period_label + (f" (sent since {report.since:%-d %B %Y})" if report.since else "")
    writer.writerow(["Period", "", "Referrals sent", period])
    for facts, counts in report.services:
        for column, value in zip(COLUMNS, counts_row(counts), strict=True):
            writer.writerow(["By service", _cell(f"{facts.name} ({facts.organisation})"), column, value])
    for name, counts in report.needs:
        for column, value in zip(COLUMNS, counts_row(counts), strict=True):
            writer.writerow(["By need", _cell(name), column, value])
    timing = report.timing
    writer.writerow(["Time to first answer", "", "Referrals answered", timing.answered])
    writer.writerow(["Time to first answer", "", "Median in working days", _days(timing.median_days)])
    writer.writerow(["Time to first answer", "", "Answered within 5 working days", timing.within])
    writer.writerow(["Time to first answer", "", "Share answered within 5 working days", _percent(timing)])
    for label, count, _share in report.standing:
        writer.writerow(["Where referrals stand now", label, "Referrals", count])
    for facts, silence in report.silent:
        name = _cell(f"{facts.name} ({facts.organisation})")
        writer.writerow(["Services that have not answered", name, "Sent", silence.sent])
        writer.writerow(["Services that have not answered", name, "Answered", silence.answered])
        writer.writerow(["Services that have not answered", name, "Waiting past 5 working days", silence.overdue])
        writer.writerow(["Services that have not answered", name, "Referral email", _cell(facts.referral_email)])
        writer.writerow(["Services that have not answered", name, "Phone", _cell(facts.phone)])
    audit.record(
        request,
        "directory_report_exported",
        object_type="community_referral_report",
        detail={"period": report.period, "organisations": sorted(queries.organisation_ids(request))},
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="community-referrals-{report.period}-{stamp}.csv"'
    return response


def _percent(timing: reports.Timing) -> str:
    return reports.percent(timing.share_within)
