"""Benchmark: an MDT meeting's agenda page (/mdt/meetings/<id>/) for its chair, with 1, 10, 30 and 60 items.

    .venv/bin/python -m bench.mdt_agenda [--requests 100]

Builds, in a scratch database (alongside_bench_mdt_agenda), one GP practice's MDT whose chair (a GP with an
authenticator app) has four meetings, of 1, 10, 30 and 60 people, each person with a volunteer invited for their
item, then times the agenda page of each through Django's test client (every middleware, the access policy, the
audience rule of each item, its audit in one insert, the template) and counts its queries. The number of queries
must not depend on the number of items.
"""

import argparse
import platform
import sys

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_requests

SCRATCH = "alongside_bench_mdt_agenda"
SIZES = (1, 10, 30, 60)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    open_scratch(SCRATCH)
    try:
        from alongside.core import database_roles

        with database_roles.as_owner():
            chair, meetings = build()
        results = measure(chair, meetings, args.requests)
    finally:
        drop_scratch(SCRATCH)
    report(results)
    return 0


def build():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from alongside.mdt.tests.factories import (
        ItemFactory,
        MdtFactory,
        MeetingFactory,
        chair_of,
        invite_volunteer,
        practice_person,
    )

    mdt = MdtFactory()
    chair = chair_of(mdt)
    TOTP.activate(chair, generate_totp_secret())
    meetings = {}
    for size in SIZES:
        meeting = MeetingFactory(mdt=mdt)
        for _ in range(size):
            invite_volunteer(ItemFactory(meeting=meeting, person=practice_person(mdt), added_by=chair), by=chair)
        meetings[size] = meeting.pk
    return chair, meetings


def measure(chair, meetings: dict[int, int], requests: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(chair)
    return {size: timed_requests(client, [f"/mdt/meetings/{pk}/"] * requests) for size, pk in meetings.items()}


def report(results: dict) -> None:
    import django

    print(f"Python {platform.python_version()}, Django {django.get_version()}, {platform.machine()}", file=sys.stderr)
    print("| items on the agenda | median ms | p95 ms | queries per request |")
    print("| --- | --- | --- | --- |")
    for size, (times, counts) in results.items():
        median, p95 = summary(times)
        print(f"| {size} | {median:.1f} | {p95:.1f} | {max(counts)} |")
    counts = {max(c) for _, c in results.values()}
    assert len(counts) == 1, f"the agenda's queries depend on its size: {counts}"


if __name__ == "__main__":
    sys.exit(main())
