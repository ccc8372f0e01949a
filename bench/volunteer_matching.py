"""Matching among 2,000 volunteers for one person: the coordinator's ranking, against a naive Python ranking.

    .venv/bin/python -m bench.volunteer_matching [--volunteers 2000] [--repeat 30] [--naive-repeat 3] [--seed 2026]

Builds, in a scratch database (`alongside_bench_matching`), one volunteer hub with `--volunteers` volunteers: each
with a profile (one or two of 8 GP practices, a home postcode district, some languages and interests, a capacity
of 1 to 4), a DBS check, a reference, the three courses and the agreement (one in ten with something lapsed), and
1 to 3 people they visit now (some full). One person, registered with practice 0 in NV2, has asked the hub for a
volunteer, speaking Polish and liking gardening. The tables are then analysed, as autovacuum does after a load.

Timed, from the request to the best ten with reasons (reading included):
- the ranking as the page and the API do it: `matching_queries.candidates` (one statement, whatever the size,
  reading the checks and courses only of the volunteers whose kept standing is in doubt: see volunteers/kept.py)
  then `matching.rank` with a limit (a heap, not a sort);
- the naive ranking: for each volunteer of the hub in turn, read their profile, practices, neighbourhoods,
  checks, training, agreement and clients (a query each), build a dict with its score, then sort them all.
Both must give the same ten, in the same order.
"""

import argparse
import platform
import random
import sys
import time
from datetime import timedelta

from bench.scratch import drop_scratch, open_scratch
from bench.timing import timed

DATABASE = "alongside_bench_matching"
LANGUAGES = ["Polish", "Urdu", "Bengali", "Welsh", "Portuguese", "Romanian"]
INTERESTS = ["Gardening", "Music", "Reading", "Going for short walks", "Crafts", "Local history", "Sport"]


def build(volunteers: int, seed: int):
    from django.utils import timezone

    from alongside.core.models import User
    from alongside.partners.models import Membership, Neighbourhood, Organisation, Role, Team
    from alongside.people.models import CareRelationship, Person
    from alongside.volunteers import kept
    from alongside.volunteers.models import Agreement, Check, Training, Volunteer, VolunteerRequest
    from alongside.volunteers.standing import CURRENT_AGREEMENT, REQUIRED_COURSES

    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    hood = Neighbourhood.objects.create(name="Bench", postcode_districts="NV1 NV2")
    practices = [Organisation.objects.create(name=f"Practice {i}", kind="gp_practice") for i in range(8)]
    voluntary = Organisation.objects.create(name="Bench voluntary", kind="voluntary_organisation")
    hub = Team.objects.create(organisation=voluntary, name="Bench hub", kind=Team.Kind.VOLUNTEER_HUB)
    recorder = User.objects.create(username="bench-coordinator")
    users = User.objects.bulk_create(
        User(username=f"v{i}", first_name=f"Vol{i:04d}", last_name=rng.choice(["Shah", "Jones", "Nowak", "Khan"]))
        for i in range(volunteers)
    )
    Membership.objects.bulk_create(
        Membership(user=u, team=hub, role=Role.VOLUNTEER, started_at=now - timedelta(days=30)) for u in users
    )
    profiles = Volunteer.objects.bulk_create(
        Volunteer(
            user=u,
            languages=rng.sample(LANGUAGES, rng.choice([0, 0, 1, 2])),
            interests=rng.sample(INTERESTS, rng.randint(0, 3)),
            home_district=f"NV{rng.randint(1, 6)}",
            capacity=rng.randint(1, 4),
        )
        for u in users
    )
    through = Volunteer.practices.through
    links = []
    for p in profiles:
        for practice in rng.sample(practices, rng.choice([1, 1, 1, 2])):
            links.append(through(volunteer_id=p.pk, organisation_id=practice.pk))
    through.objects.bulk_create(links)
    # a tenth cover the bench neighbourhood too
    Volunteer.neighbourhoods.through.objects.bulk_create(
        Volunteer.neighbourhoods.through(volunteer_id=p.pk, neighbourhood_id=hood.pk) for p in profiles[::10]
    )
    done = today - timedelta(days=300)
    checks, courses, agreements = [], [], []
    for index, p in enumerate(profiles):
        lapsed = index % 10 == 3
        ends = today - timedelta(days=2) if lapsed else today + timedelta(days=rng.randint(10, 900))
        checks.append(Check(volunteer=p, kind="dbs", done_on=done, expires_on=ends, recorded_by=recorder))
        checks.append(
            Check(
                volunteer=p,
                kind="reference",
                done_on=done,
                expires_on=today + timedelta(days=500),
                recorded_by=recorder,
            )
        )
        for course in REQUIRED_COURSES:
            courses.append(
                Training(
                    volunteer=p,
                    course=course,
                    completed_on=done,
                    expires_on=today + timedelta(days=rng.randint(30, 900)),
                    recorded_by=recorder,
                )
            )
        agreements.append(Agreement(volunteer=p, version=CURRENT_AGREEMENT, signed_on=done, recorded_by=recorder))
    Check.objects.bulk_create(checks)
    Training.objects.bulk_create(courses)
    Agreement.objects.bulk_create(agreements)
    kept.keep(p.pk for p in profiles)  # as recording each of them through the pages does
    clients = Person.objects.bulk_create(
        Person(given_name="Client", family_name=str(i), birth_date=today - timedelta(days=30_000), postcode="NV3 1AA")
        for i in range(volunteers * 2)
    )
    relationships = []
    for u in users:
        for client in rng.sample(clients, rng.randint(1, 3)):
            relationships.append(
                CareRelationship(person=client, kind="volunteer", user=u, started_at=now - timedelta(days=40))
            )
    CareRelationship.objects.bulk_create(relationships)
    person = Person.objects.create(
        given_name="Iris",
        family_name="Moss",
        birth_date=today - timedelta(days=31_000),
        postcode="NV2 4AB",
        gp_practice=practices[0],
    )
    found = VolunteerRequest.objects.create(
        person=person,
        hub=hub,
        asked_by=recorder,
        asked_as="staff",
        what_would_help="Company",
        languages=["Polish"],
        interests=["Gardening"],
    )
    from django.db import connection

    from alongside.core import database_roles

    # As autovacuum would soon after a load: the planner's statistics. Only the tables' owner may analyse them (as
    # the service's role, ANALYZE skips every table with a warning, and the first runs then take seconds).
    with database_roles.as_owner(), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return found


def fast(found):
    from alongside.volunteers import matching_queries
    from alongside.volunteers.matching import rank

    ranking = rank(matching_queries.need_of(found), matching_queries.candidates(found.hub_id), limit=10)
    return [m.user_id for m in ranking.offered]


def naive(found):
    """Row by row: a query for each part of each volunteer, a dict each, then a full sort."""
    from django.utils import timezone

    from alongside.partners.models import Membership
    from alongside.people.models import CareRelationship
    from alongside.volunteers.matching import area_of, district_of
    from alongside.volunteers.models import Agreement, Check, Training, Volunteer
    from alongside.volunteers.standing import Held, standing

    today = timezone.localdate()
    person = found.person
    district = district_of(person.postcode)
    wanted_languages = {x.casefold() for x in found.languages}
    wanted_interests = {x.casefold() for x in found.interests}
    rows = []
    for membership in Membership.objects.active().filter(team_id=found.hub_id, role="volunteer"):
        user = membership.user
        profile = Volunteer.objects.filter(user=user).first()
        if profile is None:
            continue
        practices = set(profile.practices.values_list("pk", flat=True))
        districts = {d for n in profile.neighbourhoods.all() for d in n.postcode_districts.split()}
        districts.add(profile.home_district)
        held = [Held(c.kind, c.expires_on) for c in Check.objects.filter(volunteer=profile)]
        held += [Held(t.course, t.expires_on) for t in Training.objects.filter(volunteer=profile)]
        agreement = Agreement.objects.filter(volunteer=profile).order_by("-signed_on", "-pk").first()
        if standing(held, agreement.version if agreement else None, today).lapsed:
            continue
        clients = CareRelationship.objects.active().filter(user=user, kind="volunteer").count()
        room = profile.capacity - clients
        if room <= 0:
            continue
        near = 2 if district in districts else 1 if any(area_of(d) == area_of(district) for d in districts) else 0
        rows.append(
            {
                "user_id": user.pk,
                "name": user.get_full_name(),
                "practice": person.gp_practice_id in practices,
                "languages": len({x.casefold() for x in profile.languages} & wanted_languages),
                "interests": len({x.casefold() for x in profile.interests} & wanted_interests),
                "near": near,
                "room": room,
            }
        )
    rows.sort(
        key=lambda r: (
            not r["practice"],
            -r["languages"],
            -r["interests"],
            -r["near"],
            -r["room"],
            r["name"].casefold(),
            r["user_id"],
        )
    )
    return [r["user_id"] for r in rows[:10]]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--volunteers", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--naive-repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    open_scratch(DATABASE)
    try:
        started = time.perf_counter()
        found = build(args.volunteers, args.seed)
        print(f"Built {args.volunteers:,} volunteers in {time.perf_counter() - started:.1f} s")
        fast(found)  # warm up
        quick = timed(fast, found, args.repeat)
        slow = timed(naive, found, args.naive_repeat)
        if quick[3] != slow[3]:
            print("The two rankings differ:", quick[3], slow[3], file=sys.stderr)
            return 1
        print(f"Python {platform.python_version()}, {platform.machine()}")
        print("| ranking | median ms | p95 ms | queries | median against the ranking |")
        print("| --- | --- | --- | --- | --- |")
        print(f"| matching_queries.candidates + matching.rank | {quick[0]:.1f} | {quick[1]:.1f} | {quick[2]} | 1.0x |")
        print(
            f"| naive: row by row, dicts, full sort (baseline) | {slow[0]:.1f} | {slow[1]:.1f} | {slow[2]} | "
            f"{slow[0] / quick[0]:.1f}x |"
        )
        if quick[0] >= 50:
            print("The median is over 50 ms", file=sys.stderr)
            return 1
        return 0
    finally:
        drop_scratch(DATABASE)


if __name__ == "__main__":
    raise SystemExit(main())
