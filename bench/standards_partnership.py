"""Benchmark: the standards' partnership view (/standards/partnership/) with 200 teams, against the same page with 1
team measured first in the same run.

    .venv/bin/python -m bench.standards_partnership [--teams 200] [--requests 60]

Builds, in a scratch database (alongside_bench_standards), one team with two quarters of the ten standards rated and
shared, three stakeholders' links and their checks (about one in seven a challenge, half of them answered), and a
team leader with an authenticator app; times the page with that one team (the baseline); then adds the other teams
the same way and times it again. Each team's staff have training records (the recovery approach, about four in five
in date) and supervision (one session each, most within 6 weeks), so the registered team figures (training's and
supervision's) have rows to count. Times each page through Django's test client (every middleware, the access
policy, the template) and counts its queries. The issue asks under 300 ms at the median with 200 teams and a constant
number of queries: the run fails if the page with 200 takes other queries than with 1.
"""

import argparse
import platform
import random
import sys

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_requests

SCRATCH = "alongside_bench_standards"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=200)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    open_scratch(SCRATCH)
    try:
        from alongside.core import database_roles

        rng = random.Random(2026)  # noqa: S311 (synthetic data)
        with database_roles.as_owner():
            leader = build(1, rng)
        results = {"partnership view, 1 team (baseline)": measure(leader, args.requests)}
        with database_roles.as_owner():
            build(args.teams - 1, rng)
        results[f"partnership view, {args.teams} teams"] = measure(leader, args.requests)
    finally:
        drop_scratch(SCRATCH)
    report(results)
    return 0


def build(teams: int, rng: random.Random):
    from datetime import timedelta

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.utils import timezone

    from alongside.partners.tests.factories import MembershipFactory, TeamFactory
    from alongside.standards import quarters, queries
    from alongside.standards.models import Check, Cycle, Rating, StakeholderLink, Standard

    now = timezone.now()
    this = quarters.containing(timezone.localdate())
    first = None
    for _ in range(teams):
        team = TeamFactory()
        leader = MembershipFactory(team=team, role="team_leader").user
        staff = [leader] + [
            MembershipFactory(team=team, role=role).user for role in ("clinician", "clinician", "social_worker")
        ]
        figures_for(team, leader, staff, rng)
        first = first or leader
        standard_set = queries.set_for(team.organisation_id)
        standards = list(Standard.objects.filter(standard_set=standard_set))
        for quarter in (this.previous(), this):
            cycle = Cycle.objects.create(
                team=team, standard_set=standard_set, year=quarter.year, quarter=quarter.number, shared_at=now
            )
            ratings = Rating.objects.bulk_create(
                Rating(
                    cycle=cycle,
                    standard=s,
                    colour=rng.choice(["red", "amber", "green"]),
                    evidence="e",
                    action="a",
                    rated_by=leader,
                )
                for s in standards
            )
            links = StakeholderLink.objects.bulk_create(
                StakeholderLink(
                    cycle=cycle,
                    token_hash=f"{cycle.pk}-{n}",
                    kind="carer",
                    made_by=leader,
                    expires_at=now + timedelta(days=28),
                )
                for n in range(3)
            )
            checks = []
            for link in links:
                for rating in ratings:
                    agrees = rng.random() > 0.15
                    answered = not agrees and rng.random() < 0.5
                    checks.append(
                        Check(
                            link=link, rating=rating, agrees=agrees, comment="c", answered_at=now if answered else None
                        )
                    )
            Check.objects.bulk_create(checks)
    if first is not None:
        TOTP.activate(first, generate_totp_secret())
    return first


def figures_for(team, leader, staff, rng: random.Random) -> None:
    """Rows for the registered team figures: training in the recovery approach and supervision."""
    from datetime import timedelta

    from django.utils import timezone

    from alongside.supervision.models import Supervisee, SupervisionSession
    from alongside.training.models import Course, Record

    today = timezone.localdate()
    course = Course.objects.get(key="recovery_approach")
    done = [(user, today - timedelta(days=rng.randint(30, 1400))) for user in staff if rng.random() < 0.9]
    Record.objects.bulk_create(
        Record(user=user, course=course, completed_on=day, expires_on=day + timedelta(days=36 * 30), recorded_by=leader)
        for user, day in done
    )
    for user in staff[1:]:
        session = SupervisionSession.objects.create(
            team=team,
            kind=SupervisionSession.Kind.ONE,
            supervisor=leader,
            held_on=today - timedelta(days=rng.randint(3, 60)),
            starts_at="10:00",
            minutes=60,
            status=SupervisionSession.Status.HAPPENED,
            booked_by=leader,
            recorded_by=leader,
        )
        Supervisee.objects.create(session=session, user=user)


def measure(leader, requests: int):
    from django.test import Client

    client = Client()
    client.force_login(leader)
    return timed_requests(client, ["/standards/partnership/"] * requests)


def report(results: dict) -> None:
    import django

    print(f"Python {platform.python_version()}, Django {django.get_version()}, {platform.machine()}", file=sys.stderr)
    print("| page | median ms | p95 ms | queries per request |")
    print("| --- | --- | --- | --- |")
    for name, (times, counts) in results.items():
        median, p95 = summary(times)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {max(counts)} |")
    counts = {max(c) for _, (_, c) in results.items()}
    assert len(counts) == 1, f"the view's queries depend on the number of teams: {counts}"


if __name__ == "__main__":
    sys.exit(main())
