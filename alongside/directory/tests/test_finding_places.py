"""Where a postcode is (places.py): however it is typed, the same place; distances that behave like distances; and
a box that never leaves out a place within reach."""

from hypothesis import given
from hypothesis import strategies as st

from alongside.directory.places import NORTHVALE, NUDGE_MILES, Point, box, miles, moved, tidy, where

LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
districts = st.sampled_from(sorted(NORTHVALE))
inwards = st.builds(lambda d, a, b: f"{d}{a}{b}", st.integers(0, 9), st.sampled_from(LETTERS), st.sampled_from(LETTERS))
points = st.builds(Point, st.floats(-60, 60), st.floats(-179, 179))


@given(districts, inwards, st.sampled_from(["", " ", "  "]), st.booleans())
def test_a_postcode_is_the_same_place_however_it_is_typed(district, inward, gap, lower):
    typed = f" {district}{gap}{inward} "
    typed = typed.lower() if lower else typed
    assert tidy(typed) == f"{district} {inward}"
    assert where(typed) == where(f"{district} {inward}")


@given(districts, inwards)
def test_a_postcode_is_close_to_its_districts_centre(district, inward):
    place = where(f"{district} {inward}")
    assert place is not None
    assert miles(place, NORTHVALE[district]) <= NUDGE_MILES * 1.5 + 0.001


def test_a_district_alone_is_its_centre_and_unknown_places_are_nowhere():
    assert where("nv3") == NORTHVALE["NV3"]
    assert where("SW1A 1AA") is None  # a real postcode, but not a district the table knows
    for nonsense in ["", "hello", "NV", "12345", "NV3 7", "<script>"]:
        assert where(nonsense) is None
        assert tidy(nonsense) is None


@given(points, points)
def test_distance_is_symmetric_and_never_negative(a, b):
    assert miles(a, b) >= 0
    assert abs(miles(a, b) - miles(b, a)) < 1e-9
    assert miles(a, a) < 1e-9


@given(points, points, points)
def test_distance_obeys_the_triangle_inequality(a, b, c):
    assert miles(a, c) <= miles(a, b) + miles(b, c) + 1e-6


def test_known_distances():
    # One degree of latitude is about 69 miles.
    assert 68.9 < miles(Point(50, 0), Point(51, 0)) < 69.2
    assert miles(NORTHVALE["NV1"], NORTHVALE["NV9"]) < 5


@given(points, st.floats(0.1, 50), st.floats(-1, 1), st.floats(-1, 1))
def test_the_box_holds_every_point_within_reach(centre, within, north, east):
    other = moved(centre, north * within, east * within)
    south_west, north_east = box(centre, within)
    if miles(centre, other) <= within:
        assert south_west.latitude <= other.latitude <= north_east.latitude
        assert south_west.longitude <= other.longitude <= north_east.longitude
