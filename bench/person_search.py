"""Benchmark: person search and the person page over a borough of 1,000,000 people, through the real views.

    .venv/bin/python -m bench.person_search [--people 1000000] [--caseload 20000] [--requests 200] [--keep]

Builds the demo borough in a scratch database (alongside_bench_search) on the same PostgreSQL server, gives
each neighbourhood team a caseload (the demo clinician's team: --caseload people), named workers, allocated
volunteers, ended relationships, consent provisions and past break-glass, and gives 200 of the clinician's
people a record worth opening (story versions, relationships, supporters and 30 timeline entries).

Then it signs the clinician in (with an authenticator app, so the second-factor check passes as in real use)
and times requests through Django's test client, so every middleware, the access policy, the audit write and
the template run as for a real user. Each figure is also given against baselines measured in the same run:
a bare view returning a constant page through the same middleware, and a naive search (a case-insensitive
substring match on each name column, no trigram index).

--keep leaves the scratch database for a later run with --reuse (skips the build) or for EXPLAIN by hand.
"""

import argparse
import inspect
import os
import platform
import random
import re
import statistics
import sys
import time
import types
from datetime import timedelta

from bench.scratch import drop_scratch, open_scratch
from bench.timing import summary, timed_requests

SCRATCH = "alongside_bench_search"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--caseload", type=int, default=20_000, help="people on the clinician's team caseload")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use a scratch database kept by --keep")
    args = parser.parse_args()

    build = open_scratch(SCRATCH, reuse=args.reuse)
    from django.conf import settings

    from alongside.core import database_roles

    if build:
        started = time.perf_counter()
        with database_roles.as_owner():  # as `alongside demo` builds: it drops and puts back indexes
            build_borough(args.seed, args.people, args.caseload)
        print(f"built {args.people:,} people and their relationships in {time.perf_counter() - started:.0f} s")

    settings.ROOT_URLCONF = install_bench_urls()
    try:
        results = measure(args.seed, args.requests)
    finally:
        if not args.keep:
            drop_scratch(SCRATCH)
    report(args, results)
    return 0


# --- the data -------------------------------------------------------------------------------------------------


def build_borough(seed: int, people: int, caseload: int) -> None:
    """The demo borough at scale, then the relationships that make a realistic visible set for each worker."""
    from django.db import connection, transaction
    from tqdm import tqdm

    from alongside.demo import build

    # The people alone: the relationships, stories and timelines are laid out below, the same in every run.
    alone = {"care": False} if "care" in inspect.signature(build.build).parameters else {}
    with tqdm(total=people, unit=" people", desc="people", file=sys.stderr) as bar:
        build.build(seed, people, progress=bar.update, **alone)
    with transaction.atomic():
        add_caseloads(random.Random(seed), caseload)
        add_records(random.Random(seed + 1))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def copy_rows(table: str, columns: list[str], rows) -> None:
    from django.db import connection

    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def add_caseloads(rng: random.Random, caseload: int) -> None:
    """Each neighbourhood team holds a caseload from its neighbourhood, with some relationships already ended.

    The trust's teams hold `caseload` people each, the council's teams a third of that. Every clinician and
    social worker is the named worker for 40 of their team's people, every volunteer is allocated 4 people,
    and a few hundred people have a consent provision for (or against) the trust or the voluntary sector.
    """
    from django.utils import timezone

    from alongside.consent.models import ConsentProvision
    from alongside.partners.models import Membership, Organisation, Team
    from alongside.people.models import CareRelationship, Person

    now = timezone.now()
    long_ago = now - timedelta(days=400)
    rows = []
    named = set()
    for team in Team.objects.filter(kind="neighbourhood_team").select_related("neighbourhood", "organisation"):
        ids = list(Person.objects.filter(neighbourhood=team.neighbourhood).values_list("id", flat=True))
        size = caseload if team.organisation.kind == "nhs_trust" else caseload // 3
        chosen = rng.sample(ids, size + size // 10)
        active, ended = chosen[:size], chosen[size:]
        rows += [(p, "team_caseload", None, team.id, long_ago, None, "") for p in active]
        rows += [(p, "team_caseload", None, team.id, long_ago, now - timedelta(days=30), "Discharged") for p in ended]
        workers = Membership.objects.filter(team=team, role__in=["clinician", "social_worker"]).values_list(
            "user_id", flat=True
        )
        free = [p for p in active if p not in named]
        for worker in workers:
            for person in free[:40]:
                named.add(person)
                rows.append((person, "named_worker", worker, None, long_ago, None, ""))
            free = free[40:]
    volunteers = Membership.objects.filter(role="volunteer").values_list("user_id", flat=True)
    allocated = rng.sample(sorted(named), 4 * len(volunteers))
    for i, volunteer in enumerate(volunteers):
        rows += [(p, "volunteer", volunteer, None, long_ago, None, "") for p in allocated[i * 4 : i * 4 + 4]]
    columns = ["person_id", "kind", "user_id", "team_id", "started_at", "ended_at", "ended_reason"]
    copy_rows(CareRelationship._meta.db_table, columns, rows)

    trust = Organisation.objects.get(kind="nhs_trust")
    voluntary = Organisation.objects.get(kind="voluntary_organisation")
    everyone = rng.sample(range(1, Person.objects.count() + 1), 600)
    ConsentProvision.objects.bulk_create(
        [
            ConsentProvision(
                person_id=p,
                permit=i % 3 != 0,
                actor_kind="organisation",
                organisation=trust if i % 2 else voluntary,
                categories=[] if i % 4 else ["story"],
                start=long_ago,
            )
            for i, p in enumerate(everyone)
        ]
    )


def record_people():
    """The people whose pages are timed: the first 200 the demo clinician is the named worker for."""
    from alongside.people.models import CareRelationship

    clinician = clinician_user()
    return list(
        CareRelationship.objects.filter(user=clinician, kind="named_worker").values_list("person_id", flat=True)
    )[:200]


def clinician_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="clinician")


def add_records(rng: random.Random) -> None:
    """Story versions, more relationships, supporters, consent, past break-glass and 30 timeline entries each."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from alongside.breakglass.models import BreakGlass
    from alongside.consent.models import ConsentProvision
    from alongside.partners.models import Membership, Organisation
    from alongside.people.models import CareRelationship, Entry, StoryVersion, Supporter

    now = timezone.now()
    clinician = clinician_user()
    team = Membership.objects.get(user=clinician).team
    colleagues = list(Membership.objects.filter(team=team).exclude(user=clinician).values_list("user_id", flat=True))
    volunteers = list(Membership.objects.filter(role="volunteer").values_list("user_id", flat=True))
    voluntary = Organisation.objects.get(kind="voluntary_organisation")
    people = record_people()
    stories, relationships, supporters, provisions, entries = [], [], [], [], []
    for person in people:
        for part, versions in (("my_story", 3), ("what_matters", 2)):
            stories += [
                StoryVersion(
                    person_id=person,
                    part=part,
                    number=n,
                    text=f"Version {n}: I grew up near the river and worked on the buses for thirty years. " * 4,
                    reason="Told again at review",
                    written_by=clinician,
                    written_at=now - timedelta(days=300 - 50 * n),
                )
                for n in range(1, versions + 1)
            ]
        relationships += [
            CareRelationship(person_id=person, kind="care_team", user_id=rng.choice(colleagues)),
            CareRelationship(person_id=person, kind="volunteer", user_id=rng.choice(volunteers)),
            CareRelationship(
                person_id=person,
                kind="care_team",
                user_id=rng.choice(colleagues),
                started_at=now - timedelta(days=200),
                ended_at=now - timedelta(days=20),
                ended_reason="Moved to another team",
            ),
        ]
        supporters += [
            Supporter(person_id=person, name="Grace Obi", relationship="daughter", phone="07700 900111", is_carer=True),
            Supporter(person_id=person, name="Tom Reid", relationship="neighbour", is_key_contact=False),
        ]
        provisions.append(
            ConsentProvision(
                person_id=person, permit=True, actor_kind="organisation", organisation=voluntary, categories=["story"]
            )
        )
        for n in range(30):
            entries.append(
                Entry(
                    person_id=person,
                    kind=rng.choice(["note", "contact", "review"]),
                    text=f"Visit {n}: walked to the shop with support; pain managed; next visit agreed. " * 2,
                    restricted=n == 7,
                    author_id=rng.choice([clinician.id, *colleagues]),
                    at=now - timedelta(days=3 * n),
                )
            )
    StoryVersion.objects.bulk_create(stories)
    CareRelationship.objects.bulk_create(relationships)
    Supporter.objects.bulk_create(supporters)
    ConsentProvision.objects.bulk_create(provisions)
    made = Entry.objects.bulk_create(entries)
    Entry.objects.bulk_create(
        [
            Entry(person_id=e.person_id, kind=e.kind, text="Corrected: " + e.text, amends=e, author=e.author)
            for e in made[::10]
        ]
    )
    others = get_user_model().objects.exclude(pk=clinician.pk).values_list("pk", flat=True)[:5]
    BreakGlass.objects.bulk_create(
        [
            BreakGlass(
                user_id=user,
                person_id=people[i],
                reason_code="unplanned_care",
                reason_text="Covering the visit list",
                started_at=now - timedelta(days=40 + i),
                expires_at=now - timedelta(days=40 + i) + timedelta(hours=12),
            )
            for i, user in enumerate([clinician.pk, *others])
        ]
    )


# --- the queries ----------------------------------------------------------------------------------------------


def typo(word: str, rng: random.Random) -> str:
    """One slip of the keyboard: two letters swapped, one dropped or one doubled."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    return rng.choice(
        [word[:i] + word[i + 1] + word[i] + word[i + 2 :], word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:]]
    )


def search_queries(seed: int, count: int) -> list[tuple[str, str, int]]:
    """(kind, query, person id) as staff type them, about people on the clinician's team caseload.

    About one in ten is about someone the clinician may not see, who must not be found.
    """
    from alongside.people.models import CareRelationship, Person

    rng = random.Random(seed)
    team_ids = CareRelationship.objects.filter(kind="team_caseload", user=None, ended_at=None)
    team_id = clinician_user().memberships.get().team_id
    ids = list(team_ids.filter(team_id=team_id).values_list("person_id", flat=True))
    sample = Person.objects.in_bulk(rng.sample(ids, count)).values()
    visible = set(ids)
    others = [pk for pk in rng.sample(range(1, Person.objects.count() + 1), count) if pk not in visible]
    strangers = Person.objects.in_bulk(others[: count // 10]).values()
    kinds = {
        "full name": lambda p: f"{p.given_name} {p.family_name}",
        "name order": lambda p: f"{p.family_name.lower()} {p.given_name.lower()}",
        "initial": lambda p: f"{p.given_name[0]} {p.family_name}",
        "a slip in one name": lambda p: rng.choice(
            [f"{typo(p.given_name, rng)} {p.family_name}", f"{p.given_name} {typo(p.family_name, rng)}"]
        ),
        "slips in both names": lambda p: f"{typo(p.given_name, rng)} {typo(p.family_name, rng)}",
        "family name": lambda p: p.family_name,
        "start of a name": lambda p: f"{p.given_name} {p.family_name[:3]}",
        "name and date of birth": lambda p: f"{p.given_name.lower()} {p.family_name.lower()} {p.birth_date:%d/%m/%Y}",
        "date of birth": lambda p: f"{p.birth_date:%-d.%-m.%Y}",
        "NHS number": lambda p: (
            (p.nhs_number and f"{p.nhs_number[:3]} {p.nhs_number[3:6]} {p.nhs_number[6:]}")
            or f"{p.birth_date:%d/%m/%Y}"
        ),
        "postcode": lambda p: p.postcode,
        "name and postcode": lambda p: f"{p.family_name} {p.postcode.replace(' ', '').lower()}",
    }
    queries = [
        (kind, make(p), p.pk) for (kind, make), p in zip(rng.choices(list(kinds.items()), k=count), sample, strict=True)
    ]
    queries += [("someone not on the caseload", f"{p.given_name} {p.family_name}", p.pk) for p in strangers]
    rng.shuffle(queries)
    return queries[:count]


# --- the measurements -----------------------------------------------------------------------------------------


def install_bench_urls() -> str:
    """The app's own URLs plus two baselines, as a URL module of this run."""
    from django.db.models import Q
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.urls import include, path

    from alongside.core.access import PERSON_RECORD, SIGNED_IN, access
    from alongside.people.access import visible_people
    from alongside.people.policy import Basis, Decision
    from alongside.people.search import PAGE_SIZE, Page, Row

    @access(SIGNED_IN)
    def constant(request):
        return HttpResponse("<!doctype html><title>Constant</title><p>A constant page.</p>")

    @access(PERSON_RECORD)
    def naive_search(request):
        """A first attempt: a substring match on each name column for each word, a count, then the page.

        No trigram index can serve it, typos are not forgiven, and nothing is audited, so it does less work.
        """
        people = visible_people(request)
        for word in re.findall(r"[^\W\d_]+", request.GET.get("q", "")):
            people = people.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
        total = people.count()
        shown = people.select_related("gp_practice").order_by("family_name", "given_name", "pk")[:PAGE_SIZE]
        rows = [Row(p, Decision(True, Basis.RELATIONSHIP), identity=True, contact=True) for p in shown]
        return render(request, "people/search.jinja", {"query": request.GET["q"], "page": Page(1, total, rows)})

    module = types.ModuleType("bench_person_search_urls")
    module.urlpatterns = [
        path("bench/constant/", constant),
        path("bench/naive-search/", naive_search),
        path("", include("alongside.config.urls")),
    ]
    module.handler404 = "alongside.core.views.page_not_found"
    sys.modules[module.__name__] = module
    return module.__name__


def measure(seed: int, requests: int) -> dict:
    from urllib.parse import urlencode

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    clinician = clinician_user()
    if not clinician.authenticator_set.exists():
        TOTP.activate(clinician, generate_totp_secret())
    client = Client()
    client.force_login(clinician)

    queries = search_queries(seed, requests)
    search_urls = [f"/people/?{urlencode({'q': q})}" for _, q, _ in queries]
    naive_urls = [f"/bench/naive-search/?{urlencode({'q': q})}" for _, q, _ in queries]
    person_urls = [f"/people/{pk}/" for pk in record_people()]
    person_urls = (person_urls * (requests // len(person_urls) + 1))[:requests]
    results = {
        "constant page": timed_requests(client, ["/bench/constant/"] * requests),
        "person search": timed_requests(client, search_urls),
        "naive search": timed_requests(client, naive_urls),
        "person page": timed_requests(client, person_urls),
    }
    by_kind = {}
    for (kind, _, _), ms in zip(queries, results["person search"][0], strict=True):
        by_kind.setdefault(kind, []).append(ms)
    results["by kind"] = by_kind
    results["found"] = found_rates(client, clinician, queries)
    results["examples"] = [q for _, q, _ in queries[:12]]
    from django.db import connection

    results["server"] = connection.cursor().connection.info.server_version  # read before the database is dropped
    return results


def found_rates(client, clinician, queries) -> dict[str, tuple[int, int, int]]:
    """For each kind of query: (queries, the person among the matches, the person on the first page).

    Someone the clinician may not see must never be found: that stops the run.
    """
    from urllib.parse import urlencode

    from django.test import RequestFactory

    from alongside.core.middleware import attach_roles
    from alongside.people.access import visible_people
    from alongside.people.search import Terms, find, matching, parse

    request = RequestFactory().get("/")
    request.user = clinician
    attach_roles(request, clinician)
    rates = {}
    for kind, query, pk in queries:
        terms: Terms = parse(query)
        _, _, _, loose = find(request, terms)
        matched = matching(visible_people(request), terms, request=request, loose=loose).filter(pk=pk).exists()
        shown = f'href="/people/{pk}/"' in client.get(f"/people/?{urlencode({'q': query})}").content.decode()
        if kind == "someone not on the caseload":
            assert not matched and not shown, (query, pk)
        total, among, first = rates.get(kind, (0, 0, 0))
        rates[kind] = (total + 1, among + matched, first + shown)
    return rates


def report(args, results: dict) -> None:
    import django

    constant, _ = summary(results["constant page"][0])
    naive, _ = summary(results["naive search"][0])
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {results['server']}"
    )
    print(f"{args.people:,} people, a team caseload of {args.caseload:,}, seed {args.seed}, {args.requests} requests")
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    print("| what | median ms | p95 ms | queries per request | median against the constant page |")
    print("| --- | --- | --- | --- | --- |")
    for name in ("constant page", "naive search", "person search", "person page"):
        times, counts = results[name]
        median, p95 = summary(times)
        queries = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} | {median / constant:.1f}x |")
    search, _ = summary(results["person search"][0])
    print(f"person search against the naive search: {search / naive:.2f}x the time")
    print("| kind of query | queries | median ms | the person among the matches | on the first page |")
    print("| --- | --- | --- | --- | --- |")
    for kind, times in sorted(results["by kind"].items()):
        total, among, first = results["found"][kind]
        print(f"| {kind} | {total} | {statistics.median(times):.1f} | {among} | {first} |")
    counts = results["person search"][1]
    print("queries per search request:", ", ".join(f"{n}: {counts.count(n)}" for n in sorted(set(counts))))
    print("examples:", "; ".join(results["examples"]))


if __name__ == "__main__":
    sys.exit(main())
