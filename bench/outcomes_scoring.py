"""Benchmark: scoring a million stored PHQ-9 responses in one batch, as a team report would (issue 15, item 5).

    .venv/bin/python -m bench.outcomes_scoring [--responses 1000000] [--sample 20000] [--repeat 3] [--seed 2026]

Builds, in a scratch database (alongside_bench_outcomes_scoring) on the same PostgreSQL server, `--responses`
stored PHQ-9 responses from 50,000 people (one COPY; about one answer in fifty left blank, so the missing-answer
rule is exercised), and analyses the table as its owner.

Timed in the same run:
- the batch: `team_queries.stored_answers` (PostgreSQL writes the answers as 8-byte floats in one value per
  half a million responses, which numpy reads without parsing) then
  `scoring.score_totals`, over every response, `--repeat` times;
- the baseline: a per-response ORM loop (`Response.objects.iterator()`, then `scoring.score` on each one's
  answers), timed on the first `--sample` responses and extrapolated to all of them (the whole loop would take
  minutes; the sample says so).
The run checks that the batch's totals for the sample equal the loop's, and stops if not.
"""

import argparse
import io
import json
import os
import platform
import random
import sys
import time

from bench.scratch import drop_scratch, open_scratch

DATABASE = "alongside_bench_outcomes_scoring"
PEOPLE = 50_000


def build(responses: int, seed: int) -> None:
    from django.db import connection

    from alongside.core import database_roles
    from alongside.outcomes.models import Response
    from alongside.people.models import Person

    rng = random.Random(seed)
    Person.objects.bulk_create(
        (Person(given_name="Bench", family_name=f"Person {i}", birth_date="1970-01-01") for i in range(PEOPLE)),
        batch_size=10_000,
    )
    ids = list(Person.objects.values_list("pk", flat=True))
    columns = "person_id, instrument, answers, goals, items, item_changes, completed_at, how"
    table = Response._meta.db_table
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for n in range(responses):
            answers = {f"phq9-{q}": rng.randint(0, 3) for q in range(1, 10) if rng.random() > 0.02}
            day = f"2025-{1 + n % 12:02d}-{1 + n % 28:02d} 10:00:00+00"
            copy.write_row((ids[n % len(ids)], "phq-9", json.dumps(answers), "{}", "{}", "{}", day, "api"))
    with database_roles.as_owner(), connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum leaves a table that has been stored a while


def batch():
    from alongside.outcomes import scoring, team_queries
    from alongside.outcomes.instruments import shipped

    phq9 = shipped()["phq-9"]
    return scoring.score_totals(phq9, team_queries.stored_answers(phq9))


def loop(sample: int) -> list:
    from alongside.outcomes import scoring
    from alongside.outcomes.instruments import shipped
    from alongside.outcomes.models import Response

    phq9 = shipped()["phq-9"]
    return [
        scoring.score(phq9, r.answers).total
        for r in Response.objects.filter(instrument="phq-9").order_by("id")[:sample].iterator(chunk_size=2000)
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    open_scratch(DATABASE)
    try:
        import math

        started = time.perf_counter()
        build(args.responses, args.seed)
        built = time.perf_counter() - started

        batch_times, loop_times = [], []
        totals = None
        for _ in range(args.repeat):  # in turns, so that a busy spell falls on both alike
            started = time.perf_counter()
            totals = batch()
            batch_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            looped = loop(args.sample)
            loop_times.append(time.perf_counter() - started)
        assert totals is not None and len(totals) == args.responses, "the batch did not score every response"
        for got, want in zip(totals[: args.sample], looped, strict=True):
            assert (math.isnan(got) and want is None) or got == want, (got, want)

        import django

        batch_best, batch_median = min(batch_times), sorted(batch_times)[len(batch_times) // 2]
        loop_median = sorted(loop_times)[len(loop_times) // 2]
        per_response = loop_median / args.sample
        out = io.StringIO()
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"Django {django.get_version()}, load average {os.getloadavg()[0]:.1f}",
            file=out,
        )
        print(f"built {args.responses:,} responses of {PEOPLE:,} people in {built:.1f} s", file=out)
        print(
            f"batch (stored_answers + numpy score_totals), all {args.responses:,}: median {batch_median:.2f} s, "
            f"best {batch_best:.2f} s, of {args.repeat}",
            file=out,
        )
        print(
            f"ORM loop, {args.sample:,} sample: median {loop_median:.2f} s = {per_response * 1e6:.0f} us a response; "
            f"extrapolated to {args.responses:,}: {per_response * args.responses:.0f} s",
            file=out,
        )
        print(
            f"speed-up: {per_response * args.responses / batch_median:.0f}x; "
            f"the sample's totals agree: {args.sample:,} of {args.sample:,}",
            file=out,
        )
        sys.stdout.write(out.getvalue())
    finally:
        drop_scratch(DATABASE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
