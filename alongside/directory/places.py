"""Where a postcode is, and how far apart two places are (ADR 26). Plain Python: no Django here.

A postcode is placed at the centre of its district (the part before the space, "NV3" in "NV3 7QT"), from the
table of districts this module is given. The demo's districts are invented (Northvale's NV1 to NV9, in
`NORTHVALE`); a real deployment would give its own districts' centres, for example from Code-Point Open. Within a
district a full postcode is nudged a fixed, small way from the centre (a quarter of a mile at most, the same every
time), so that places in one district are not all on one spot; a district alone is its centre.

Distances are as the crow flies (the haversine formula on a round Earth), in miles.
"""

import hashlib
import math
import re
from typing import NamedTuple


class Point(NamedTuple):
    latitude: float
    longitude: float


EARTH_RADIUS_MILES = 3958.8
NUDGE_MILES = 0.25

# The invented borough's districts: a made-up centre for each, about a mile or two apart. No real postcode area is
# called NV, so no real place is named; the centres themselves are only somewhere plausible on the map.
NORTHVALE: dict[str, Point] = {
    "NV1": Point(54.0000, -1.5000),  # Riverside, the town centre by the river
    "NV2": Point(54.0210, -1.4870),  # Hillcrest, to the north
    "NV3": Point(53.9920, -1.5290),  # Old Town, to the west
    "NV4": Point(53.9800, -1.4750),  # Meadowbank, to the south-east
    "NV5": Point(54.0400, -1.5200),  # Upper Vale, the villages north
    "NV6": Point(53.9650, -1.5400),  # Southmoor
    "NV7": Point(54.0100, -1.4400),  # Eastfield
    "NV8": Point(54.0550, -1.4600),  # Kirkby Vale, furthest north-east
    "NV9": Point(53.9500, -1.4900),  # Low Marsh, furthest south
}

# A UK postcode: an outward code (area, district, perhaps a sub-district letter) and perhaps an inward code.
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?$")


def parse(text: str) -> tuple[str, str] | None:
    """A postcode or district as typed ("nv3 7qt", "NV37QT", " nv3 ") as (district, inward code or ""), or None
    when it is not one."""
    cleaned = re.sub(r"\s+", " ", text.strip().upper())
    found = POSTCODE.match(cleaned)
    if found is None:
        return None
    return found.group(1), found.group(2) or ""


def tidy(text: str) -> str | None:
    """A postcode or district written the usual way ("NV3 7QT", "NV3"), or None when it is not one."""
    parsed = parse(text)
    if parsed is None:
        return None
    return " ".join(part for part in parsed if part)


def nudge(inward: str) -> tuple[float, float]:
    """A fixed offset in miles (north, east) for an inward code, at most NUDGE_MILES each way."""
    digest = hashlib.sha256(inward.encode()).digest()
    north = (digest[0] / 255 * 2 - 1) * NUDGE_MILES
    east = (digest[1] / 255 * 2 - 1) * NUDGE_MILES
    return north, east


def moved(point: Point, north_miles: float, east_miles: float) -> Point:
    """The point `north_miles` north and `east_miles` east of `point` (small distances, flat Earth)."""
    per_degree = math.radians(1) * EARTH_RADIUS_MILES
    latitude = point.latitude + north_miles / per_degree
    longitude = point.longitude + east_miles / (per_degree * math.cos(math.radians(point.latitude)))
    return Point(round(latitude, 6), round(longitude, 6))


def where(text: str, districts: dict[str, Point] = NORTHVALE) -> Point | None:
    """Where a postcode or district is, or None when it is not one or its district is not known."""
    parsed = parse(text)
    if parsed is None:
        return None
    district, inward = parsed
    centre = districts.get(district)
    if centre is None or not inward:
        return centre
    return moved(centre, *nudge(inward))


def miles(a: Point, b: Point) -> float:
    """How far apart two points are as the crow flies, in miles (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def box(centre: Point, within: float) -> tuple[Point, Point]:
    """The corners (south-west, north-east) of a box holding every point within `within` miles of `centre`, for
    a database to narrow by before measuring: never leaves out a point that is within."""
    per_degree = math.radians(1) * EARTH_RADIUS_MILES
    d_lat = within / per_degree
    widest = min(89.9, abs(centre.latitude) + d_lat)  # the box's widest point in longitude is at its polar edge
    d_lon = min(180.0, within / (per_degree * math.cos(math.radians(widest))))
    return (
        Point(centre.latitude - d_lat, centre.longitude - d_lon),
        Point(centre.latitude + d_lat, centre.longitude + d_lon),
    )
