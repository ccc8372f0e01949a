"""Quarter arithmetic as properties: every day is in exactly one quarter, quarters follow each other without gaps,
and a cycle closes a month after its quarter ends."""

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from alongside.core.numbers import ascii_digits
from alongside.standards.quarters import GRACE_DAYS, Quarter, containing, is_open, last, parse

days = st.dates(min_value=date(1901, 1, 1), max_value=date(9998, 12, 1))
quarters_ = st.builds(Quarter, st.integers(1901, 9998), st.integers(1, 4))


@given(days)
def test_a_day_lies_within_its_quarter(day):
    quarter = containing(day)
    assert quarter.starts_on <= day <= quarter.ends_on


@given(quarters_)
def test_quarters_follow_each_other_without_gaps(quarter):
    assert quarter.next().starts_on == quarter.ends_on + timedelta(days=1)
    assert quarter.next().previous() == quarter
    assert quarter < quarter.next()
    assert 90 <= (quarter.ends_on - quarter.starts_on).days + 1 <= 92


@given(quarters_)
def test_every_day_of_a_quarter_finds_it(quarter):
    assert containing(quarter.starts_on) == quarter == containing(quarter.ends_on)


@given(quarters_, st.integers(0, 200))
def test_a_cycle_is_open_until_a_month_after_its_quarter(quarter, after):
    day = quarter.starts_on + timedelta(days=after)
    assert is_open(quarter, day) == (day <= quarter.ends_on + timedelta(days=GRACE_DAYS))


@given(days, st.integers(1, 12))
def test_the_last_quarters_end_with_todays_oldest_first(day, n):
    found = last(n, day)
    assert len(found) == n and found[-1] == containing(day)
    assert all(a.next() == b for a, b in zip(found, found[1:], strict=False))


def test_a_quarter_in_words():
    assert Quarter(2026, 2).label() == "April to June 2026"
    assert Quarter(2026, 4).short() == "Oct to Dec 2026"
    with pytest.raises(ValueError):
        Quarter(2026, 5)


@given(quarters_)
def test_a_quarters_key_reads_back(quarter):
    assert parse(quarter.key()) == quarter


@given(st.text(max_size=12))
@example("²²²²-1")  # digits to str.isdigit, not to int(): once a 500 on ?quarter=
@example("2026-²")
@example("١٢٣٤-1")
def test_anything_else_is_no_quarter(text):
    found = parse(text)
    assert found is None or found.key() == ascii_digits(text)  # a year in another script's digits is that year
