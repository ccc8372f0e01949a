"""Benchmark: the team leaders' continuity dashboard (/continuity/dashboard/) on the demo borough, through the view.

    .venv/bin/python -m bench.continuity_dashboard [--people 5000] [--requests 40] [--seed 2026] [--keep | --reuse]

Builds the demo borough as `alongside demo` does (`alongside.demo.build`, care and every capability's demo steps:
two years of contacts) in a scratch database (alongside_bench_dashboard) on the same PostgreSQL server, so the
demo borough itself is untouched. Then it signs in the demo's team_leader (with an authenticator app, so the
second-factor check runs as in real use) and times requests through Django's test client: every middleware, the
access policy, the audit writes and the template.

Timed in turns, in the same run:
- the baseline: the dashboard as it was before issue 12 (`bench/dashboard_baseline`, a frozen copy of the view,
  its queries, tables, measure module and templates), which reads every contact of the borough on each request;
- the dashboard as it is now, after the nightly task has worked out the figures (`tasks.refresh_dashboard_figures`,
  whose own time is given too);
- the dashboard as it is now for a period the nightly task did not work out (the figures worked out live);
- a constant page behind the same middleware and sign-in.

--keep leaves the scratch database for a later run with --reuse (skips the build).
"""

import argparse
import os
import platform
import sys
import time
import types

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_requests

SCRATCH = "alongside_bench_dashboard"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=40, help="requests of each kind")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use a scratch database kept by --keep")
    args = parser.parse_args()

    build = open_scratch(SCRATCH, reuse=args.reuse)
    from django.conf import settings
    from django.db import connection

    from alongside.core import database_roles

    built_in = None
    if build:
        from alongside.demo import build as demo

        started = time.perf_counter()
        with database_roles.as_owner():  # as `alongside demo` builds: it drops and puts back indexes
            demo.build(args.seed, args.people)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        built_in = time.perf_counter() - started

    settings.ROOT_URLCONF = install_bench_urls()
    try:
        results = measure(args)
    finally:
        if not args.keep:
            drop_scratch(SCRATCH)
    report(args, results, built_in)
    return 0


def install_bench_urls() -> str:
    """The app's own URLs plus the baseline dashboard and a constant page, as a URL module of this run."""
    from django.http import HttpResponse
    from django.urls import include, path

    from alongside.core.access import SIGNED_IN, access
    from bench.dashboard_baseline.dashboard_views import dashboard as baseline_dashboard

    @access(SIGNED_IN)
    def constant(request):
        return HttpResponse("<!doctype html><title>Constant</title><p>A constant page.</p>")

    module = types.ModuleType("bench_continuity_dashboard_urls")
    module.urlpatterns = [
        path("bench/constant/", constant),
        path("bench/baseline-dashboard/", baseline_dashboard),
        path("", include("alongside.config.urls")),
    ]
    module.handler404 = "alongside.core.views.page_not_found"
    sys.modules[module.__name__] = module
    return module.__name__


def measure(args) -> dict:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    user = get_user_model().objects.get(username="team_leader")
    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    results = {"server": connection.cursor().connection.info.server_version}
    results["figures"] = refresh_figures()
    today = timezone.localdate()
    other = f"?start_day=1&start_month=1&start_year={today.year - 1}&end_day=30&end_month=6&end_year={today.year - 1}"
    kinds = {
        "constant page": "/bench/constant/",
        "before issue 12 (baseline)": "/bench/baseline-dashboard/",
        "now, figures worked out by the nightly task": "/continuity/dashboard/",
        "now, another period (worked out live)": "/continuity/dashboard/" + other,
        "before issue 12, the same other period": "/bench/baseline-dashboard/" + other,
    }
    for name in kinds:
        results[name] = ([], [])
    for _ in range(args.requests // 10):  # in turns, so that a busy spell on the machine falls on every kind alike
        for name, url in kinds.items():
            times, counts = timed_requests(client, [url] * 10)
            results[name][0].extend(times)
            results[name][1].extend(counts)
    results["sizes"] = {name: len(client.get(url).content) for name, url in kinds.items()}
    return results


def refresh_figures() -> float:
    """Work the dashboard's figures out as the nightly task does; its time in seconds."""
    from alongside.continuity import tasks

    refresh = getattr(tasks, "refresh_dashboard_figures", None)
    if refresh is None:  # before the nightly figures existed
        return 0.0
    started = time.perf_counter()
    refresh.call(timezone_day())
    return time.perf_counter() - started


def timezone_day() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def report(args, results: dict, built_in: float | None) -> None:
    import django

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {results['server']}"
    )
    print(
        f"demo borough of {args.people:,} people, seed {args.seed}; {args.requests} requests of each kind, in turns"
        + (f"; built in {built_in:.0f} s" if built_in else "")
        + (f"; the nightly figures took {results['figures']:.2f} s" if results["figures"] else "")
    )
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    base, _ = summary(results["before issue 12 (baseline)"][0])
    print("| what | median ms | p95 ms | queries per request | page size (kB) | median against the baseline |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, size in results["sizes"].items():
        times, counts = results[name]
        median, p95 = summary(times)
        queries = min(counts) if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} | {size / 1000:.0f} | {median / base:.2f}x |")


if __name__ == "__main__":
    sys.exit(main())
