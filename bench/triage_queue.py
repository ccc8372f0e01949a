"""Benchmark: the single point of access's triage queue (/referrals/) with 10,000 referrals waiting, through the view.

    .venv/bin/python -m bench.triage_queue [--people 100000] [--open 10000] [--decided 30000] [--requests 200]
                                           [--explain] [--keep | --reuse]

Builds the demo borough's people (`alongside.demo.build` with `care=False`, so no demo referrals) in a scratch
database (alongside_bench_triage) on the same PostgreSQL server, then writes referrals straight in by COPY: --open
waiting for a decision (received or triaged) over the last three weeks, --decided already decided (accepted,
redirected, declined, allocated or closed) over the last year, and a few hundred drafts, spread over the
urgencies, sources and neighbourhoods as the demo's are.

Then it signs in the demo's spa_triage user (with an authenticator app, so the second-factor check runs as in
real use) and times requests through Django's test client: every middleware, the access policy, the audit write
of each referral shown, this week's figures and the template. The queue is timed as staff use it (the first
page, urgent only, one neighbourhood, page 50, the decided and closed lists) against two baselines measured in
the same run: a constant page from a bare view behind the same middleware and sign-in, and a naive queue (every
referral of the list loaded into Python, sorted by due time there, the urgencies counted there, then sliced,
and each row's neighbourhood read with a query of its own; same template, same audit).

--explain prints EXPLAIN (ANALYZE, BUFFERS) for each query on referrals of one request of each kind.
--keep leaves the scratch database for a later run with --reuse (skips the build) or for EXPLAIN by hand.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
import types
from datetime import timedelta

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_requests

SCRATCH = "alongside_bench_triage"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=10_000, help="referrals waiting for a decision")
    parser.add_argument("--decided", type=int, default=30_000, help="referrals decided (and most closed) before")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the queue's queries")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use a scratch database kept by --keep")
    args = parser.parse_args()

    build = open_scratch(SCRATCH, reuse=args.reuse)
    from django.conf import settings

    from alongside.core import database_roles

    built_in = None
    if build:
        started = time.perf_counter()
        with database_roles.as_owner():  # as `alongside demo` builds: it drops and puts back indexes
            build_borough(args)
        built_in = time.perf_counter() - started
        print(f"built {args.people:,} people and {count_referrals():,} referrals in {built_in:.0f} s")

    settings.ROOT_URLCONF = install_bench_urls()
    try:
        results = measure(args)
    finally:
        if not args.keep:
            drop_scratch(SCRATCH)
    report(args, results, built_in)
    return 0


# --- the data -------------------------------------------------------------------------------------------------


def count_referrals() -> int:
    from alongside.referrals.models import Referral

    return Referral.objects.count()


def build_borough(args) -> None:
    from django.db import connection, transaction
    from tqdm import tqdm

    from alongside.demo import build

    with tqdm(total=args.people, unit=" people", desc="people", file=sys.stderr) as bar:
        build.build(args.seed, args.people, progress=bar.update, care=False)
    with transaction.atomic():
        add_referrals(random.Random(args.seed), args.open, args.decided)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


REFERRAL_COLUMNS = [
    "status",
    "source",
    "urgency",
    "channel",
    "nhs_number",
    "given_name",
    "family_name",
    "birth_date",
    "address_line",
    "postcode",
    "phone",
    "email",
    "reason",
    "situation",
    "person_agrees",
    "referrer_user_id",
    "referrer_name",
    "referrer_organisation",
    "referrer_relationship",
    "referrer_email",
    "referrer_phone",
    "share_named_worker",
    "person_id",
    "matched_by",
    "neighbourhood_id",
    "team_id",
    "named_worker_id",
    "decision_reason",
    "redirected_to",
    "story_offer",
    "created_at",
    "received_at",
    "decided_at",
    "closed_at",
    "version",
]


def add_referrals(rng: random.Random, waiting: int, decided: int) -> None:
    """Referrals written straight in, shaped like the demo's: waiting ones received over the last three weeks
    (about a quarter past their target time), decided ones over the last year, and some drafts."""
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from alongside.demo import borough
    from alongside.partners.models import Membership, Neighbourhood, Team
    from alongside.people.models import Person
    from alongside.referrals import demo
    from alongside.referrals.models import Referral

    now = timezone.now()
    targets = settings.TRIAGE_TARGET_HOURS
    neighbourhoods = list(Neighbourhood.objects.order_by("name").values_list("id", flat=True))
    teams = dict(Team.objects.filter(name__endswith=" neighbourhood team").values_list("neighbourhood_id", "id"))
    clinicians: dict[int, list[int]] = {}
    for team_id, user_id in Membership.objects.filter(role="clinician", team_id__in=teams.values()).values_list(
        "team_id", "user_id"
    ):
        clinicians.setdefault(team_id, []).append(user_id)
    gps = list(Membership.objects.filter(role="gp").values_list("user_id", flat=True))
    spa = list(Membership.objects.filter(team__kind="single_point_of_access").values_list("user_id", flat=True))
    first, last = Person.objects.order_by("id").values_list("id", flat=True)[:1][0], Person.objects.latest("id").id
    letters = "ABDEFGHJLNPQRSTUWXYZ"

    def one(status: str, received):
        decided_at = closed_at = None
        urgency = rng.choices(demo.URGENCIES, [5, 40, 55] if status in demo.WAITING else [12, 38, 50])[0]
        source = rng.choices(demo.SOURCES, [12, 18, 30, 12, 14, 6, 8])[0]
        channel = {"self": "public", "family_carer": "public"}.get(source, "staff") if status != "draft" else "staff"
        nbhd = rng.randrange(len(neighbourhoods))
        person = rng.randint(first, last) if status not in ("draft", "received") or rng.random() < 0.4 else None
        decision = status if status != "closed" else rng.choice(["allocated", "redirected", "declined"])
        team = teams[neighbourhoods[nbhd]] if decision in ("accepted", "allocated") else None
        referrer = rng.choice(gps) if channel == "staff" and source == "gp" else None
        referrer = referrer or (rng.choice(spa) if channel == "staff" else None)
        if received is not None and status not in demo.WAITING:
            decided_at = min(received + timedelta(hours=targets[urgency] * rng.uniform(0.1, 1.4)), now)
            if status == "closed":
                closed_at = min(decided_at + timedelta(days=rng.uniform(0.1, 20)), now)
        return (
            status,
            source,
            urgency,
            channel,
            "",
            rng.choice(borough.GIVEN_NAMES),
            rng.choice(borough.FAMILY_NAMES),
            (now - timedelta(days=rng.randint(60 * 365, 98 * 365))).date(),
            "12 Alder Road",
            f"NV{nbhd + 1} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}",
            "",
            "",
            rng.choice(demo.REASONS[urgency]),
            rng.choice(demo.SITUATIONS) if rng.random() < 0.45 else "",
            True,
            referrer,
            "A referrer",
            "",
            "",
            "someone@example.com" if channel == "public" else "",
            "",
            rng.random() < 0.6,
            person,
            "nhs_number" if person else "",
            neighbourhoods[nbhd] if status != "draft" else None,
            team,
            rng.choice(clinicians[team]) if decision == "allocated" else None,
            "Decided" if decided_at else "",
            "the falls prevention service" if decision == "redirected" else "",
            "",
            received or now - timedelta(days=rng.uniform(0, 10)),
            received,
            decided_at,
            closed_at,
            1,
        )

    rows = []
    for _ in range(waiting):
        received = now - timedelta(hours=rng.uniform(0, 21 * 24))
        rows.append(one(rng.choice(["received", "received", "triaged"]), received))
    decided_statuses = rng.choices(
        ["accepted", "redirected", "declined", "allocated", "closed"], [4, 6, 5, 15, 70], k=decided
    )
    for status in decided_statuses:
        received = now - timedelta(hours=rng.uniform(6, 365 * 24))
        rows.append(one(status, received))
    rows += [one("draft", None) for _ in range(max(1, waiting // 30))]
    rng.shuffle(rows)  # arrival order unrelated to the id order, as in real use
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Referral._meta.db_table)
        with cursor.copy(f"COPY {table} ({', '.join(REFERRAL_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


# --- the measurements -----------------------------------------------------------------------------------------


def install_bench_urls() -> str:
    """The app's own URLs plus two baselines, as a URL module of this run."""
    from collections import Counter

    from django.conf import settings
    from django.core.paginator import Paginator
    from django.http import Http404, HttpResponse
    from django.shortcuts import render
    from django.urls import include, path
    from django.utils import timezone

    from alongside.core.access import SIGNED_IN, access
    from alongside.partners.models import Neighbourhood
    from alongside.partners.roles import is_triage
    from alongside.referrals import access as referral_access
    from alongside.referrals import queries, summary, views
    from alongside.referrals.models import Source, Urgency

    @access(SIGNED_IN)
    def constant(request):
        return HttpResponse("<!doctype html><title>Constant</title><p>A constant page.</p>")

    @access(views.TRIAGE)
    def naive_queue(request):
        """The obvious first version: filter in SQL, then load every referral in the list, put them in due order
        and count the urgencies in Python, slice the page, and let the template read each row's neighbourhood
        (one query per row). Same template, same figures, same audit as the real view."""
        if not is_triage(request):
            raise Http404
        view = request.GET.get("view") if request.GET.get("view") in views.QUEUE_VIEWS else "waiting"
        chosen = {name: request.GET.get(name, "") for name in ("source", "urgency", "neighbourhood")}
        referrals = referral_access.visible_referrals(request).filter(status__in=views.QUEUE_VIEWS[view][1])
        if chosen["source"] in Source.values:
            referrals = referrals.filter(source=chosen["source"])
        if chosen["urgency"] in Urgency.values:
            referrals = referrals.filter(urgency=chosen["urgency"])
        if chosen["neighbourhood"].isdigit():
            referrals = referrals.filter(neighbourhood_id=int(chosen["neighbourhood"]))
        everything = list(referrals)
        targets = settings.TRIAGE_TARGET_HOURS
        everything.sort(key=lambda r: (r.received_at + timedelta(hours=targets[r.urgency]), r.pk))
        counts = {u: 0 for u in Urgency.values} | Counter(r.urgency for r in everything)
        page = Paginator(everything, queries.PAGE_SIZE).get_page(request.GET.get("page"))
        counts["total"] = len(everything)
        now = timezone.now()
        referral_access.record_list(request, list(page.object_list), "referral_queue_viewed")
        return render(
            request,
            "referrals/queue.jinja",
            {
                "rows": [views._row(r, now, request.user.id) for r in page.object_list],
                "page": page,
                "counts": counts,
                "view": view,
                "views": views.QUEUE_VIEWS,
                "chosen": chosen,
                "sources": Source.choices,
                "urgencies": Urgency.choices,
                "neighbourhoods": list(Neighbourhood.objects.order_by("name")),
                "figures": summary.week_figures(now),
                "query": {k: v for k, v in {**chosen, "view": view}.items() if v},
            },
        )

    module = types.ModuleType("bench_triage_queue_urls")
    module.urlpatterns = [
        path("bench/constant/", constant),
        path("bench/naive-queue/", naive_queue),
        path("", include("alongside.config.urls")),
    ]
    module.handler404 = "alongside.core.views.page_not_found"
    sys.modules[module.__name__] = module
    return module.__name__


def triage_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="spa_triage")


def kinds_of_request() -> dict[str, str]:
    """The queue as staff use it: query strings of /referrals/."""
    from alongside.partners.models import Neighbourhood

    riverside = Neighbourhood.objects.get(name="Riverside").pk
    return {
        "waiting, first page": "",
        "urgent only": "?urgency=urgent",
        "one neighbourhood": f"?neighbourhood={riverside}",
        "page 50": "?page=50",
        "decided list, first page": "?view=decided",
        "closed list, first page": "?view=closed",
    }


def measure(args) -> dict:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user = triage_user()
    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    kinds = kinds_of_request()
    results = {"constant page": timed_requests(client, ["/bench/constant/"] * args.requests)}
    for name, query in kinds.items():
        results[f"queue: {name}"] = timed_requests(client, [f"/referrals/{query}"] * args.requests)
        naive_urls = [f"/bench/naive-queue/{query}"] * max(20, args.requests // 4)
        results[f"naive: {name}"] = timed_requests(client, naive_urls)

    # Queries per request whatever is on the page: a full page, the last (part) page, a handful, nothing at all.
    from alongside.referrals.models import Referral

    waiting = Referral.objects.filter(status__in=["received", "triaged"]).count()
    last = (waiting + 49) // 50
    few = Referral.objects.filter(status__in=["received", "triaged"], urgency="urgent", source="other_service")
    shapes = {
        "page 1 (50 rows)": "",
        "page 50 (50 rows)": "?page=50",
        f"last page, {last} ({waiting - 50 * (last - 1)} rows)": f"?page={last}",
        f"urgent from another service ({min(few.count(), 50)} rows)": "?urgency=urgent&source=other_service",
        "no rows (an empty filter)": "?urgency=urgent&source=other_service&neighbourhood=999999",
    }
    counts = {}
    for name, query in shapes.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/referrals/{query}")
        assert response.status_code == 200
        counts[name] = len(queries)
    results["query counts"] = counts
    results["waiting"] = waiting
    results["kinds"] = list(kinds)
    results["server"] = connection.cursor().connection.info.server_version  # the database goes before the report
    if args.explain:
        results["plans"] = explain(client, kinds)
    return results


def explain(client, kinds: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """EXPLAIN (ANALYZE, BUFFERS) of each query on referrals that one request of each kind makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plans = {}
    for name, query in kinds.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/referrals/{query}")
        found = []
        for q in queries.captured_queries:
            sql = q["sql"]
            if sql.startswith("SELECT") and "referrals_referral" in sql:
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    found.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
        plans[name] = found
    return plans


def report(args, results: dict, built_in: float | None) -> None:
    import django

    constant, _ = summary(results["constant page"][0])
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {results['server']}"
    )
    print(
        f"{args.people:,} people; {results['waiting']:,} referrals waiting, {args.decided:,} decided, seed "
        f"{args.seed}; {args.requests} requests each" + (f"; built in {built_in:.0f} s" if built_in else "")
    )
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    print(
        "| what | median ms | p95 ms | queries per request | median against the constant page | naive median ms "
        "| real against naive |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    times, counts = results["constant page"]
    median, p95 = summary(times)
    print(f"| constant page (baseline) | {median:.1f} | {p95:.1f} | {counts[0]} | 1.0x | | |")
    for name in results["kinds"]:
        times, counts = results[f"queue: {name}"]
        naive_times, naive_counts = results[f"naive: {name}"]
        median, p95 = summary(times)
        naive, _ = summary(naive_times)
        queries = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
        print(
            f"| {name} | {median:.1f} | {p95:.1f} | {queries} (naive {naive_counts[0]}) | {median / constant:.1f}x "
            f"| {naive:.1f} | {median / naive:.2f}x the time ({naive / median:.1f}x faster) |"
        )
    print("queries per request, by what is on the page:")
    for name, n in results["query counts"].items():
        print(f"  {name}: {n}")
    all_times = [t for name in results["kinds"] for t in results[f"queue: {name}"][0]]
    print(f"all queue requests: median {statistics.median(all_times):.1f} ms, target under 150 ms")
    for name, plans in results.get("plans", {}).items():
        print(f"\n=== {name}")
        for sql, plan in plans:
            print(f"--- {sql[:300]}{'...' if len(sql) > 300 else ''}\n{plan}")


if __name__ == "__main__":
    sys.exit(main())
