"""The loop's plain rules: no close without an outcome, a reply only to an answer and only once, "I'm still worried"
reopens with a fresh response target, and an overdue concern is reminded about once."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.concerns import lifecycle
from alongside.concerns.lifecycle import Loop, Move, NotAllowed, Status

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 6, 1), timezones=st.just(UTC))
loops = st.builds(
    Loop,
    status=st.sampled_from(list(Status)),
    answer_by=moments,
    reminded=st.booleans(),
    replied=st.booleans(),
)
words = st.text(max_size=1200)


@given(loop=loops, outcome=words)
def test_a_concern_closes_only_when_open_and_only_with_an_outcome(loop, outcome):
    allowed = lifecycle.refusal(loop, Move.CLOSE, outcome) is None
    assert allowed == (loop.status == Status.OPEN and 0 < len(outcome.strip()) <= lifecycle.OUTCOME_LONGEST)
    if allowed:
        closed = lifecycle.after(loop, Move.CLOSE, now=NOW, response_hours=4, words=outcome)
        assert (closed.status, closed.replied) == (Status.CLOSED, False)
    else:
        with pytest.raises(NotAllowed):
            lifecycle.after(loop, Move.CLOSE, now=NOW, response_hours=4, words=outcome)


@given(loop=loops, move=st.sampled_from([Move.THANK, Move.STILL_WORRIED]), said=words, hours=st.integers(1, 2000))
def test_the_volunteer_replies_once_to_an_answer_and_still_worried_reopens(loop, move, said, hours):
    problem = lifecycle.refusal(loop, move, said)
    if loop.status != Status.CLOSED or loop.replied:
        assert problem is not None
        return
    if move == Move.STILL_WORRIED and not said.strip():
        assert problem == "Tell us what still worries you"
        return
    if problem:
        assert len(said.strip()) > lifecycle.WORDS_LONGEST
        return
    after = lifecycle.after(loop, move, now=NOW, response_hours=hours, words=said)
    if move == Move.THANK:
        assert (after.status, after.replied) == (Status.CLOSED, True)
    else:
        assert after == Loop(Status.OPEN, NOW + timedelta(hours=hours), reminded=False, replied=False)


@given(loop=loops, now=moments)
def test_only_an_open_overdue_concern_not_yet_reminded_is_reminded_and_then_never_again(loop, now):
    allowed = lifecycle.refusal(loop, Move.REMIND, now=now) is None
    assert allowed == (loop.status == Status.OPEN and not loop.reminded and loop.answer_by <= now)
    if allowed:
        after = lifecycle.after(loop, Move.REMIND, now=now, response_hours=4)
        assert after.reminded and lifecycle.refusal(after, Move.REMIND, now=now) is not None


@pytest.mark.parametrize(
    ("route", "urgency", "hours"),
    [(6, "today", 6), (None, "today", 4), (0, "few_days", 72), (None, "next_meeting", 744), (None, "odd", 72)],
)
def test_the_response_target_is_the_routes_else_the_usual_one(route, urgency, hours):
    assert lifecycle.response_hours(route, urgency) == hours


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(0), "0 minutes"),
        (timedelta(seconds=20), "1 minute"),
        (timedelta(minutes=45), "45 minutes"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=47, minutes=59), "47 hours"),
        (timedelta(days=3, hours=5), "3 days"),
        (timedelta(days=3) - timedelta(seconds=5), "3 days"),
    ],
)
def test_how_long_in_words(span, words):
    assert lifecycle.in_words(span) == words


@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=30))
def test_the_median_time_to_close_lies_between_the_quickest_and_the_slowest(seconds):
    times = [timedelta(seconds=s) for s in seconds]
    middle = lifecycle.median_time(times)
    assert min(times) <= middle <= max(times)
    assert sum(t < middle for t in times) <= len(times) / 2 >= sum(t > middle for t in times)


def test_no_times_no_median():
    assert lifecycle.median_time([]) is None
