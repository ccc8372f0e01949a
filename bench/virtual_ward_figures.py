"""Benchmark: a virtual ward's figures over a year (/virtual-ward/figures/) with 5,000 stays, against the same page
over 500 stays in the same run, and the year's CSV (a row a month) over 5,000.

    .venv/bin/python -m bench.virtual_ward_figures [--requests 30]

Builds, in a scratch database (alongside_bench_virtual_ward_figures), two 20-bed wards, each serving a GP practice
with 2,000 registered people and a baseline of 2,400 admissions a year: one with 5,000 stays spread over the last
year (mostly step-up, 72 hours, outcomes mixed), one with 500. Times each ward's figures page for its team leader
through Django's test client (every middleware, the access policy, the three reads of the stays, the day
capacities and the population, the measures with the exact Poisson interval, the audit insert, the template) and
counts its queries, which must not depend on the number of stays. The issue asks for under 300 ms at the median.
"""

import argparse
import platform
import random
import sys
from datetime import timedelta

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_requests

SCRATCH = "alongside_bench_virtual_ward_figures"
SIZES = (500, 5000)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    open_scratch(SCRATCH)
    try:
        from alongside.core import database_roles

        with database_roles.as_owner():
            wards = {size: build(size) for size in SIZES}
        results = measure(wards, args.requests)
    finally:
        drop_scratch(SCRATCH)
    report(results)
    return 0


def build(size: int):
    """A ward with `size` stays over the last year, and its team leader (with an authenticator app)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.utils import timezone

    from alongside.partners.models import Organisation
    from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory
    from alongside.people.models import Person
    from alongside.people.tests.factories import PersonFactory
    from alongside.virtual_ward.models import Episode, Referral
    from alongside.virtual_ward.tests.factories import WardFactory

    rng = random.Random(size)
    ward = WardFactory(beds=20, baseline_admissions_per_year=2400, baseline_source="Synthetic baseline")
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    ward.practices.add(practice)
    template = PersonFactory.build()
    Person.objects.bulk_create(
        Person(given_name="Bench", family_name=f"{size}-{n}", birth_date=template.birth_date, gp_practice=practice)
        for n in range(2000)
    )
    people = list(Person.objects.filter(gp_practice=practice))
    leader = MembershipFactory(team=ward.team, role="team_leader").user
    TOTP.activate(leader, generate_totp_secret())
    now = timezone.now()
    referrals = []
    for n in range(size):
        admitted = now - timedelta(days=364) + timedelta(minutes=rng.randrange(364 * 24 * 60))
        referrals.append(
            Referral(
                ward=ward,
                person=people[n % len(people)],
                source=Referral.Source.GP,
                direction=Referral.Direction.STEP_UP if rng.random() < 0.8 else Referral.Direction.STEP_DOWN,
                reason="Bench",
                referred_by=leader,
                referred_at=admitted - timedelta(hours=1),
                decision_due=admitted + timedelta(hours=1),
                decision=Referral.Decision.ACCEPTED,
                decided_at=admitted,
            )
        )
    referrals = Referral.objects.bulk_create(referrals)
    outcomes = ["home"] * 7 + ["hospital"] * 2 + ["died_at_home"]
    episodes = []
    for referral in referrals:
        ended = referral.decided_at + timedelta(hours=rng.randrange(12, 120))
        episodes.append(
            Episode(
                referral=referral,
                ward=ward,
                person=referral.person,
                step_up=referral.direction == Referral.Direction.STEP_UP,
                bed=1,
                admitted_at=referral.decided_at,
                admitted_by=leader,
                due_end_at=referral.decided_at + timedelta(hours=72),
                ended_at=ended,
                ended_by=leader,
                outcome=rng.choice(outcomes),
            )
        )
    Episode.objects.bulk_create(episodes)
    return leader, ward.pk


def measure(wards: dict, requests: int) -> dict:
    from django.test import Client

    results = {}
    for size, (leader, ward_id) in wards.items():
        client = Client()
        client.force_login(leader)
        results[("page", size)] = timed_requests(client, [f"/virtual-ward/figures/?ward={ward_id}"] * requests)
        results[("csv", size)] = timed_requests(client, [f"/virtual-ward/figures.csv?ward={ward_id}"] * requests)
    return results


def report(results: dict) -> None:
    import django

    print(f"Python {platform.python_version()}, Django {django.get_version()}, {platform.machine()}", file=sys.stderr)
    print("| what | stays in the year | median ms | p95 ms | queries per request |")
    print("| --- | --- | --- | --- | --- |")
    for (what, size), (times, counts) in results.items():
        median, p95 = summary(times)
        name = "figures page" if what == "page" else "CSV, a row a month"
        print(f"| {name} | {size:,} | {median:.1f} | {p95:.1f} | {max(counts)} |")
    queries = {what: {max(results[(what, size)][1]) for size in SIZES} for what in ("page", "csv")}
    if any(len(counts) > 1 for counts in queries.values()):
        raise SystemExit("the number of queries grows with the stays")


if __name__ == "__main__":
    sys.exit(main())
