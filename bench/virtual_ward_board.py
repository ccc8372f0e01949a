"""Benchmark: the virtual ward's capacity board (/virtual-ward/) with 50 patients, against an empty ward's board in
the same run, and the board's live region and API with 50.

    .venv/bin/python -m bench.virtual_ward_board [--requests 100]

Builds, in a scratch database (alongside_bench_virtual_ward_board), two wards whose teams one nurse (with an
authenticator app) is on: one with 50 people in its beds, each at a different hour of their stay with two reviews
and three planned visits or calls, and 3 referrals waiting for a decision; one with 1 patient; one empty (the
baseline). Times each
page through Django's test client (every middleware, the access policy, the ward rule of every referral, its audit
in one insert, the template) and counts its queries. The issue asks under 150 ms at the median with 50 patients and a
constant number of queries: the run fails if the board with 50 takes other queries than with 1 (an empty ward
skips the rule's and the audit's queries: it has no one to ask about).
"""

import argparse
import platform
import sys

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_requests

SCRATCH = "alongside_bench_virtual_ward_board"
PATIENTS = 50


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    open_scratch(SCRATCH)
    try:
        from alongside.core import database_roles

        with database_roles.as_owner():
            sam, full, empty, one = build()
        results = measure(sam, full, empty, one, args.requests)
    finally:
        drop_scratch(SCRATCH)
    report(results)
    return 0


def build():
    from datetime import timedelta

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.utils import timezone

    from alongside.partners.tests.factories import MembershipFactory
    from alongside.virtual_ward.tests.factories import PlannedContactFactory, ReviewFactory, WardFactory, nurse
    from alongside.virtual_ward.tests.factories_board import full_ward, waiting_referral

    full, empty, one = WardFactory(beds=60), WardFactory(beds=20), WardFactory(beds=20)
    sam = nurse(full)
    MembershipFactory(team=empty.team, user=sam, role="clinician")
    MembershipFactory(team=one.team, user=sam, role="clinician")
    full_ward(one, 1, sam)
    TOTP.activate(sam, generate_totp_secret())
    now = timezone.now()
    for episode in full_ward(full, PATIENTS, sam):
        ReviewFactory(episode=episode, by=sam, at=now - timedelta(hours=20), pulse=None)
        PlannedContactFactory(episode=episode, due_at=now - timedelta(hours=3), nurse=sam, done_at=now)
        PlannedContactFactory(episode=episode, due_at=now + timedelta(hours=6), kind="call", nurse=sam)
    for _ in range(3):
        waiting_referral(full)
    return sam, full.pk, empty.pk, one.pk


def measure(sam, full: int, empty: int, one: int, requests: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(sam)
    pages = {
        "board, empty ward (baseline)": f"/virtual-ward/?ward={empty}",
        "board, 1 patient": f"/virtual-ward/?ward={one}",
        f"board, {PATIENTS} patients": f"/virtual-ward/?ward={full}",
        f"live region, {PATIENTS} patients": f"/virtual-ward/board/live/?ward={full}",
        f"API board, {PATIENTS} patients": f"/api/v1/virtual-ward/board?ward={full}",
    }
    return {name: timed_requests(client, [url] * requests) for name, url in pages.items()}


def report(results: dict) -> None:
    import django

    print(f"Python {platform.python_version()}, Django {django.get_version()}, {platform.machine()}", file=sys.stderr)
    print("| page | median ms | p95 ms | queries per request |")
    print("| --- | --- | --- | --- |")
    for name, (times, counts) in results.items():
        median, p95 = summary(times)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {max(counts)} |")
    boards = [max(counts) for name, (_, counts) in results.items() if name.startswith("board") and "empty" not in name]
    assert len(set(boards)) == 1, f"the board's queries depend on its patients: {boards}"


if __name__ == "__main__":
    sys.exit(main())
