"""Importing an Open Referral UK feed of 20,000 fully nested services into an empty directory, then again.

    .venv/bin/python -m bench.hsds_import [--services 20000] [--seed 2026]

Builds the directory of bench/hsds_services.py in a scratch database (`alongside_bench_hsds_import`), exports it
as HSDS 3.0 JSON (as /api/hsds/services gives it, 1,000 services at a time), empties the directory, analyses the
tables as their owner, and times `actions_standards.load_services` on the whole feed: every object checked against
the HSDS 3.0 schema and the directory's own rules, then written in bulk in one transaction. Then the same feed is
imported again, which must change nothing. Finally the directory is exported again and compared with the feed.
"""

import argparse
import platform
import sys
import time

from bench.scratch import drop_scratch, open_scratch

DATABASE = "alongside_bench_hsds_import"


def export() -> list[dict]:
    from alongside.directory import hsds_out

    found = hsds_out.published_services().order_by("name", "id")
    total = found.count()
    feed: list[dict] = []
    for start in range(0, total, 1000):
        feed += hsds_out.services(found[start : start + 1000])
    return [{k: v for k, v in s.items() if k != "last_modified"} for s in feed]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    open_scratch(DATABASE)
    try:
        from django.db import connection

        from alongside.core import database_roles
        from alongside.directory import actions_standards, hsds_in
        from alongside.directory import models as m

        from .hsds_services import build

        started = time.perf_counter()
        build(args.services, args.seed)
        feed = export()
        print(f"Built and exported {args.services:,} services in {time.perf_counter() - started:.1f} s")
        m.TaxonomyTerm.objects.update(parent=None)
        for model in reversed(hsds_in.ORDER):
            model.objects.all().delete()
        with database_roles.as_owner(), connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        start = time.perf_counter()
        first = actions_standards.load_services(feed, source="bench")
        into_empty = time.perf_counter() - start
        assert not first.problems, first.problems[:5]
        start = time.perf_counter()
        second = actions_standards.load_services(feed, source="bench again")
        again = time.perf_counter() - start
        unchanged = all(
            t == {"added": 0, "changed": 0, "removed": 0} for k, t in second.run.counts.items() if k != "services"
        )
        same = export() == feed
        print(f"Python {platform.python_version()}, {platform.machine()}; {len(feed):,} services in the feed")
        print("| import of the feed | seconds | rows added | changed |")
        print("| --- | --- | --- | --- |")
        added = sum(t["added"] for k, t in first.run.counts.items() if k != "services")
        print(f"| into an empty directory | {into_empty:.1f} | {added:,} | 0 |")
        changed = sum(t["changed"] for k, t in second.run.counts.items() if k != "services")
        print(f"| the same feed again | {again:.1f} | 0 | {changed} |")
        print(f"Second import changed nothing: {unchanged}; exported again, identical to the feed: {same}")
        return 0 if unchanged and same else 1
    finally:
        drop_scratch(DATABASE)


if __name__ == "__main__":
    sys.exit(main())
