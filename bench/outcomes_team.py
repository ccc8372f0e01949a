"""Benchmark: the team's outcomes page (/outcomes/team/) over a caseload of 20,000 people (issue 15, item 5).

    .venv/bin/python -m bench.outcomes_team [--people 20000] [--requests 40] [--seed 2026]

Builds, in a scratch database (alongside_bench_outcomes_team) on the same PostgreSQL server, one team with
`--people` people on its caseload and another team with a quarter as many (whose answers must not count), each
person with two years of answers: PHQ-9 two to six times, GAD-7 for half of them, ONS4 for a third and their own
goals for a fifth (about 5.5 answers a person), improving, steady or getting worse; then analyses the tables as their
owner. The team's leader signs in (with an authenticator app, so the second-factor check runs as in real use) and
Django's test client times requests through every middleware, the access policy, the audit write and the template.

Timed in turns, in the same run:
- a constant page behind the same middleware and sign-in;
- the team's outcomes page for the last 12 months and for the last 2 years;
- the baseline: the same figures worked out naively, as a plain ORM loop would (every answer of the team's people
  in the period read into Python, grouped by person and instrument, each first and latest judged with
  scoring.classify), timed as a function (no page around it, so it is flattered).
The run checks that the page's figures and the baseline's agree.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
import types
from datetime import timedelta

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_calls, timed_requests

DATABASE = "alongside_bench_outcomes_team"


def build(people: int, seed: int) -> tuple[int, str]:
    """The data; returns the team's id and its leader's username."""
    from django.db import connection
    from django.utils import timezone

    from alongside.core import database_roles
    from alongside.outcomes.models import Response
    from alongside.partners.tests.factories import MembershipFactory, TeamFactory
    from alongside.people.models import CareRelationship, Person

    rng = random.Random(seed)
    team, other = TeamFactory(name="Riverside community team"), TeamFactory(name="Hillside team")
    leader = MembershipFactory(role="team_leader", team=team, user__username="bench_leader").user
    now = timezone.now()
    total = people + people // 4
    made = Person.objects.bulk_create(
        (Person(given_name="Bench", family_name=f"Person {i}", birth_date="1970-01-01") for i in range(total)),
        batch_size=10_000,
    )
    CareRelationship.objects.bulk_create(
        (
            CareRelationship(
                person=p,
                team=team if i < people else other,
                kind="team_caseload",
                started_at=now - timedelta(days=800),
            )
            for i, p in enumerate(made)
        ),
        batch_size=10_000,
    )
    columns = "person_id, instrument, answers, goals, total, items, item_changes, completed_at, how"
    table = Response._meta.db_table
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for p in made:
            for instrument, times, low, high, size in (
                ("phq-9", rng.randint(2, 6), 0, 3, 9),
                ("gad-7", rng.randint(2, 4) if rng.random() < 0.5 else 0, 0, 3, 7),
                ("ons4", rng.randint(2, 3) if rng.random() < 0.33 else 0, 0, 10, 4),
                ("gbo", rng.randint(2, 3) if rng.random() < 0.2 else 0, 0, 10, 2),
            ):
                trend = rng.choice((-1, 0, 1))
                for n in range(times):
                    level = min(high, max(low, rng.randint(low, high) + trend * n))
                    values = [min(high, max(low, level + rng.choice((-1, 0, 1)))) for _ in range(size)]
                    keys = (
                        [f"goal-{k}" for k in range(1, size + 1)]
                        if instrument == "gbo"
                        else [str(k) for k in range(size)]
                    )
                    answers = dict(zip(keys, values, strict=True))
                    score = sum(values) if instrument in ("phq-9", "gad-7") else None
                    items = answers if score is None else {}
                    at = now - timedelta(days=700 - n * (690 // times), hours=rng.randint(0, 23))
                    copy.write_row(
                        (p.pk, instrument, json.dumps(answers), "{}", score, json.dumps(items), "{}", at, "with_staff")
                    )
    with database_roles.as_owner(), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return team.pk, leader.username


def naive(team_id: int, days: int) -> dict:
    """The baseline: every answer of the team's people in the period, grouped and judged in Python."""
    from django.utils import timezone

    from alongside.outcomes import scoring, team
    from alongside.outcomes.instruments import shipped
    from alongside.outcomes.models import Response
    from alongside.people.models import CareRelationship

    people = CareRelationship.objects.active().filter(team_id=team_id, kind="team_caseload").values("person_id")
    start = timezone.now() - timedelta(days=days)
    found: dict = {}
    for response in Response.objects.filter(person_id__in=people, completed_at__gte=start).order_by(
        "completed_at", "pk"
    ):
        value = response.total
        if value is None and response.items:
            value = statistics.fmean(response.items.values())
        if value is not None:
            found.setdefault((response.instrument, response.person_id), []).append(value)
    counts = {}
    for instrument in shipped().values():
        judged = team.threshold_of(instrument)
        if judged is None:
            continue
        tally = {"improved": 0, "no_reliable_change": 0, "deteriorated": 0}
        for (code, _), values in found.items():
            if code == instrument.code and len(values) >= 2:
                tally[scoring.classify(values[0], values[-1], judged[0], judged[1])] += 1
        counts[instrument.code] = (tally["improved"], tally["no_reliable_change"], tally["deteriorated"])
    return counts


def fast(team_id: int, days: int) -> dict:
    """The page's own figures, without the page: the one query and the numpy batch."""
    from django.utils import timezone

    from alongside.outcomes import team, team_queries
    from alongside.outcomes.instruments import shipped

    instruments = list(shipped().values())
    end = timezone.now()
    pairs = team_queries.first_and_latest(team_id, end - timedelta(days=days), end, [i.code for i in instruments])
    counts = {}
    for instrument in instruments:
        judged = team.threshold_of(instrument)
        if judged is not None and instrument.code in pairs:
            c = team.counted(*pairs[instrument.code], *judged)
            counts[instrument.code] = (c.improved, c.unchanged, c.worse)
    return counts


def install_bench_urls() -> str:
    from django.http import HttpResponse
    from django.urls import include, path

    from alongside.core.access import SIGNED_IN, access

    @access(SIGNED_IN)
    def constant(request):
        return HttpResponse("<!doctype html><title>Constant</title><p>A constant page.</p>")

    module = types.ModuleType("bench_outcomes_team_urls")
    module.urlpatterns = [path("bench/constant/", constant), path("", include("alongside.config.urls"))]
    module.handler404 = "alongside.core.views.page_not_found"
    sys.modules[module.__name__] = module
    return module.__name__


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    open_scratch(DATABASE)
    try:
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.test import Client

        from alongside.outcomes.models import Response

        started = time.perf_counter()
        team_id, username = build(args.people, args.seed)
        built = time.perf_counter() - started
        responses = Response.objects.count()
        settings.ROOT_URLCONF = install_bench_urls()
        user = get_user_model().objects.get(username=username)
        TOTP.activate(user, generate_totp_secret())
        client = Client()
        client.force_login(user)

        kinds = {
            "constant page": "/bench/constant/",
            "team outcomes, last 12 months": "/outcomes/team/?period=12m",
            "team outcomes, last 2 years": "/outcomes/team/?period=24m",
        }
        results = {name: ([], []) for name in kinds}
        naive_times, fast_times = [], []
        for _ in range(max(1, args.requests // 10)):  # in turns, so that a busy spell falls on every kind alike
            for name, url in kinds.items():
                times, counts = timed_requests(client, [url] * 10)
                results[name][0].extend(times)
                results[name][1].extend(counts)
            naive_times.extend(timed_calls(naive, [(team_id, 730)]).times)
            fast_times.extend(timed_calls(fast, [(team_id, 730)]).times)
        assert naive(team_id, 730) == fast(team_id, 730), "the page's figures and the baseline's differ"

        import django
        from django.db import connection

        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"Django {django.get_version()}, PostgreSQL {connection.cursor().connection.info.server_version}"
        )
        print(
            f"{args.people:,} people on the team's caseload (+{args.people // 4:,} on another team's), "
            f"{responses:,} answers, seed {args.seed}; built in {built:.0f} s; {args.requests} requests of each kind"
        )
        print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
        print(f"figures agree with the baseline: {fast(team_id, 730)}")
        print("| what | median ms | p95 ms | queries |")
        print("| --- | --- | --- | --- |")
        for name, (times, counts) in results.items():
            median, p95 = summary(times)
            queries = min(counts) if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
            print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} |")
        for name, times in (
            ("the figures alone (one query + numpy), 2 years", fast_times),
            ("baseline: naive ORM loop, 2 years", naive_times),
        ):
            median, p95 = summary(times)
            print(f"| {name} | {median:.1f} | {p95:.1f} | |")
    finally:
        drop_scratch(DATABASE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
