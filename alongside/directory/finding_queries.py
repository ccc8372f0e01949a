"""Finding who can help, in the database: the services a search (finding.Search) matches, a page at a time, and
one service as a searcher sees it. No person's data is read here: the directory is about services.

Only services that are open (status active), not retired, of organisations not retired, are ever found.

Matching: a need matches a service described by that term or by a term under it; each word typed must be in the
service's name or description (pg_trgm word similarity, which forgives a slip or two: the trigram index of
migration 0002_finding_search serves it), its organisation's name or the name of one of its needs; a postcode
with a distance keeps the services with a place within it, and those reached by phone or online (they come to
you); a day keeps services with opening times that day (open now: that day, at this time, in this week of the
month); an age keeps services for that age; free keeps services with no cost above nothing.

Ranking: with a postcode, nearest first (by phone or online last); else with words, the closest match first; then
by name.

Speed: the page and the count come from one query (a window count), what each service on it shows from five more
(places, opening times, costs, phones, needs), one more to set the trigram threshold when words are typed, and
the list of needs for the form from one: the same number of
queries whatever the size of the directory or of the page.
"""

from dataclasses import dataclass
from uuid import UUID

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from . import finding
from .finding import Search
from .models import CostOption, Schedule, Service, ServiceAtLocation, ServiceTerm, TaxonomyTerm
from .places import EARTH_RADIUS_MILES, Point, box, miles

PAGE_SIZE = 20
WORD_THRESHOLD = 0.4  # forgives "lonley" for lonely and "befreinding" for befriending
FAR_AWAY = 1e9  # the sort key of services with no place: after every place


class SearchText(Func):
    """A service's name and description, lower case, as the trigram index `directory_service_search_trgm` holds
    them."""

    template = "lower(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()

    def __init__(self) -> None:
        super().__init__(F("name"), F("description"))


def open_services() -> QuerySet[Service]:
    """Every service a searcher may find: open, not retired, of an organisation not retired."""
    return Service.objects.filter(
        status=Service.Status.ACTIVE, retired_at__isnull=True, organisation__retired_at__isnull=True
    )


# How far a service's nearest place is (haversine, as places.miles), among its places inside a box (corners as
# parameters). Only numbers go in, as parameters.
NEAREST_SQL = (
    "SELECT min(2 * %s * asin(least(1, sqrt("
    "power(sin(radians(l.latitude - %s) / 2), 2)"
    " + cos(radians(%s)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - %s) / 2), 2)))))"
    " FROM directory_serviceatlocation sal JOIN directory_location l ON l.id = sal.location_id"
    " WHERE sal.service_id = directory_service.id"
    " AND l.latitude BETWEEN %s AND %s AND l.longitude BETWEEN %s AND %s"
)


def nearest_miles(place: Point, within: float | None) -> RawSQL:
    """How far the service's nearest place is from `place`, in miles, or NULL when it has none (within the box
    round `within` miles, when given)."""
    south_west, north_east = box(place, within) if within is not None else (Point(-90, -180), Point(90, 180))
    params = [EARTH_RADIUS_MILES, place.latitude, place.latitude, place.longitude]
    params += [south_west.latitude, north_east.latitude, south_west.longitude, north_east.longitude]
    return RawSQL(NEAREST_SQL, params, output_field=FloatField())  # noqa: S611


def matching(search: Search) -> QuerySet[Service]:
    """The services a search matches, in the order to show them (see the module's docstring)."""
    services = open_services()
    order: list = []
    if search.need:
        services = services.filter(
            Exists(
                ServiceTerm.objects.filter(service=OuterRef("pk")).filter(
                    Q(term_id=search.need) | Q(term__parent_id=search.need)
                )
            )
        )
    if search.words:
        services = services.annotate(search_text=SearchText())
        for word in search.words:
            in_needs = TaxonomyTerm.objects.filter(
                service_terms__service=OuterRef("pk"), name__trigram_word_similar=word
            )
            services = services.filter(
                Q(search_text__trigram_word_similar=word)
                | Q(organisation__name__trigram_word_similar=word)
                | Exists(in_needs)
            )
        closeness = [TrigramWordSimilarity(Value(word), "search_text") for word in search.words]
        services = services.annotate(closeness=sum(closeness[1:], closeness[0]))
        order.append(F("closeness").desc())
    if search.place is not None:
        has_place = Exists(ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__latitude__isnull=False))
        services = services.annotate(miles=nearest_miles(search.place, search.within), has_place=has_place)
        if search.within is not None:
            services = services.filter(Q(miles__lte=search.within) | Q(has_place=False))
        order.insert(0, Coalesce("miles", Value(FAR_AWAY)).asc())
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
    return services.order_by(*order, "name", "id")


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


def use_threshold() -> None:
    """Set pg_trgm's word similarity threshold, which its `<%` operator (and so the index) uses, on the database
    session (one query). Person search sets its own before each search, so neither disturbs the other."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(WORD_THRESHOLD)])


def search(search: Search) -> Results:
    """A page of the services a search matches, and how many in all: one query for both (a window count), five
    for what they show, and one to set the threshold when words are typed. Past the last page, the last page
    instead (two more queries, only then)."""
    if search.words:
        use_threshold()
    counted = shown(matching(search)).annotate(total=Window(Count("pk")))
    page = search.page
    start = (page - 1) * PAGE_SIZE
    rows = list(counted[start : start + PAGE_SIZE])
    if not rows and page > 1:
        total = matching(search).count()
        page = max(1, -(-total // PAGE_SIZE))
        start = (page - 1) * PAGE_SIZE
        rows = list(counted[start : start + PAGE_SIZE])
    total = rows[0].total if rows else 0
    return Results([found(s, search.place) for s in rows], total, page, max(1, -(-total // PAGE_SIZE)))


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
