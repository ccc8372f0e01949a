"""Benchmark: does a refused person take longer to answer than a person who does not exist?

    .venv/bin/python -m bench.refusal_timing [--people 20000] [--pairs 300] [--keep | --reuse]

Issue 10 found that an out-of-scope person's 404 ran the access queries and an audit write that a missing id's did
not, so it was 5-8 ms slower in 57 of 60 pairs: the time told whether someone exists. Both now take one path
(`alongside.people.access.open_record`; `open_referral` for referrals).

This builds the demo borough at --people in a scratch database (alongside_bench_refusals), signs in the demo's
clinician (with an authenticator app, so every middleware runs as in real use), and times pairs of requests
through Django's test client: a person the clinician may not see, and an id beyond the last person, in a random
order within each pair, for the person page and the API's person. The baseline, measured in the same run, is the
same comparison between two ids that are both missing: the spread that chance alone gives. A path that still
told the two apart would show the refused side slower in far more than half the pairs, and a median paired
difference well outside the baseline's.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time

from bench.scratch import drop_scratch, open_scratch

SCRATCH = "alongside_bench_refusals"
PAGES = {"person page": "/people/{}/", "API person": "/api/v1/people/{}"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use a scratch database kept by --keep")
    args = parser.parse_args()

    if open_scratch(SCRATCH, reuse=args.reuse):
        from tqdm import tqdm

        from alongside.core import database_roles
        from alongside.demo import build as demo

        with database_roles.as_owner(), tqdm(total=args.people, unit=" people", file=sys.stderr) as bar:
            demo.build(args.seed, args.people, progress=bar.update)
    try:
        results = measure(args)
    finally:
        from django.db import connection

        server = connection.cursor().connection.info.server_version
        connection.close()
        if not args.keep:
            drop_scratch(SCRATCH)
    report(args, results, server)
    return 0


def measure(args) -> dict:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    from alongside.core.middleware import attach_roles
    from alongside.demo.models import DemoLogin
    from alongside.people.access import visible_people
    from alongside.people.models import Person

    user = DemoLogin.objects.select_related("user").get(user__username="clinician").user
    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())

    class Request:  # enough of a request for the access policy's list query
        pass

    request = Request()
    request.user = user
    attach_roles(request, user)
    visible = set(visible_people(request).values_list("pk", flat=True))
    everyone = list(Person.objects.values_list("pk", flat=True))
    rng = random.Random(args.seed)
    refused = rng.sample([pk for pk in everyone if pk not in visible], args.pairs)
    beyond = max(everyone) + 1
    missing = [beyond + i for i in range(args.pairs)]
    also_missing = [beyond + args.pairs + i for i in range(args.pairs)]

    client = Client()
    client.force_login(user)
    results = {}
    for name, url in PAGES.items():
        for pk in refused[:5] + missing[:5]:  # warm up
            client.get(url.format(pk))
        results[name] = pairs(client, url, refused, missing, rng)
        results[f"{name}, baseline (missing and missing)"] = pairs(client, url, also_missing, missing, rng)
    return results


def pairs(client, url: str, first: list[int], second: list[int], rng) -> list[tuple[float, float]]:
    """(ms for the first kind, ms for the second) per pair, asked in a random order within the pair."""
    out = []
    for a, b in zip(first, second, strict=True):
        timings = {}
        for pk in rng.sample([a, b], 2):
            started = time.perf_counter()
            response = client.get(url.format(pk))
            timings[pk] = (time.perf_counter() - started) * 1000
            assert response.status_code == 404, (url, pk, response.status_code)
        out.append((timings[a], timings[b]))
    return out


def report(args, results: dict, server) -> None:
    import django

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {server}"
    )
    print(f"{args.people:,} people, seed {args.seed}, {args.pairs} pairs per line, as the demo's clinician")
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    print()
    print("| pairs | first kind, median ms | missing, median ms | median paired difference, ms | first slower in |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, timed in results.items():
        first = statistics.median(a for a, _ in timed)
        second = statistics.median(b for _, b in timed)
        difference = statistics.median(a - b for a, b in timed)
        slower = sum(a > b for a, b in timed)
        label = name if "baseline" in name else f"{name} (refused and missing)"
        print(f"| {label} | {first:.2f} | {second:.2f} | {difference:+.2f} | {slower} of {len(timed)} |")


if __name__ == "__main__":
    sys.exit(main())
