from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.directory import referring_rules as rules
from alongside.directory.referring_rules import Status

moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC))


@given(moments, st.integers(min_value=1, max_value=30))
def test_working_days_never_land_on_a_weekend_and_count_only_weekdays(start, days):
    end = rules.add_working_days(start, days)
    assert end.weekday() < 5
    weekdays = sum(1 for n in range(1, (end - start).days + 1) if (start + timedelta(days=n)).weekday() < 5)
    assert weekdays == days


def test_five_working_days_from_a_friday_is_the_next_friday():
    friday = datetime(2026, 12, 4, 10, tzinfo=UTC)
    assert not rules.answer_overdue(friday, datetime(2026, 12, 10, 23, tzinfo=UTC))
    assert rules.answer_overdue(friday, datetime(2026, 12, 11, 10, tzinfo=UTC))


@given(moments, st.integers(min_value=0, max_value=20 * 24 * 60))
def test_a_link_is_good_only_before_it_expires_and_while_an_answer_is_left(sent, minutes):
    now = sent + timedelta(minutes=minutes)
    expires = rules.expires_at(sent)
    for status in Status:
        good = rules.link_is_good(status, expires, now)
        assert good == (minutes < rules.LINK_DAYS * 24 * 60 and status in (Status.SENT, Status.ACCEPTED))


@given(st.sampled_from(list(Status)), st.sampled_from(list(Status)))
def test_no_answer_goes_back_to_waiting_and_final_answers_are_final(status, answer):
    if rules.allowed(status, answer):
        assert answer != Status.SENT
        assert status in (Status.SENT, Status.ACCEPTED)
    if status in (Status.NOT_ABLE, Status.NOT_TAKEN_UP, Status.OUTCOME):
        assert not rules.allowed(status, answer)
