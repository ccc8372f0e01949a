"""Finding who can help across 20,000 services: the search page's queries, against a naive search.

    .venv/bin/python -m bench.directory_search [--services 20000] [--repeat 20] [--naive-repeat 1] [--seed 2026]

Builds, in a scratch database (`alongside_bench_directory`), a directory of `--services` services from one
organisation per 7 or 8 services, each organisation with one or two places in the demo's districts NV1 to NV9
(places.NORTHVALE); each service described by one or two of the demo's needs, with weekly or monthly opening
times, a cost (most free), a phone, and for a quarter an age limit; one in twenty closed or retired. Services by
phone (one in ten) have no place. The tables are then analysed as their owner, as autovacuum does after a load.

Timed, from the search's fields to the page's twenty results ready to show (what each shows read too):
- `finding_queries.search` for five searches a searcher makes: a need near a postcode within 2 miles; a word with
  a slip ("befreinding") near a postcode; what is open now, free, for someone of 70; words and a need; and
  nothing asked (every open service by name). The number of queries each makes is counted.
- the naive search, for the first of them: every service read, then its needs, places, opening times and costs a
  query each, filtered and measured in Python, sorted by distance. Both must find the same twenty services.
"""

import argparse
import platform
import random
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal

from bench.scratch import drop_scratch, open_scratch
from bench.timing import timed

DATABASE = "alongside_bench_directory"
NOW = datetime(2026, 11, 17, 11, 0, tzinfo=UTC)  # a Tuesday, the third of the month


def build(services: int, seed: int):
    from django.db import connection

    from alongside.core import database_roles
    from alongside.directory import finding_demo
    from alongside.directory.models import (
        CostOption,
        Location,
        Organisation,
        Phone,
        Schedule,
        Service,
        ServiceAtLocation,
        ServiceTerm,
        Taxonomy,
        TaxonomyTerm,
    )
    from alongside.directory.places import NORTHVALE, where

    rng = random.Random(seed)
    taxonomy = Taxonomy.objects.create(name="Needs", description="Needs")
    terms: dict[str, TaxonomyTerm] = {}
    for code, name, words, parent in finding_demo.NEEDS:
        terms[code] = TaxonomyTerm.objects.create(
            taxonomy=taxonomy, code=code, name=name, description=words, parent=terms.get(parent)
        )
    kinds = list(finding_demo.SERVICE_KINDS)
    districts = sorted(NORTHVALE)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench organisation {i}", description="A charity") for i in range(services // 7 + 1)
    )
    locations, places_of = [], {}
    for organisation in organisations:
        for _ in range(rng.choice([1, 1, 2])):
            postcode = f"{rng.choice(districts)} {rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"
            point = where(postcode)
            location = Location(
                organisation=organisation,
                name=f"{postcode} hall",
                address_1="1 Elm Road",
                postal_code=postcode,
                latitude=point.latitude,
                longitude=point.longitude,
            )
            locations.append(location)
            places_of.setdefault(organisation.pk, []).append(location)
    Location.objects.bulk_create(locations, batch_size=2000)
    rows: dict = {model: [] for model in (Service, ServiceTerm, ServiceAtLocation, Schedule, CostOption, Phone)}
    for n in range(services):
        organisation = organisations[n % len(organisations)]
        code = rng.choice(kinds)
        kind, words = rng.choice(finding_demo.SERVICE_KINDS[code])
        chance = rng.random()
        service = Service(
            organisation=organisation,
            name=f"{kind} {n}",
            description=words,
            status="inactive" if chance < 0.03 else "active",
            retired_at=NOW if 0.03 <= chance < 0.05 else None,
            minimum_age=rng.choice([18, 50, 65]) if rng.random() < 0.25 else None,
        )
        rows[Service].append(service)
        chosen = {code} | ({rng.choice(kinds)} if rng.random() < 0.25 else set())
        rows[ServiceTerm] += [ServiceTerm(service=service, term=terms[c]) for c in chosen]
        if rng.random() >= 0.1:
            rows[ServiceAtLocation].append(
                ServiceAtLocation(service=service, location=rng.choice(places_of[organisation.pk]))
            )
        day = rng.choice(["MO", "TU", "WE", "TH", "FR", "SA"])
        byday = f"{rng.randrange(1, 4)}{day}" if rng.random() < 0.1 else day
        opens = rng.choice([9, 10, 13, 18])
        rows[Schedule].append(
            Schedule(
                service=service,
                freq="WEEKLY",
                byday=byday,
                opens_at=f"{opens}:00",
                closes_at=f"{opens + rng.choice([1, 2, 4])}:00",
            )
        )
        amount = Decimal(rng.choice(["1.50", "3.00"])) if rng.random() < 0.15 else Decimal(0)
        rows[CostOption].append(CostOption(service=service, amount=amount, option="Free" if not amount else "Paid"))
        rows[Phone].append(Phone(service=service, number=f"01632 960{rng.randrange(1000):03d}"))
    for model, made in rows.items():
        model.objects.bulk_create(made, batch_size=2000)
    # As autovacuum would soon after a load: the planner's statistics, analysed as the tables' owner.
    with database_roles.as_owner(), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return terms


def searches(terms):
    from alongside.directory.finding import read

    def asked(**params):
        return read({k: str(v) for k, v in params.items()}, NOW).search

    return {
        "a need near a postcode, within 2 miles": asked(need=terms["company"].id, postcode="NV2 4AB", within=2),
        "a word with a slip, near a postcode": asked(words="befreinding", postcode="NV3"),
        "open now, free, for someone of 70": asked(day="now", free="yes", age=70),
        "words and a need": asked(words="lunch club", need=terms["food"].id),
        "nothing asked: every open service": asked(),
    }


def fast(search):
    from alongside.directory import finding_queries

    return [s.id for s in finding_queries.search(search).services]


def naive(search):
    """Every service read, then its needs, places, opening times and costs a query each; measured and sorted."""
    from alongside.directory.models import Service, ServiceAtLocation, ServiceTerm
    from alongside.directory.places import Point, miles

    found = []
    for service in Service.objects.all():
        if service.status != "active" or service.retired_at is not None:
            continue
        if service.organisation.retired_at is not None:
            continue
        needs = ServiceTerm.objects.filter(service=service).select_related("term")
        if not any(str(st.term_id) == search.need or str(st.term.parent_id) == search.need for st in needs):
            continue
        distances = [
            miles(search.place, Point(at.location.latitude, at.location.longitude))
            for at in ServiceAtLocation.objects.filter(service=service).select_related("location")
        ]
        list(service.schedules.all())  # what it would show
        list(service.cost_options.all())
        if distances and min(distances) > search.within:
            continue
        found.append((min(distances) if distances else 1e9, service.name, service.id))
    found.sort()
    return [service_id for _, _, service_id in found[:20]]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--naive-repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    open_scratch(DATABASE)
    try:
        started = time.perf_counter()
        terms = build(args.services, args.seed)
        print(f"Built {args.services:,} services in {time.perf_counter() - started:.1f} s")
        asked = searches(terms)
        print(f"Python {platform.python_version()}, {platform.machine()}")
        print("| search | median ms | p95 ms | queries | found on the page |")
        print("| --- | --- | --- | --- | --- |")
        medians, first = [], None
        for name, search in asked.items():
            fast(search)  # warm up
            quick = timed(fast, search, args.repeat)
            medians.append(quick[0])
            first = first or quick
            print(f"| {name} | {quick[0]:.1f} | {quick[1]:.1f} | {quick[2]} | {len(quick[3])} |")
        slow = timed(naive, next(iter(asked.values())), args.naive_repeat)
        print(
            f"| naive: a need near a postcode, row by row (baseline) | {slow[0]:.1f} | {slow[1]:.1f} | {slow[2]:,} | "
            f"{len(slow[3])} ({slow[0] / first[0]:.0f}x the search) |"
        )
        if set(first[3]) != set(slow[3]):
            print("The two searches found different services", file=sys.stderr)
            return 1
        if max(medians) >= 100:
            print("A median is over 100 ms", file=sys.stderr)
            return 1
        return 0
    finally:
        drop_scratch(DATABASE)


if __name__ == "__main__":
    raise SystemExit(main())
