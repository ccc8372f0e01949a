"""The open data's page of services, fully nested, over 20,000 services: the API against a naive serialiser.

    .venv/bin/python -m bench.hsds_services [--services 20000] [--repeat 30] [--naive-repeat 5] [--seed 2026]

Builds, in a scratch database (`alongside_bench_hsds`), `--services` services run by a third as many organisations,
each fully described as the tests' directory is (alongside/directory/tests/factories_standards.py): a place with
its address, phone and language; two schedules; an area; a cost; two languages; a contact with a phone; a phone;
a taxonomy term. The tables are then analysed as their owner, as autovacuum does after a load.

Timed, for pages spread over the whole list:
- `GET /api/hsds/services?per_page=50&page=N` through Django's test client (URL routing, the access policy and
  rate limit middleware, the queries, the HSDS serialiser and the JSON), with its query count;
- the naive serialiser in the same run: the same page of services read plainly, each related object read when
  the serialiser asks for it (a query per service per kind of object), the same JSON built.
Both must give the same services for the same page.
"""

import argparse
import json
import platform
import random
import sys
import time

from bench.scratch import drop_scratch, open_scratch
from bench.timing import median_and_p95, timed_calls

DATABASE = "alongside_bench_hsds"


def build(services: int, seed: int) -> None:
    from django.db import connection

    from alongside.core import database_roles
    from alongside.directory.tests.factories_standards import directory

    directory(services, seed=seed)
    with database_roles.as_owner(), connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def through_the_api(client, page: int) -> list:
    response = client.get(f"/api/hsds/services?per_page=50&page={page}")
    assert response.status_code == 200, response.status_code
    return [s["id"] for s in json.loads(response.content)["contents"]]


def naive(client, page: int) -> list:
    """The same page and JSON, with no prefetching: every related object read one query at a time."""
    from alongside.directory import hsds_out
    from alongside.directory.models import Service

    found = Service.objects.filter(retired_at__isnull=True, organisation__retired_at__isnull=True).order_by(
        "name", "id"
    )
    rows = hsds_out.services(found[(page - 1) * 50 : page * 50])
    json.dumps({"contents": rows})
    return [s["id"] for s in rows]


def timed(function, client, pages: list[int]):
    calls = timed_calls(function, [(client, page) for page in pages])
    median, p95 = median_and_p95(calls.times)
    return median, p95, sorted(set(calls.queries)), calls.results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--naive-repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    open_scratch(DATABASE)
    try:
        from django.conf import settings
        from django.test import Client

        settings.ALONGSIDE_HSDS_RATE = (1_000_000, 60)
        started = time.perf_counter()
        build(args.services, args.seed)
        print(f"Built {args.services:,} services in {time.perf_counter() - started:.1f} s")
        client = Client()
        last = max(1, args.services // 50)
        rng = random.Random(args.seed)
        pages = [rng.randint(1, last) for _ in range(args.repeat)]
        through_the_api(client, 1)  # warm up
        quick = timed(through_the_api, client, pages)
        slow = timed(naive, client, pages[: args.naive_repeat])
        if quick[3][: args.naive_repeat] != slow[3]:
            print("The two serialisers give different pages", file=sys.stderr)
            return 1
        print(f"Python {platform.python_version()}, {platform.machine()}")
        print("| a page of 50 services, fully nested | median ms | p95 ms | queries | against the API |")
        print("| --- | --- | --- | --- | --- |")
        print(f"| GET /api/hsds/services?per_page=50 | {quick[0]:.1f} | {quick[1]:.1f} | {quick[2]} | 1.0x |")
        print(
            f"| naive: each related object read on its own (baseline) | {slow[0]:.1f} | {slow[1]:.1f} | {slow[2]} | "
            f"{slow[0] / quick[0]:.1f}x |"
        )
        return 0
    finally:
        drop_scratch(DATABASE)


if __name__ == "__main__":
    sys.exit(main())
