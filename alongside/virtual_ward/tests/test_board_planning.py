"""Who visits whom (planning_board): pure, so checked with properties over made-up days."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.virtual_ward import planning_board as planning

DAY = date(2026, 12, 5)
NAMES = {1: "Sam", 2: "Kim", 3: "Lee"}


def at(minutes: int) -> datetime:
    return datetime(2026, 12, 5, 8, tzinfo=UTC) + timedelta(minutes=minutes)


visits = st.lists(st.integers(min_value=0, max_value=12 * 60), min_size=0, max_size=12)


@settings(max_examples=40, deadline=None)
@given(visits, st.lists(st.sampled_from([1, 2, 3]), min_size=1, max_size=3, unique=True), st.data())
def test_every_nurse_given_is_free_within_an_hour_and_never_twice_at_once(times, nurses, data):
    to_plan = [planning.ToPlan(i, 100 + i, 200 + i, at(m), 1) for i, m in enumerate(times)]
    usual = {200 + i: (data.draw(st.sampled_from(nurses)), 2) for i in range(len(times)) if data.draw(st.booleans())}
    slots = planning.slots_for(DAY, UTC, nurses, [])
    proposals = planning.plan(to_plan, slots, usual, set(), NAMES)
    assert [p.planned_id for p in proposals] == [p.planned_id for p in to_plan]
    assert all(p.nurse_id is None or p.nurse_id in nurses for p in proposals)
    assert all(p.reason for p in proposals)
    # a nurse has at most as many visits as half-hours within their windows: never more than the slots
    for nurse_id in nurses:
        theirs = [p for p in proposals if p.nurse_id == nurse_id]
        assert len(theirs) <= len([s for s in slots if s.practitioner_id == str(nurse_id)])
    served = sum(1 for p in proposals if p.nurse_id is not None)
    assert served == len(times) or len(times) > len(nurses) * 3  # 3+ slots a nurse in any window


def test_the_usual_nurse_is_kept_when_free_and_the_reason_says_so():
    to_plan = [planning.ToPlan(1, 10, 20, at(120), 3)]
    proposals = planning.plan(to_plan, planning.slots_for(DAY, UTC, [1, 2], []), {20: (2, 3)}, set(), NAMES)
    assert proposals == [planning.Proposal(1, 3, 2, "With Kim, who has seen them 3 times on this stay")]


def test_a_busy_nurse_has_no_slot_at_that_time_and_someone_else_goes():
    busy = [planning.Busy(2, at(60), 240)]
    to_plan = [planning.ToPlan(1, 10, 20, at(120), 1)]
    slots = planning.slots_for(DAY, UTC, [1, 2], busy)
    proposals = planning.plan(to_plan, slots, {20: (2, 1)}, set(), NAMES)
    assert proposals[0].nurse_id == 1 and "Kim is busy at that time" in proposals[0].reason


def test_no_nurse_free_is_said_plainly():
    to_plan = [planning.ToPlan(1, 10, 20, at(12 * 60 + 200), 1)]  # 23:20: after the last slot and its hour
    assert planning.plan(to_plan, planning.slots_for(DAY, UTC, [1], []), {}, set(), NAMES)[0].nurse_id is None
