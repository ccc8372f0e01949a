"""The rule for when a listing needs checking, over many dates (hypothesis)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ..staleness import STALE_AFTER_DAYS, is_stale, needs_reminder, stale_before

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
gaps = st.integers(min_value=0, max_value=2000)


@given(today=days, gap=gaps)
def test_a_listing_checked_more_than_183_days_ago_is_stale_and_no_sooner(today, gap):
    checked = today - timedelta(days=gap)
    added = checked - timedelta(days=5000)
    assert is_stale(checked, added, today) == (gap > STALE_AFTER_DAYS)
    assert is_stale(checked, added, today) == (checked < stale_before(today))


@given(today=days, gap=gaps)
def test_a_listing_never_checked_counts_from_the_day_it_was_added(today, gap):
    added = today - timedelta(days=gap)
    assert is_stale(None, added, today) == (gap > STALE_AFTER_DAYS)


@given(today=days, gap=gaps, earlier=gaps)
def test_checking_only_ever_makes_a_listing_fresher(today, gap, earlier):
    added = today - timedelta(days=gap + earlier)
    checked = today - timedelta(days=gap)
    assert is_stale(checked, added, today) <= is_stale(None, added, today)


@given(today=days, gap=gaps, reminded=st.booleans(), retired=st.booleans())
def test_keepers_are_reminded_once_and_never_about_a_retired_listing(today, gap, reminded, retired):
    checked = today - timedelta(days=gap)
    answer = needs_reminder(checked, checked, reminded, retired, today)
    assert answer == (is_stale(checked, checked, today) and not reminded and not retired)


@given(today=days, gap=gaps, later=st.integers(min_value=1, max_value=400))
def test_once_stale_a_listing_stays_stale_until_checked(today, gap, later):
    checked = today - timedelta(days=gap)
    if is_stale(checked, checked, today):
        assert is_stale(checked, checked, today + timedelta(days=later))
