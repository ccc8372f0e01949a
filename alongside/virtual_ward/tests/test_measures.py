"""The virtual ward's figures as pure calculations (measures.py): worked examples, then properties that must hold
for any stays (hypothesis)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2

from alongside.virtual_ward import measures
from alongside.virtual_ward.measures import Stay

START = datetime(2026, 1, 1, tzinfo=UTC)
END = datetime(2026, 1, 11, tzinfo=UTC)  # ten days
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def stay(start_hours, end_hours=None, step_up=True, outcome="home"):
    return Stay(
        START + timedelta(hours=start_hours),
        None if end_hours is None else START + timedelta(hours=end_hours),
        step_up,
        outcome if end_hours is not None else "",
    )


# --- worked examples ---------------------------------------------------------------------------------------------


def test_capacity_per_100000():
    assert measures.per_population(20, 250_000) == 8.0
    assert measures.per_population(20, 0) is None


def test_bed_days_available_take_the_days_own_number_where_set():
    days = measures.days_of(date(2026, 1, 1), date(2026, 1, 10))
    assert len(days) == 10
    assert measures.bed_days_available(days, 20, {date(2026, 1, 2): 15, date(2026, 3, 1): 1}) == 195


def test_bed_days_used_count_only_the_hours_inside_the_period():
    stays = [stay(-24, 48), stay(228, 300), stay(24)]  # 48 h inside; 12 h inside; open from day 2: 216 h
    assert measures.bed_days_used(stays, START, END, NOW) == pytest.approx((48 + 12 + 216) / 24)


def test_an_open_stay_counts_up_to_now():
    assert measures.bed_days_used([stay(0)], START, END, START + timedelta(hours=36)) == 1.5


def test_length_of_stay_of_the_stays_that_ended():
    ended = measures.ended_within([stay(0, 72), stay(0, 24), stay(0, 96), stay(0)], START, END)
    found = measures.length_of_stay(ended)
    assert (found.count, found.mean, found.median) == (3, pytest.approx(64 / 24), 3.0)
    assert measures.length_of_stay([]) == measures.LengthOfStay(0, None, None)


def test_ended_at_home_counts_both_home_outcomes_of_step_up_stays_only():
    ended = [
        stay(0, 72, outcome="home"),
        stay(0, 72, outcome="died_at_home"),
        stay(0, 72, outcome="hospital"),
        stay(0, 72, step_up=False, outcome="home"),
    ]
    found = measures.ended_at_home(ended)
    assert (found.step_up_ended, found.stayed_home, found.died_at_home, found.share) == (3, 1, 1, 2 / 3)
    assert measures.avoided(ended) == 1  # only "stayed at home" counts as an admission avoided


def test_expected_admissions_scale_the_baseline_year_to_the_period():
    assert measures.expected_admissions(730, 365) == 730
    assert measures.expected_admissions(730, 73) == 146
    assert measures.expected_admissions(None, 365) is None
    assert measures.expected_admissions(0, 365) is None


def test_deflection_and_its_verdict():
    found = measures.deflection(34, 200.0, 0.17)
    assert found is not None
    assert found.share == 0.17
    assert found.interval.low < 0.17 < found.interval.high
    assert found.verdict == "unclear"
    assert measures.deflection(80, 200.0, 0.17).verdict == "above"
    assert measures.deflection(5, 200.0, 0.17).verdict == "below"
    assert measures.deflection(5, None, 0.17) is None


def test_the_poisson_interval_is_garwoods():
    for count in (0, 1, 2, 10, 37, 400, 1500):
        found = measures.poisson_interval(count)
        low = chi2.ppf(0.025, 2 * count) / 2 if count else 0.0
        high = chi2.ppf(0.975, 2 * count + 2) / 2
        assert found.low == pytest.approx(low, rel=1e-6, abs=1e-9)
        assert found.high == pytest.approx(high, rel=1e-6)


def test_months_cut_to_the_period_and_the_snapshot_thursday():
    assert measures.months(date(2026, 1, 15), date(2026, 3, 3)) == [
        (date(2026, 1, 15), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 3)),
    ]
    assert measures.months(date(2026, 12, 20), date(2027, 1, 2))[-1] == (date(2027, 1, 1), date(2027, 1, 2))
    assert measures.last_thursday(date(2026, 1, 1), date(2026, 1, 31)) == date(2026, 1, 29)
    assert measures.last_thursday(date(2026, 3, 1), date(2026, 3, 3)) is None  # a Sunday to a Tuesday


def test_a_snapshot_counts_who_was_on_the_ward():
    stays = [stay(0, 72), stay(10), stay(80, 90)]
    assert measures.on_the_ward_at(stays, START + timedelta(hours=71)) == 2
    assert measures.on_the_ward_at(stays, START + timedelta(hours=72)) == 1


# --- properties ---------------------------------------------------------------------------------------------------

hours = st.integers(min_value=-200, max_value=500)


@st.composite
def ward_stays(draw):
    """Stays on a ward of `beds` beds, each bed holding one person at a time: never more people than beds."""
    beds = draw(st.integers(min_value=1, max_value=5))
    stays = []
    for _bed in range(beds):
        at = draw(st.integers(min_value=-100, max_value=240))
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            length = draw(st.integers(min_value=1, max_value=150))
            last = draw(st.booleans())
            stays.append(stay(at, None if last and at + length > 240 else at + length))
            if last and at + length > 240:
                break
            at += length + draw(st.integers(min_value=0, max_value=30))
    return beds, stays


@given(ward_stays())
def test_occupancy_stays_within_0_and_100_percent_when_stays_never_exceed_the_beds(ward):
    beds, stays = ward
    days = measures.days_of(START.date(), (END - timedelta(days=1)).date())
    available = measures.bed_days_available(days, beds, {})
    used = measures.bed_days_used(stays, START, END, END)
    occupancy = measures.share(used, available)
    assert occupancy is not None
    assert 0 <= occupancy <= 1 + 1e-12


@given(hours, hours)
def test_length_of_stay_is_never_negative(start, end):
    assert measures.length_in_days(stay(start, end)) >= 0


@given(st.integers(min_value=0, max_value=3000))
def test_the_interval_contains_the_count(count):
    found = measures.poisson_interval(count)
    assert 0 <= found.low <= count <= found.high


@given(st.integers(min_value=0, max_value=1000), st.integers(min_value=1, max_value=50), st.integers(1, 5000))
def test_deflection_grows_with_admissions_avoided(count, more, per_year):
    expected = measures.expected_admissions(per_year, 365)
    fewer, larger = measures.deflection(count, expected, 0.17), measures.deflection(count + more, expected, 0.17)
    assert fewer is not None and larger is not None
    assert fewer.share < larger.share
    assert fewer.interval.low <= larger.interval.low and fewer.interval.high <= larger.interval.high


@given(st.lists(st.tuples(hours, hours, st.booleans(), st.sampled_from(["home", "died_at_home", "hospital", "other"]))))
def test_at_home_and_avoided_never_exceed_the_step_up_stays(rows):
    ended = [stay(a, max(a, b), up, outcome) for a, b, up, outcome in rows]
    found = measures.ended_at_home(ended)
    assert measures.avoided(ended) <= found.at_home <= found.step_up_ended
    assert found.share is None or 0 <= found.share <= 1


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 800))
def test_months_cover_the_period_exactly(first, length):
    last = first + timedelta(days=length)
    found = measures.months(first, last)
    assert found[0][0] == first and found[-1][1] == last
    assert sum((end - start).days + 1 for start, end in found) == length + 1
    assert all(b[0] - a[1] == timedelta(days=1) for a, b in zip(found, found[1:], strict=False))
