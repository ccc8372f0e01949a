"""The episodes part's plain rules, with hypothesis: time left to decide, the hour of an episode, free beds."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.virtual_ward import rules_episodes as rules

NOW = datetime(2026, 12, 10, 10, 15, tzinfo=UTC)


def test_time_left_in_plain_words():
    assert rules.time_left(NOW + timedelta(minutes=35, seconds=20), NOW) == ("35 minutes left", False)
    assert rules.time_left(NOW - timedelta(minutes=12, seconds=1), NOW) == ("Overdue by 12 minutes", True)
    assert rules.time_left(NOW + timedelta(hours=1, minutes=1), NOW) == ("1 hour 1 minute left", False)
    assert rules.time_left(NOW + timedelta(hours=2), NOW) == ("2 hours left", False)


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_overdue_exactly_when_past_due(seconds):
    words, overdue = rules.time_left(NOW + timedelta(seconds=seconds), NOW)
    assert overdue == (seconds < 0)
    assert words.startswith("Overdue by") == overdue


@given(st.integers(min_value=0, max_value=24 * 9 * 60))
def test_the_hour_of_an_episode_counts_from_one(minutes):
    hour = rules.hour_of_episode(NOW, NOW + timedelta(minutes=minutes))
    assert hour == minutes // 60 + 1


@given(st.integers(0, 30), st.sets(st.integers(1, 40)))
def test_the_lowest_free_bed_is_free_and_within_capacity(capacity, taken):
    bed = rules.lowest_free_bed(capacity, taken)
    if len(taken) >= capacity:
        assert bed is None
    elif bed is not None:
        assert 1 <= bed <= capacity and bed not in taken
        assert all(b in taken for b in range(1, bed))


def test_an_extension_is_later_in_the_future_and_within_seven_days():
    admitted = NOW - timedelta(hours=70)
    due = admitted + timedelta(hours=72)
    assert rules.new_end_problem(admitted, due, due, NOW) == "The new end must be later than the present end"
    assert "7 days" in rules.new_end_problem(admitted, due, admitted + timedelta(days=7, minutes=1), NOW)
    assert rules.new_end_problem(admitted, due, admitted + timedelta(days=5), NOW) is None
