"""The open data's queries: the UK profile's query parameters read and checked, then applied to the published
services or services at locations, a page at a time.

Reading the parameters (`read_query`) is pure: a value that cannot be used raises `BadQuery` with every problem
in plain words, which the views answer as 400 in JSON. `postcode` with `proximity` (in metres, as HSDS 3.0's
openapi words it) keeps the places within that distance of where the postcode is: the centre of its district, as
the public search places it (places.where, ADR 26). A postcode written rightly but in a district not known gives
an empty page, not an error (the profile's openapi answers these lists only with 200). Places without a latitude
and longitude are never within.
"""

import math
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from alongside.core.numbers import whole_number

from . import hsds_out, places
from .models import Location, Schedule, Service, ServiceAtLocation, ServiceTerm

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
DAYS = {
    "MO": "MO",
    "MONDAY": "MO",
    "TU": "TU",
    "TUESDAY": "TU",
    "WE": "WE",
    "WEDNESDAY": "WE",
    "TH": "TH",
    "THURSDAY": "TH",
    "FR": "FR",
    "FRIDAY": "FR",
    "SA": "SA",
    "SATURDAY": "SA",
    "SU": "SU",
    "SUNDAY": "SU",
}
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$|^[A-Z]{1,2}[0-9][0-9A-Z]?$")


def district_centre(postcode: str) -> tuple[float, float] | None:
    """Where a postcode is, as (latitude, longitude): the centre of its district, nudged for a full postcode, as
    the public search places it (places.where). None when its district is not known."""
    point = places.where(postcode)
    return None if point is None else (point.latitude, point.longitude)


# Where a postcode is: (latitude, longitude), or None when not known. A deployment with other districts replaces it.
postcode_lookup: Callable[[str], tuple[float, float] | None] = district_centre


class BadQuery(Exception):
    def __init__(self, problems: list[dict[str, str]]):
        super().__init__("; ".join(p["message"] for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Query:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    text: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str = ""
    start_time: time | None = None
    end_time: time | None = None
    postcode: str = ""
    proximity: float | None = None
    problems: list = field(default_factory=list, compare=False)


def read_query(params: Any) -> Query:
    """The query parameters as a Query, or BadQuery listing every value that cannot be used."""
    problems: list[dict[str, str]] = []

    def fail(name: str, message: str) -> None:
        problems.append({"parameter": name, "message": message})

    def whole(name: str, default: int, low: int, high: int) -> int:
        raw = params.get(name, "").strip()
        if not raw:
            return default
        found = whole_number(raw, low=low, high=high)
        if found is None:
            fail(name, f"{name} must be a whole number from {low} to {high}")
            return default
        return found

    def number(name: str) -> float | None:
        raw = params.get(name, "").strip()
        if not raw:
            return None
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0 or value > 1_000_000:
            metres = name == "proximity"
            fail(name, f"{name} must be " + ("a distance in metres, like 1600" if metres else "a number, like 18"))
            return None
        return value

    def uuid_of(name: str) -> uuid.UUID | None:
        raw = params.get(name, "").strip()
        if not raw:
            return None
        try:
            return uuid.UUID(raw)
        except ValueError:
            fail(name, f"{name} must be an id in the form 1b4e28ba-2fa1-11d2-883f-0016d3cca427")
            return None

    def time_of(name: str) -> time | None:
        raw = params.get(name, "").strip()
        if not raw:
            return None
        try:
            return time.fromisoformat(raw)
        except ValueError:
            fail(name, f"{name} must be a time of day, like 09:30")
            return None

    page = whole("page", 1, 1, 1_000_000)
    per_page = whole("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    text = (params.get("search", "") or params.get("text", "")).strip()[:200]
    day_raw = params.get("day", "").strip().upper()
    day = DAYS.get(day_raw, "")
    if day_raw and not day:
        fail("day", "day must be a day of the week, like MO or Monday")
    postcode = " ".join(params.get("postcode", "").upper().split())
    if postcode and not POSTCODE.match(postcode):
        fail("postcode", "postcode must be a UK postcode, like NV1 2AB")
    query = Query(
        page=page,
        per_page=per_page,
        text=text,
        taxonomy_term_id=uuid_of("taxonomy_term_id"),
        taxonomy_id=uuid_of("taxonomy_id"),
        minimum_age=number("minimum_age"),
        maximum_age=number("maximum_age"),
        day=day,
        start_time=time_of("start_time"),
        end_time=time_of("end_time"),
        postcode=postcode,
        proximity=number("proximity"),
    )
    if problems:
        raise BadQuery(problems)
    return query


def distance_in_metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two (latitude, longitude) points, in metres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(min(1.0, math.sqrt(h)))


def near(centre: tuple[float, float], metres: float, places: list[tuple[Any, float, float]]) -> list[Any]:
    """The ids of the places (id, latitude, longitude) within `metres` of the centre."""
    return [pk for pk, lat, lon in places if distance_in_metres(centre, (lat, lon)) <= metres]


def _locations_near(query: Query) -> list | None:
    """Location ids within the proximity of the postcode (none when the postcode's district is not known), or None
    when no distance filter applies (no postcode, or no proximity)."""
    if not query.postcode or query.proximity is None:
        return None
    centre = postcode_lookup(query.postcode)
    if centre is None:
        return []
    degrees = query.proximity / 111_000 + 0.01  # a box a little larger than the circle, then the exact distance
    box = Location.objects.filter(
        latitude__range=(centre[0] - degrees, centre[0] + degrees),
        longitude__range=(centre[1] - 2 * degrees, centre[1] + 2 * degrees),
    ).values_list("id", "latitude", "longitude")
    return near(centre, query.proximity, list(box))


def _service_filter(query: Query, prefix: str = "") -> Q:
    """The conditions on a service (reached through `prefix`) that the query asks for."""
    condition = Q()
    if query.text:
        condition &= (
            Q(**{prefix + "name__icontains": query.text})
            | Q(**{prefix + "description__icontains": query.text})
            | Q(**{prefix + "organisation__name__icontains": query.text})
        )
    if query.minimum_age is not None:
        condition &= Q(**{prefix + "minimum_age__gte": query.minimum_age})
    if query.maximum_age is not None:
        condition &= Q(**{prefix + "maximum_age__lte": query.maximum_age})
    return condition


def _terms_exist(query: Query, service_ref: str) -> list:
    found = []
    if query.taxonomy_term_id is not None:
        found.append(Exists(ServiceTerm.objects.filter(service=OuterRef(service_ref), term=query.taxonomy_term_id)))
    if query.taxonomy_id is not None:
        found.append(
            Exists(ServiceTerm.objects.filter(service=OuterRef(service_ref), term__taxonomy=query.taxonomy_id))
        )
    return found


def _schedule_condition(query: Query) -> Q | None:
    if not (query.day or query.start_time or query.end_time):
        return None
    condition = Q()
    if query.day:
        # iCalendar days, alone or with a week number before them: "MO,WE", "1TU", "-1FR".
        condition &= Q(byday__regex=rf"(^|,)\s*[-+]?[0-9]*{query.day}\s*(,|$)")
    if query.start_time:
        condition &= Q(opens_at__gte=query.start_time)
    if query.end_time:
        condition &= Q(closes_at__lte=query.end_time)
    return condition


def services(query: Query) -> QuerySet[Service]:
    found = hsds_out.published_services().filter(_service_filter(query))
    for exists in _terms_exist(query, "pk"):
        found = found.filter(exists)
    when = _schedule_condition(query)
    if when is not None:
        found = found.filter(
            Exists(Schedule.objects.filter(when, service=OuterRef("pk")))
            | Exists(Schedule.objects.filter(when, service_at_location__service=OuterRef("pk")))
        )
    nearby = _locations_near(query)
    if nearby is not None:
        found = found.filter(Exists(ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__in=nearby)))
    return found.order_by("name", "id")


def service_at_locations(query: Query) -> QuerySet[ServiceAtLocation]:
    found = hsds_out.published_service_at_locations().filter(_service_filter(query, "service__"))
    for exists in _terms_exist(query, "service"):
        found = found.filter(exists)
    when = _schedule_condition(query)
    if when is not None:
        found = found.filter(
            Exists(Schedule.objects.filter(when, service=OuterRef("service")))
            | Exists(Schedule.objects.filter(when, service_at_location=OuterRef("pk")))
        )
    nearby = _locations_near(query)
    if nearby is not None:
        found = found.filter(location__in=nearby)
    return found.order_by("service__name", "service", "id")


@dataclass
class Page:
    total_items: int
    page_number: int
    per_page: int
    items: list

    @property
    def total_pages(self) -> int:
        return max(1, math.ceil(self.total_items / self.per_page))

    def envelope(self, contents: list) -> dict:
        """The HSDS page: its counts and place among the pages, and the objects on it."""
        return {
            "total_items": self.total_items,
            "total_pages": self.total_pages,
            "page_number": self.page_number,
            "size": len(contents),
            "first_page": self.page_number == 1,
            "last_page": self.page_number >= self.total_pages,
            "empty": not contents,
            "contents": contents,
        }


def page_of(found: QuerySet, query: Query) -> Page:
    total = found.count()
    start = (query.page - 1) * query.per_page
    items = list(found[start : start + query.per_page]) if start < total else []
    return Page(total_items=total, page_number=query.page, per_page=query.per_page, items=items)


def service(pk: uuid.UUID) -> Service | None:
    return hsds_out.published_services().filter(pk=pk).first()


def service_at_location(pk: uuid.UUID) -> ServiceAtLocation | None:
    return hsds_out.published_service_at_locations().filter(pk=pk).first()


def taxonomy(pk: uuid.UUID):
    return hsds_out.taxonomies().filter(pk=pk).first()


def taxonomy_term(pk: uuid.UUID):
    return hsds_out.taxonomy_terms().filter(pk=pk).first()


def all_taxonomies() -> QuerySet:
    return hsds_out.taxonomies()


def all_taxonomy_terms() -> QuerySet:
    return hsds_out.taxonomy_terms()
