"""When a break-glass review is due, for any start day: properties of working days."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.breakglass.overdue import (
    is_overdue,
    is_working_day,
    reads_are_unusual,
    review_due,
    working_days_late,
)

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
allowances = st.integers(min_value=1, max_value=30)


@given(days, allowances)
def test_the_due_day_is_a_working_day_after_exactly_that_many_working_days(started, allowance):
    due = review_due(started, allowance)
    assert is_working_day(due) and due > started
    between = [started + timedelta(days=n) for n in range(1, (due - started).days + 1)]
    assert sum(is_working_day(d) for d in between) == allowance
    assert (due - started).days <= allowance + 2 * (allowance // 5 + 1)  # never more than the weekends between


@given(days, allowances, st.integers(min_value=0, max_value=60))
def test_overdue_only_after_the_due_day_and_late_counts_working_days(started, allowance, after):
    today = started + timedelta(days=after)
    due = review_due(started, allowance)
    assert is_overdue(started, today, allowance) == (today > due)
    late = working_days_late(started, today, allowance)
    assert (late > 0) <= is_overdue(started, today, allowance)
    assert late <= max(0, (today - due).days)


@given(days, allowances)
def test_a_later_start_is_never_due_earlier(started, allowance):
    assert review_due(started + timedelta(days=1), allowance) >= review_due(started, allowance)


def test_five_working_days_from_a_friday_is_the_next_friday():
    friday = date(2026, 3, 6)
    assert review_due(friday) == date(2026, 3, 13)
    assert not is_overdue(friday, date(2026, 3, 13)) and is_overdue(friday, date(2026, 3, 14))
    assert working_days_late(friday, date(2026, 3, 16)) == 1  # the weekend after does not count


def test_unusual_reads_are_more_than_the_setting():
    assert not reads_are_unusual(20) and reads_are_unusual(21) and reads_are_unusual(3, usual=2)
