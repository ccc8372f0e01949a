"""The search form read (finding.read) and the words results are shown in: any input is read without failing,
nothing the searcher did not ask for is assumed, and opening times read the way they are written."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from alongside.directory.finding import (
    DISTANCES,
    MAX_WORDS,
    allows_age,
    cost_words,
    days_words,
    distance_words,
    open_on,
    opening_words,
    read,
    time_words,
)

NOW = datetime(2026, 11, 16, 11, 0, tzinfo=UTC)
FIELDS = ["need", "words", "postcode", "within", "day", "age", "free", "page"]


@given(st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=200)))
def test_any_form_is_read_without_failing_and_keeps_to_its_limits(params):
    reading = read(params, NOW)
    s = reading.search
    assert len(s.words) <= MAX_WORDS and s.page >= 1
    assert s.within is None or (s.within in DISTANCES and s.place is not None)
    assert s.age is None or 0 <= s.age <= 120
    assert set(reading.errors) <= {"postcode", "age"}
    assert s.free == (params.get("free", "").strip() == "yes")


def test_nothing_asked_means_nothing_assumed():
    s = read({}, NOW).search
    assert not s.asked and s.place is None and s.day is None and not s.free


def test_a_postcode_we_do_not_know_or_nonsense_is_said_plainly():
    assert "We do not know where SW1A 1AA is" in read({"postcode": "sw1a1aa"}, NOW).errors["postcode"]
    assert "Enter a postcode" in read({"postcode": "hello"}, NOW).errors["postcode"]
    assert "Enter a postcode" in read({"within": "5"}, NOW).errors["postcode"]
    assert "Enter an age" in read({"age": "seventy"}, NOW).errors["age"]
    assert read({"postcode": "NV3 7QT", "within": "5"}, NOW).search.within == 5


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(1, 4), st.sampled_from(range(7)))
def test_a_monthly_day_is_open_only_in_its_week_of_the_month(on, nth, day):
    codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    byday = f"{nth}{codes[day]}"
    expected = on.weekday() == day and (on.day - 1) // 7 + 1 == nth
    assert open_on(byday, on.weekday(), on) == expected
    assert open_on(byday, day)  # on that day of the week, some weeks
    last = on.weekday() == day and (on + timedelta(days=7)).month != on.month
    assert open_on(f"-1{codes[day]}", on.weekday(), on) == last


def test_opening_times_in_words():
    assert opening_words("MO,WE", time(10), time(14)) == "Mondays and Wednesdays, 10am to 2pm"
    assert opening_words("MO,TU,WE,TH,FR", time(9), time(17, 30)) == "Monday to Friday, 9am to 5:30pm"
    assert opening_words("1TU", time(12), time(13)) == "The first Tuesday of the month, 12 noon to 1pm"
    assert days_words("XX") == "" and opening_words("", None, None, "By appointment") == "By appointment"
    assert time_words(time(0, 15)) == "12:15am"


def test_cost_distance_and_ages_in_words():
    assert cost_words([]) == "Free" and cost_words([(Decimal(0), "Free")]) == "Free"
    assert cost_words([(Decimal("3.00"), "£3 a session")]) == "£3 a session"
    assert cost_words([(Decimal("2.5"), "")]) == "£2.50"
    assert distance_words(0.2) == "Less than half a mile away" and distance_words(3.04) == "About 3.0 miles away"


@given(st.one_of(st.none(), st.integers(0, 120)), st.one_of(st.none(), st.integers(0, 120)), st.integers(0, 120))
def test_an_age_is_allowed_only_between_the_limits(minimum, maximum, age):
    assert allows_age(minimum, maximum, age) == (
        (minimum is None or age >= minimum) and (maximum is None or age <= maximum)
    )
