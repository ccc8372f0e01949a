"""Benchmark: the volunteer coordinator's concern queue (/concerns/queue/) with 5,000 open concerns, through the view.

    .venv/bin/python -m bench.concern_queue [--people 20000] [--open 5000] [--closed 5000] [--requests 200]
                                            [--keep | --reuse]

Builds the demo borough's people and staff (`alongside.demo.build` with `care=False`) in a scratch database
(alongside_bench_concerns), then writes concerns straight in: --open open ones in the Living Well volunteer hub
(about a fifth past their answer-by time), --closed closed ones with outcomes, and as many open ones again in a
second hub that the coordinator must never see, over every kind, urgency and route.

Then it signs in the demo's coordinator (with an authenticator app, so the second-factor check runs as in real use)
and times requests through Django's test client: every middleware, the access policy, the audit write of each
concern shown and the template. The queue is timed as a coordinator uses it (the first page, health worries only,
overdue only, a route, page 50) against two baselines measured in the same run: a constant page behind the same
middleware and sign-in, and a naive queue (every open concern of the hub loaded into Python, sorted and counted
there, then sliced, each row's person and volunteer read with a query of their own; same template, same audit).
"""

import argparse
import os
import platform
import random
import sys
import time
import types
from datetime import timedelta

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_requests

SCRATCH = "alongside_bench_concerns"
HUB = "Living Well volunteer hub"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--open", type=int, default=5_000, help="open concerns in the coordinator's hub")
    parser.add_argument("--closed", type=int, default=5_000, help="closed concerns in the coordinator's hub")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use a scratch database kept by --keep")
    args = parser.parse_args()

    build = open_scratch(SCRATCH, reuse=args.reuse)
    from django.conf import settings

    from alongside.core import database_roles

    built_in = None
    if build:
        started = time.perf_counter()
        with database_roles.as_owner():
            build_borough(args)
        built_in = time.perf_counter() - started
    settings.ROOT_URLCONF = install_bench_urls()
    try:
        results = measure(args)
    finally:
        if not args.keep:
            drop_scratch(SCRATCH)
    report(args, results, built_in)
    return 0


# --- the data -------------------------------------------------------------------------------------------------


def build_borough(args) -> None:
    from django.db import connection, transaction
    from tqdm import tqdm

    from alongside.demo import build

    with tqdm(total=args.people, unit=" people", desc="people", file=sys.stderr) as bar:
        build.build(args.seed, args.people, progress=bar.update, care=False)
    with transaction.atomic():
        add_concerns(random.Random(args.seed), args.open, args.closed)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def add_concerns(rng: random.Random, open_: int, closed: int) -> None:
    from django.utils import timezone

    from alongside.concerns import routing
    from alongside.concerns.models import Concern
    from alongside.partners.models import Membership, Organisation, Team
    from alongside.people.models import Person

    now = timezone.now()
    hub = Team.objects.get(name=HUB)
    other = Team.objects.create(
        name="Another volunteer hub",
        kind=Team.Kind.VOLUNTEER_HUB,
        organisation=Organisation.objects.create(name="Another voluntary service", kind="voluntary_organisation"),
    )
    volunteers = list(Membership.objects.filter(team=hub, role="volunteer").values_list("user_id", flat=True))
    clinicians = list(Membership.objects.filter(role="clinician").values_list("user_id", "team_id"))
    first, last = Person.objects.order_by("id").values_list("id", flat=True)[:1][0], Person.objects.latest("id").id
    words = ["Seems low", "Out of breath on the stairs", "The boiler is broken", "Has not been eating", ""]

    def one(hub_team, status: str) -> Concern:
        kind = rng.choice(routing.KINDS)
        urgency = rng.choice(routing.URGENCIES)
        route = routing.DEFAULTS[urgency]
        raised = now - timedelta(hours=rng.uniform(1, 24 * 40))
        # about a fifth overdue: answer-by spread either side of now
        answer_by = now + timedelta(hours=rng.uniform(-0.25, 1) * route.response_hours * 4)
        worker, team = rng.choice(clinicians) if kind == "health" else (None, hub_team.pk)
        return Concern(
            person_id=rng.randint(first, last),
            raised_by_id=rng.choice(volunteers),
            hub=hub_team,
            kind=kind,
            urgency=urgency,
            words=rng.choice(words),
            route_kind=rng.choice([route.kind, route.kind, route.kind, routing.MDT]),
            for_user_id=worker,
            for_team_id=team,
            status=status,
            answer_by=answer_by if status == "open" else raised + timedelta(hours=route.response_hours),
            outcome="Sorted - thank you for noticing" if status == "closed" else "",
            closed_at=now if status == "closed" else None,
            created_at=raised,
        )

    rows = [one(hub, "open") for _ in range(open_)] + [one(hub, "closed") for _ in range(closed)]
    rows += [one(other, "open") for _ in range(open_)]
    Concern.objects.bulk_create(rows, batch_size=2000)


# --- the measurements -----------------------------------------------------------------------------------------


def install_bench_urls() -> str:
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.urls import include, path
    from django.utils import timezone

    from alongside.concerns import raising_access, raising_queries
    from alongside.concerns.models import Concern
    from alongside.concerns.raising_forms import QueueFilters
    from alongside.core.access import SIGNED_IN, access, roles
    from alongside.people.access import coordinated_hub_ids

    @access(SIGNED_IN)
    def constant(request):
        return HttpResponse("<!doctype html><title>Constant</title><p>A constant page.</p>")

    @access(roles("coordinator"))
    def naive_queue(request):
        """The obvious first version: every open concern of the hub into Python, filtered, sorted and counted
        there, then sliced; the template reads each row's person, volunteer and who it is for, a query each."""
        now = timezone.now()
        filters = QueueFilters(request.GET or None)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        everything = list(
            Concern.objects.filter(hub_id__in=sorted(coordinated_hub_ids(request)), status=Concern.Status.OPEN)
        )
        for name, field in (("kind", "kind"), ("urgency", "urgency"), ("route", "route_kind")):
            if chosen.get(name):
                everything = [c for c in everything if getattr(c, field) == chosen[name]]
        late = [c for c in everything if c.answer_by < now]
        if chosen.get("overdue"):
            everything = late
        everything.sort(key=lambda c: (c.answer_by, c.pk))
        count = len(everything)
        pages = max(1, -(-count // raising_queries.PAGE_SIZE))
        number = min(max(1, chosen.get("page") or 1), pages)
        rows = everything[(number - 1) * raising_queries.PAGE_SIZE : number * raising_queries.PAGE_SIZE]
        raising_access.record_list(request, rows, "concern_queue_listed")
        page = raising_queries.QueuePage(rows, count, len(late), number, pages, now)
        return render(
            request,
            "concerns/raising/queue.jinja",
            {"filters": filters, "page": page, "query": "", "hubs": raising_queries.hubs_of(request)},
        )

    module = types.ModuleType("bench_concern_queue_urls")
    module.urlpatterns = [
        path("bench/constant/", constant),
        path("bench/naive-queue/", naive_queue),
        path("", include("alongside.config.urls")),
    ]
    module.handler404 = "alongside.core.views.page_not_found"
    sys.modules[module.__name__] = module
    return module.__name__


KINDS = {
    "first page": "",
    "health worries only": "?kind=health",
    "overdue only": "?overdue=on",
    "the MDT list": "?route=mdt",
    "page 50": "?page=50",
}


def measure(args) -> dict:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from alongside.concerns.models import Concern

    user = get_user_model().objects.get(username="coordinator")
    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    results = {"constant page": timed_requests(client, ["/bench/constant/"] * args.requests)}
    for name, query in KINDS.items():
        results[f"queue: {name}"] = timed_requests(client, [f"/concerns/queue/{query}"] * args.requests)
        naive_urls = [f"/bench/naive-queue/{query}"] * max(20, args.requests // 4)
        results[f"naive: {name}"] = timed_requests(client, naive_urls)
    open_ = Concern.objects.filter(hub__name=HUB, status="open").count()
    last = (open_ + 49) // 50
    shapes = {
        "page 1 (50 rows)": "",
        f"last page, {last}": f"?page={last}",
        "environmental, next meeting, MDT (a few rows)": "?kind=environmental&urgency=next_meeting&route=mdt",
        "no rows": "?kind=health&route=coffee_morning&urgency=today&overdue=on&page=9999",
    }
    counts = {}
    for name, query in shapes.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/concerns/queue/{query}").status_code == 200
        counts[name] = len(queries)
    results["query counts"] = counts
    results["open"] = open_
    results["server"] = connection.cursor().connection.info.server_version
    return results


def report(args, results: dict, built_in: float | None) -> None:
    import django

    constant, _ = summary(results["constant page"][0])
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {results['server']}"
    )
    print(
        f"{args.people:,} people; {results['open']:,} open concerns in the hub, {args.closed:,} closed, "
        f"{args.open:,} open in another hub; seed {args.seed}; {args.requests} requests each"
        + (f"; built in {built_in:.0f} s" if built_in else "")
    )
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    print("| what | median ms | p95 ms | queries per request | naive median ms | naive queries | real against naive |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    times, counts = results["constant page"]
    median, p95 = summary(times)
    print(f"| constant page (baseline) | {median:.1f} | {p95:.1f} | {counts[0]} | | | |")
    for name in KINDS:
        times, counts = results[f"queue: {name}"]
        naive_times, naive_counts = results[f"naive: {name}"]
        median, p95 = summary(times)
        naive, _ = summary(naive_times)
        queries = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
        print(
            f"| queue: {name} | {median:.1f} | {p95:.1f} | {queries} | {naive:.1f} | {max(naive_counts)} "
            f"| {median / naive:.2f}x |"
        )
    print(f"constant page median: {constant:.1f} ms")
    print("| page shape | queries |")
    print("| --- | --- |")
    for name, count in results["query counts"].items():
        print(f"| {name} | {count} |")


if __name__ == "__main__":
    sys.exit(main())
