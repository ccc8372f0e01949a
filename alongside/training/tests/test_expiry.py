"""When a training record runs out and where someone stands, as properties over any dates."""

from datetime import date, timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from alongside.training.expiry import (
    DUE_SOON_DAYS,
    Done,
    Standing,
    date_problem,
    expires_on,
    is_for,
    latest,
    standing,
    standing_of,
    tally,
    year_problem,
)

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
months = st.integers(min_value=1, max_value=120)


@given(days, months)
def test_a_record_runs_out_after_its_months_on_the_same_day_or_the_month_end(completed, valid):
    runs_out = expires_on(completed, valid)
    assert runs_out is not None and runs_out > completed
    assert (runs_out.year - completed.year) * 12 + runs_out.month - completed.month == valid
    assert runs_out.day == completed.day or (runs_out + timedelta(days=1)).day == 1


@given(days)
def test_a_course_that_never_expires_is_always_in_date(completed):
    assert expires_on(completed, None) is None
    assert standing(None, completed + timedelta(days=99999)) == Standing.IN_DATE


@given(days, days)
def test_standing_follows_the_days_left(runs_out, today):
    got = standing(runs_out, today)
    left = (runs_out - today).days
    if left <= 0:
        assert got == Standing.EXPIRED
    elif left <= DUE_SOON_DAYS:
        assert got == Standing.DUE_SOON
    else:
        assert got == Standing.IN_DATE


def test_the_edges_of_due_soon_and_expired():
    today = date(2026, 12, 5)
    assert standing(today, today) == Standing.EXPIRED
    assert standing(today + timedelta(days=1), today) == Standing.DUE_SOON
    assert standing(today + timedelta(days=DUE_SOON_DAYS), today) == Standing.DUE_SOON
    assert standing(today + timedelta(days=DUE_SOON_DAYS + 1), today) == Standing.IN_DATE


done = st.builds(Done, days, st.one_of(st.none(), days))


@given(st.lists(done, max_size=6), days)
def test_someone_stands_as_their_record_that_runs_out_last(records, today):
    got = standing_of(records, today)
    if not records:
        assert got == Standing.NOT_DONE
        return
    best = latest(records)
    assert best in records
    if any(r.expires is None for r in records):
        assert got == Standing.IN_DATE
    else:
        assert all(r.expires <= best.expires for r in records if r.expires and best.expires)
        assert got == standing(best.expires, today)


@given(st.lists(st.sampled_from(list(Standing)), max_size=30))
def test_a_tally_counts_everyone_once_and_due_soon_is_still_valid(standings):
    counted = tally(standings)
    assert counted.in_date + counted.due_soon + counted.expired + counted.not_done == counted.of == len(standings)
    assert counted.in_date == standings.count(Standing.IN_DATE)
    assert counted.valid == counted.in_date + counted.due_soon
    assert counted.percent is None if not standings else 0 <= counted.percent <= 100


@given(st.lists(st.sampled_from(["clinician", "coordinator", "gp", "admin"]), max_size=3), st.sets(st.text()))
def test_a_course_for_no_roles_is_for_everyone_else_for_those_roles(for_roles, roles):
    assert is_for([], roles)
    assert is_for(for_roles, roles) == (not for_roles or bool(set(for_roles) & roles))


@given(st.text(max_size=6))
@example("²²²²")  # digits to str.isdigit, not to int()
def test_a_year_must_have_4_numbers(typed):
    year = typed.strip()
    assert (year_problem(typed) is None) == (len(year) == 4 and year.isdecimal())  # in any script's digits
    assert year_problem("25") == "must have a year with 4 numbers, for example 2025"


@given(days, days)
def test_a_completion_date_is_not_in_the_future_nor_before_1990(day, today):
    problem = date_problem(day, today)
    assert (problem is None) == (day <= today)
    assert date_problem(date(1989, 12, 31), today) is not None
