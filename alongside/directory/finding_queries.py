"""Finding who can help, in the database: the services a search (finding.Search) matches, a page at a time, and
one service as a searcher sees it. No person's data is read here: the directory is about services.

Only services that are open (status active), not retired, of organisations not retired, are ever found.

Matching: a need matches a service described by that term or by a term under it; each word typed must be in the
service's name or description, its organisation's name or the name of one of its needs (pg_trgm word similarity,
which forgives a slip or two: the trigram indexes of migration 0002_finding_search serve it); a postcode
with a distance keeps the services with a place within it, and those reached by phone or online (they come to
you); a day keeps services with opening times that day (open now: that day, at this time, in this week of the
month); an age keeps services for that age; free keeps services with no cost above nothing.

Ranking: with a postcode, nearest first (by phone or online last); then with words, the closest match to the
service's name first; then by name.

Speed: the page's ids and the count come from one statement (a window count; with a place, each service's
nearest place worked out once for all places and joined, never a lookup per service), the services on the page
from one more and what each shows from five (places, opening times, costs, phones, needs), one more tunes the
statement when words are typed (`tune_for_words`), and the list of needs for the form is one: the same number of queries
whatever the size of the directory or of the page. bench/directory_search.py times it across 20,000 services.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from . import finding
from .finding import Search
from .models import CostOption, Schedule, Service, ServiceAtLocation, ServiceTerm, TaxonomyTerm
from .places import EARTH_RADIUS_MILES, Point, box, miles

PAGE_SIZE = 20
WORD_THRESHOLD = 0.4  # forgives "lonley" for lonely and "befreinding" for befriending
FAR_AWAY = 1e9  # the sort key of services with no place: after every place


def open_services() -> QuerySet[Service]:
    """Every service a searcher may find: open, not retired, of an organisation not retired."""
    return Service.objects.filter(
        status=Service.Status.ACTIVE, retired_at__isnull=True, organisation__retired_at__isnull=True
    )


# Each word typed: in the service's name or description, the name of one of its needs, or its organisation's name.
# Three lookups each served by a trigram index (migration 0002_finding_search), joined as a union. pg_trgm's `%>`
# is word similarity at the threshold `tune_for_words` sets; the word is the only parameter.
WORD_SQL = (
    "directory_service.id IN ("
    "SELECT s.id FROM directory_service s WHERE lower(s.name || ' ' || s.description) %%> %s"
    " UNION SELECT st.service_id FROM directory_serviceterm st"
    " JOIN directory_taxonomyterm t ON t.id = st.term_id WHERE t.name %%> %s"
    " UNION SELECT s.id FROM directory_service s"
    " JOIN directory_organisation o ON o.id = s.organisation_id WHERE o.name %%> %s)"
)


def matching(search: Search) -> QuerySet[Service]:
    """The services a search matches, leaving distance aside (see `search`): their id, name and how closely they
    match the words typed (0 when none were)."""
    services = open_services()
    if search.need:
        under = TaxonomyTerm.objects.filter(Q(pk=search.need) | Q(parent_id=search.need)).values("pk")
        services = services.filter(Exists(ServiceTerm.objects.filter(service=OuterRef("pk"), term__in=under)))
    closeness: Any = Value(0.0)
    if search.words:
        for word in search.words:
            services = services.filter(RawSQL(WORD_SQL, [word, word, word], output_field=BooleanField()))  # noqa: S611
        close = [TrigramWordSimilarity(Value(word), Lower("name")) for word in search.words]
        closeness = sum(close[1:], close[0])
    if search.day is not None:
        on = search.now.date() if search.now else None
        schedules = Schedule.objects.filter(service=OuterRef("pk"), byday__regex=finding.day_pattern(search.day, on))
        if search.now is not None:
            at = search.now.time()
            schedules = schedules.filter(opens_at__lte=at, closes_at__gt=at)
        services = services.filter(Exists(schedules))
    if search.age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=search.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=search.age),
        )
    if search.free:
        services = services.exclude(Exists(CostOption.objects.filter(service=OuterRef("pk"), amount__gt=0)))
    return services.annotate(closeness=closeness).values("id", "name", "closeness").order_by()


# A page of the services matched (the statement `matching` makes, as "m"), the closest match to the words first,
# then by name; with the count of all of them.
PAGE_SQL = "SELECT m.id, count(*) OVER () FROM ({matched}) m ORDER BY m.closeness DESC, m.name, m.id LIMIT %s OFFSET %s"
# The same, nearest first from a place: each service's nearest place (haversine, as places.miles) among its places
# inside a box round it, worked out once for all places and joined; with a distance, the services too far away are
# left out, but not those with no place at all (by phone or online), which come last.
NEAREST_PAGE_SQL = (
    "WITH m AS ({matched}),"
    " nearest AS (SELECT sal.service_id, min(2 * %s * asin(least(1, sqrt("
    "power(sin(radians(l.latitude - %s) / 2), 2)"
    " + cos(radians(%s)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - %s) / 2), 2))))) AS miles"
    " FROM directory_serviceatlocation sal JOIN directory_location l ON l.id = sal.location_id"
    " WHERE l.latitude BETWEEN %s AND %s AND l.longitude BETWEEN %s AND %s GROUP BY sal.service_id),"
    " placed AS (SELECT DISTINCT sal.service_id FROM directory_serviceatlocation sal"
    " JOIN directory_location l ON l.id = sal.location_id WHERE l.latitude IS NOT NULL)"
    " SELECT m.id, count(*) OVER () FROM m LEFT JOIN nearest n ON n.service_id = m.id"
    " LEFT JOIN placed p ON p.service_id = m.id"
    " WHERE %s::float IS NULL OR n.miles <= %s::float OR p.service_id IS NULL"
    " ORDER BY coalesce(n.miles, %s), m.closeness DESC, m.name, m.id LIMIT %s OFFSET %s"
)


def page_of(search: Search, start: int, size: int) -> list[tuple[UUID, int]]:
    """The ids of the services on a page of the search's results, in order, each with the count of all (one
    statement: the window count)."""
    matched, params = matching(search).query.sql_with_params()
    if search.place is None:
        sql, params = PAGE_SQL.format(matched=matched), [*params, size, start]
    else:
        place, within = search.place, search.within
        south_west, north_east = box(place, within) if within is not None else (Point(-90, -180), Point(90, 180))
        sql = NEAREST_PAGE_SQL.format(matched=matched)
        params = [*params, EARTH_RADIUS_MILES, place.latitude, place.latitude, place.longitude]
        params += [south_west.latitude, north_east.latitude, south_west.longitude, north_east.longitude]
        params += [within, within, FAR_AWAY, size, start]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], row[1]) for row in cursor.fetchall()]


def shown(services: QuerySet[Service]) -> QuerySet[Service]:
    """What each service found shows: its organisation, places, opening times, costs, phones and needs."""
    return services.select_related("organisation").prefetch_related(
        Prefetch(
            "service_at_locations",
            ServiceAtLocation.objects.select_related("location").order_by("location__name", "id"),
        ),
        Prefetch("schedules", Schedule.objects.order_by("id")),
        "cost_options",
        "phones",
        Prefetch("service_terms", ServiceTerm.objects.select_related("term").order_by("term__name")),
    )


@dataclass(frozen=True)
class Place:
    name: str
    address: str
    transportation: str
    miles: float | None

    @property
    def distance(self) -> str:
        return finding.distance_words(self.miles) if self.miles is not None else ""


@dataclass(frozen=True)
class Found:
    """One service as a searcher sees it in the results or on its page: who to call, what it helps with, when it
    is open, what it costs and how to get there."""

    id: UUID
    name: str
    organisation: str
    description: str
    needs: list[str]
    phones: list[str]
    openings: list[str]
    cost: str
    ages: str
    places: list[Place]  # nearest first when a place was searched from
    status: str
    alert: str
    application_process: str
    eligibility: str
    website: str
    email: str
    languages: list[str]
    areas: list[str]

    @property
    def nearest(self) -> Place | None:
        return self.places[0] if self.places else None


def found(service: Service, place: Point | None, full: bool = False) -> Found:
    """What a searcher sees of a service (its relations prefetched by `shown`). Never its referral email or who
    keeps it."""
    places = []
    for at in service.service_at_locations.all():
        loc = at.location
        distance = None
        if place is not None and loc.latitude is not None and loc.longitude is not None:
            distance = miles(place, Point(loc.latitude, loc.longitude))
        address = ", ".join(part for part in (loc.address_1, loc.city, loc.postal_code) if part)
        places.append(Place(loc.name, address, loc.transportation, distance))
    places.sort(key=lambda p: FAR_AWAY if p.miles is None else p.miles)
    return Found(
        id=service.id,
        name=service.name,
        organisation=service.organisation.name,
        description=service.description,
        needs=[st.term.name for st in service.service_terms.all()],
        phones=[phone.number for phone in service.phones.all()],
        openings=[
            finding.opening_words(s.byday, s.opens_at, s.closes_at, s.description) for s in service.schedules.all()
        ],
        cost=finding.cost_words([(c.amount, c.option) for c in service.cost_options.all()]),
        ages=finding.ages_words(service.minimum_age, service.maximum_age),
        places=places,
        status=service.get_status_display() if service.status != Service.Status.ACTIVE else "",
        alert=service.alert,
        application_process=service.application_process,
        eligibility=service.eligibility_description,
        website=service.url or (service.organisation.website if full else ""),
        email=service.email if full else "",
        languages=[language.name for language in service.languages.all()] if full else [],
        areas=[area.name for area in service.service_areas.all()] if full else [],
    )


@dataclass(frozen=True)
class Results:
    services: list[Found]
    total: int
    page: int
    pages: int


def tune_for_words() -> None:
    """For this transaction only (one query): pg_trgm's word similarity threshold, which its `%>` operator (and so
    the trigram indexes) uses; and the planner told to read the trigram indexes rather than every service. Not
    knowing how dear word similarity is to work out, it would rather work it out for all 20,000 services (about
    500 ms in bench/directory_search.py) than read the index and check the few hundred it finds (about 70 ms)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true),"
            " set_config('enable_seqscan', 'off', true)",
            [str(WORD_THRESHOLD)],
        )


def search(search: Search) -> Results:
    """A page of the services a search matches, and how many in all: one statement for both (a window count), one
    for the services on the page and five for what they show, and one to tune the statement when words are typed
    (`tune_for_words`). Past the last page, the last page instead (one more statement, only then)."""
    page = search.page
    within_another = connection.in_atomic_block  # then the tuning would outlast this search: undone after it
    with transaction.atomic():
        if search.words:
            tune_for_words()
        rows = page_of(search, (page - 1) * PAGE_SIZE, PAGE_SIZE)
        if not rows and page > 1:
            counted = page_of(search, 0, 1)
            page = max(1, -(-counted[0][1] // PAGE_SIZE)) if counted else 1
            rows = page_of(search, (page - 1) * PAGE_SIZE, PAGE_SIZE) if counted else []
        if search.words and within_another:
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan")
    total = rows[0][1] if rows else 0
    ids = [service_id for service_id, _ in rows]
    by_id = {s.id: s for s in shown(Service.objects.filter(pk__in=ids))} if ids else {}
    services = [found(by_id[service_id], search.place) for service_id in ids if service_id in by_id]
    return Results(services, total, page, max(1, -(-total // PAGE_SIZE)))


@dataclass(frozen=True)
class Need:
    id: str
    name: str
    under: str  # the broader need's name, or ""


def needs() -> list[Need]:
    """The needs to choose from, each broad need followed by those under it (one query)."""
    terms = list(TaxonomyTerm.objects.select_related("parent").order_by("name"))
    broad = [t for t in terms if t.parent_id is None]
    listed = []
    for term in broad:
        listed.append(Need(str(term.id), term.name, ""))
        listed += [Need(str(t.id), t.name, term.name) for t in terms if t.parent_id == term.id]
    return listed


def service(service_id: UUID, place: Point | None = None) -> Found | None:
    """One service as a searcher sees it, or None when there is no such open service."""
    services = shown(open_services().filter(pk=service_id)).prefetch_related("languages", "service_areas")
    found_one = next(iter(services), None)
    return found(found_one, place, full=True) if found_one else None
