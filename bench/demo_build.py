"""Benchmark: building the demo borough at scale, against a naive row-by-row load measured in the same run.

    .venv/bin/python -m bench.demo_build [--people 1000000] [--baseline-people 5000]

Runs in a scratch database (alongside_bench) on the same PostgreSQL server, so the demo is untouched.
The baseline saves people one ORM call each, the way a first attempt would; its rate is extrapolated.
"""

import argparse
import os
import platform
import sys
import time

from bench.scratch import drop_scratch, open_scratch

SCRATCH = "alongside_bench"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--baseline-people", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    open_scratch(SCRATCH)
    from django.db import connection
    from tqdm import tqdm

    from alongside.core import database_roles
    from alongside.demo import borough, build
    from alongside.people.models import Person

    with database_roles.as_owner():  # as `alongside demo` builds: the load drops and puts back indexes
        started = time.perf_counter()
        with tqdm(total=args.people, unit=" people", desc="COPY load", file=sys.stderr) as bar:
            build.build(args.seed, args.people, progress=bar.update)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        fast_seconds = time.perf_counter() - started
        fast_rate = args.people / fast_seconds

        practice_ids = list(Person.objects.values_list("gp_practice_id", flat=True).distinct()[:8])
        nbhd_ids = list(Person.objects.values_list("neighbourhood_id", flat=True).distinct()[:4])
        with connection.cursor() as cursor:  # the care records protect people from deletion: empty them all
            cursor.execute(f"TRUNCATE {Person._meta.db_table} CASCADE")
    started = time.perf_counter()
    for row in borough.generate_people(args.seed, args.baseline_people, build.timezone.localdate()):
        Person.objects.create(
            nhs_number=row.nhs_number,
            given_name=row.given_name,
            family_name=row.family_name,
            birth_date=row.birth_date,
            address_line=row.address_line,
            town=row.town,
            postcode=row.postcode,
            phone=row.phone,
            neighbourhood_id=nbhd_ids[row.neighbourhood_index % len(nbhd_ids)],
            gp_practice_id=practice_ids[row.practice_index % len(practice_ids)],
        )
    naive_rate = args.baseline_people / (time.perf_counter() - started)

    drop_scratch(SCRATCH)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"demo borough, {args.people:,} people (seed {args.seed}): {fast_seconds:.1f} s end to end, "
        f"{fast_rate:,.0f} people/s"
    )
    print(
        f"baseline, one ORM save per person ({args.baseline_people:,} people): {naive_rate:,.0f} people/s, "
        f"so {args.people:,} people would take about {args.people / naive_rate / 60:.1f} min"
    )
    print(f"speed-up over the baseline: {fast_rate / naive_rate:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
