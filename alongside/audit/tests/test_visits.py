"""Grouping a person's access history into visits: properties that hold for any history."""

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.audit.visits import SITTING, Event, visits

START = datetime(2026, 3, 1, tzinfo=UTC)


@st.composite
def histories(draw) -> list[Event]:
    """Events newest first, by a few users, for a few reasons, minutes to days apart."""
    gaps = draw(st.lists(st.integers(min_value=0, max_value=3 * 24 * 60), max_size=40))
    moments, at = [], START
    for gap in gaps:
        at += timedelta(minutes=gap)
        moments.append(at)
    return [
        Event(
            at,
            draw(st.sampled_from(["sam", "kim", None])),
            draw(st.sampled_from(["person_viewed", "story_written", "search_result"])),
            draw(st.sampled_from(["relationship", "break_glass"])),
        )
        for at in reversed(moments)
    ]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_every_event_is_in_exactly_one_visit_in_the_order_given(events):
    found = visits(events)
    assert [e for v in found for e in v.events] == events
    assert sum(n for v in found for _, n in v.actions) == len(events)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_a_visit_is_one_user_for_one_reason_in_one_sitting_or_day(events):
    for visit in visits(events):
        assert {e.actor for e in visit.events} == {visit.actor}
        assert {e.basis for e in visit.events} == {visit.basis}
        for newer, older in zip(visit.events, visit.events[1:], strict=False):
            assert newer.at - older.at <= SITTING or newer.at.date() == older.at.date()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_visits_next_to_each_other_could_not_be_one(events):
    found = visits(events)
    for newer, older in zip(found, found[1:], strict=False):
        assert not newer.takes(older.events[0])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_grouping_a_visit_again_gives_the_same_visit(events):
    for visit in visits(events):
        again = visits(visit.events)
        assert len(again) == 1 and again[0].actions == visit.actions and again[0].first == visit.first


def test_three_reads_in_half_an_hour_are_one_line_with_a_count():
    sam = [Event(START + timedelta(minutes=m), "sam", "person_viewed", "relationship") for m in (30, 10, 0)]
    (visit,) = visits(sam)
    assert visit.actions == [("person_viewed", 3)]
    assert (visit.first, visit.last) == (START, START + timedelta(minutes=30))


def test_someone_else_in_between_starts_a_new_line():
    events = [
        Event(START + timedelta(minutes=2), "sam", "person_viewed", "relationship"),
        Event(START + timedelta(minutes=1), "kim", "person_viewed", "relationship"),
        Event(START, "sam", "person_viewed", "relationship"),
    ]
    assert [v.actor for v in visits(events)] == ["sam", "kim", "sam"]


def test_a_sitting_past_midnight_stays_one_visit_but_a_new_day_later_does_not():
    late = datetime(2026, 3, 2, 23, 50, tzinfo=UTC)
    events = [
        Event(late + timedelta(days=1, hours=10), "sam", "person_viewed", "relationship"),
        Event(late + timedelta(minutes=20), "sam", "person_viewed", "relationship"),
        Event(late, "sam", "person_viewed", "relationship"),
    ]
    assert [len(v.events) for v in visits(events)] == [1, 2]
