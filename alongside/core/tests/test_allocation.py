"""Continuity-aware booking: feasibility, exact optimality against independent solvers, the greedy baseline, reasons."""

import itertools
import random
from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, vstack

from alongside.core.allocation import MAX_PRIORITY, Request, Slot, allocate, greedy, scaled_priority

MONDAY = datetime(2026, 3, 2, 9, 0)


def at(quarter_hours: int) -> datetime:
    return MONDAY + timedelta(minutes=15 * quarter_hours)


def request(rid, usual=None, priority=1, earliest=0, latest=0, person=None, preferred=()):
    suits = tuple((at(start), at(until)) for start, until in preferred)
    return Request(rid, person or f"person-{rid}", usual, Decimal(str(priority)), at(earliest), at(latest), suits)


def suits(r, s) -> bool:
    return any(start <= s.start < until for start, until in r.preferred)


def slot(sid, practitioner, start):
    return Slot(sid, practitioner, at(start))


# Independent checks -----------------------------------------------------------------------------------------------


def value_of(requests, slots, slot_for) -> tuple[int, Decimal, int]:
    by_id = {s.slot_id: s for s in slots}
    served = [(r, by_id[slot_for[r.request_id]]) for r in requests if slot_for[r.request_id] is not None]
    priority = sum(
        (Decimal(str(r.priority)) for r, s in served if s.practitioner_id == r.usual_practitioner_id), Decimal(0)
    )
    return len(served), priority, sum(suits(r, s) for r, s in served)


def check_feasible(requests, slots, slot_for) -> None:
    by_id = {s.slot_id: s for s in slots}
    assert list(slot_for) == [r.request_id for r in requests]
    given_slots = [sid for sid in slot_for.values() if sid is not None]
    assert len(given_slots) == len(set(given_slots)), "a slot serves at most one request"
    for r in requests:
        sid = slot_for[r.request_id]
        if sid is not None:
            assert r.earliest <= by_id[sid].start <= r.latest, "served within the window, both ends included"


def brute_force(requests, slots) -> tuple[int, Decimal, int]:
    """Every way of giving each request one of its window's slots or none."""
    best = (0, Decimal(0), 0)
    options = [[None, *[s for s in slots if r.earliest <= s.start <= r.latest]] for r in requests]
    for choice in itertools.product(*options):
        taken = [s.slot_id for s in choice if s is not None]
        if len(taken) != len(set(taken)):
            continue
        served = len(taken)
        priority = sum(
            (
                Decimal(str(r.priority))
                for r, s in zip(requests, choice, strict=True)
                if s and s.practitioner_id == r.usual_practitioner_id
            ),
            Decimal(0),
        )
        fitting = sum(suits(r, s) for r, s in zip(requests, choice, strict=True) if s)
        best = max(best, (served, priority, fitting))
    return best


def milp_optimum(requests, slots) -> tuple[int, float]:
    """scipy's milp (HiGHS) on the plain bipartite graph, in two stages: most served; then, with that number fixed,
    most named-worker priority. Independent of booking's network and of OR-Tools."""
    edges = [
        (i, j, float(r.priority) if s.practitioner_id == r.usual_practitioner_id else 0.0)
        for i, r in enumerate(requests)
        for j, s in enumerate(slots)
        if r.earliest <= s.start <= r.latest
    ]
    if not edges:
        return 0, 0.0
    n = len(edges)
    rows = np.array([e[0] for e in edges])
    cols = np.array([e[1] for e in edges])
    gain = np.array([e[2] for e in edges])
    each = np.arange(n)
    a = vstack(
        [
            coo_array((np.ones(n), (rows, each)), shape=(len(requests), n)),
            coo_array((np.ones(n), (cols, each)), shape=(len(slots), n)),
        ]
    ).tocsr()
    m = len(requests) + len(slots)
    kind, bounds = np.ones(n), Bounds(0, 1)
    first = milp(-np.ones(n), constraints=LinearConstraint(a, np.zeros(m), np.ones(m)), integrality=kind, bounds=bounds)
    assert first.success
    served = round(-first.fun)
    both = LinearConstraint(vstack([a, np.ones((1, n))]), np.append(np.zeros(m), served), np.append(np.ones(m), served))
    second = milp(-gain, constraints=both, integrality=kind, bounds=bounds)
    assert second.success
    return served, -second.fun


# Random weeks -----------------------------------------------------------------------------------------------------

PRACTITIONERS = ["ana", "ben", "cai", "dee"]


@st.composite
def weeks(draw, max_requests=12, max_slots=14, horizon=16):
    n_slots = draw(st.integers(0, max_slots))
    slots = [slot(f"s{j}", draw(st.sampled_from(PRACTITIONERS)), draw(st.integers(0, horizon))) for j in range(n_slots)]
    requests = []
    for i in range(draw(st.integers(0, max_requests))):
        earliest = draw(st.integers(0, horizon))
        latest = earliest + draw(st.integers(0, 6))
        usual = draw(st.sampled_from([None, *PRACTITIONERS, "absent"]))
        priority = draw(st.sampled_from([0, 0.5, 1, 1, 2, 3.5, 10]))
        preferred = draw(st.lists(st.tuples(st.integers(0, horizon), st.integers(0, 4)), max_size=2))
        preferred = [(start, start + length) for start, length in preferred]
        requests.append(request(f"r{i}", usual, priority, earliest, latest, preferred=preferred))
    return requests, slots


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(weeks(max_requests=5, max_slots=5, horizon=6))
def test_exact_against_brute_force_on_tiny_weeks(week):
    requests, slots = week
    allocation = allocate(requests, slots)
    check_feasible(requests, slots, allocation.slot_for)
    assert value_of(requests, slots, allocation.slot_for) == allocation.objective()
    assert allocation.objective() == brute_force(requests, slots)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(weeks())
def test_exact_against_milp(week):
    requests, slots = week
    allocation = allocate(requests, slots)
    check_feasible(requests, slots, allocation.slot_for)
    served, priority = milp_optimum(requests, slots)
    assert allocation.served == served
    assert float(allocation.named_worker_priority) == pytest.approx(priority, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(weeks())
def test_greedy_is_feasible_and_never_beats_exact(week):
    requests, slots = week
    exact, first_available = allocate(requests, slots), greedy(requests, slots)
    check_feasible(requests, slots, first_available.slot_for)
    assert value_of(requests, slots, first_available.slot_for) == first_available.objective()
    assert first_available.served <= exact.served
    # Windows on one time line: by window end, the earliest free slot, serves as many as can be served.
    assert first_available.served == exact.served
    assert first_available.named_worker_priority <= exact.named_worker_priority


@settings(max_examples=200, deadline=None)
@given(weeks())
def test_reasons_agree_with_the_allocation(week):
    requests, slots = week
    practitioner = {s.slot_id: s.practitioner_id for s in slots}
    for allocation in (allocate(requests, slots), greedy(requests, slots)):
        assert list(allocation.reasons) == [r.request_id for r in requests]
        for r in requests:
            reason, sid = allocation.reasons[r.request_id], allocation.slot_for[r.request_id]
            if sid is None:
                assert reason.startswith("not served")
            elif practitioner[sid] == r.usual_practitioner_id:
                assert reason.startswith(f"with their named worker, {practitioner[sid]}, ")
            else:
                assert reason.startswith(f"with {practitioner[sid]}, ")
            if allocation.method == "exact":
                # Were there a free slot that would do better, the allocation would not be optimal.
                assert "stayed free" not in reason
                assert "although their named worker" not in reason


def test_a_medium_week_against_milp():
    """Bigger segment trees than the random weeks reach: 120 requests, 130 slots, 6 practitioners."""
    rng = random.Random(5)
    names = [f"c{k}" for k in range(6)]
    slots = [slot(f"s{j}", rng.choice(names), rng.randrange(160)) for j in range(130)]
    requests = []
    for i in range(120):
        earliest = rng.randrange(150)
        requests.append(
            request(
                f"r{i}",
                rng.choice([None, *names]),
                rng.choice([0, 1, 1, 2, 5, 9.5]),
                earliest,
                earliest + rng.randrange(40),
            )
        )
    allocation = allocate(requests, slots)
    check_feasible(requests, slots, allocation.slot_for)
    served, priority = milp_optimum(requests, slots)
    assert allocation.served == served
    assert float(allocation.named_worker_priority) == pytest.approx(priority, abs=1e-6)
    assert allocation.named_worker_priority > greedy(requests, slots).named_worker_priority


# Worked examples --------------------------------------------------------------------------------------------------


def test_the_named_worker_is_kept_for_the_person_who_needs_them_most():
    slots = [slot("early", "ana", 0), slot("late", "ben", 4)]
    requests = [
        request("frail", usual="ana", priority=9, earliest=0, latest=4),
        request("well", usual="ana", priority=1, earliest=0, latest=4),
    ]
    exact = allocate(requests, slots)
    assert exact.slot_for == {"frail": "early", "well": "late"}
    assert exact.objective() == (2, Decimal(9), 0)
    assert exact.with_named_worker == 1
    assert exact.reasons["frail"] == "with their named worker, ana, Mon 2 Mar 09:00"
    assert exact.reasons["well"] == (
        "with ben, Mon 2 Mar 10:00: the only slot of their named worker, ana, between Mon 2 Mar 09:00 and "
        "Mon 2 Mar 10:00 went to another request"
    )


def test_serving_more_people_comes_before_continuity():
    # Giving the frail person ana's slot would leave the other request with nothing.
    slots = [slot("a", "ana", 2), slot("b", "ben", 0)]
    requests = [
        request("frail", usual="ana", priority=10, earliest=0, latest=2),
        request("only-a", usual=None, priority=0, earliest=2, latest=2),
    ]
    exact = allocate(requests, slots)
    assert exact.slot_for == {"frail": "b", "only-a": "a"}
    assert exact.objective() == (2, Decimal(0), 0)


def test_a_time_that_suits_the_person_is_chosen_when_it_costs_nobody_anything():
    slots = [slot("early", "ana", 0), slot("late", "ana", 4)]
    mornings_off = request("r", usual="ana", earliest=0, latest=8, preferred=[(4, 6)])
    exact = allocate([mornings_off], slots)
    assert exact.slot_for == {"r": "late"}
    assert exact.objective() == (1, Decimal(1), 1)


def test_the_named_worker_comes_before_a_time_that_suits():
    slots = [slot("named", "ana", 0), slot("suits", "ben", 4)]
    r = request("r", usual="ana", earliest=0, latest=8, preferred=[(4, 6)])
    assert allocate([r], slots).slot_for == {"r": "named"}


def test_a_time_that_suits_never_costs_someone_else_their_named_worker_or_a_place():
    slots = [slot("a", "ana", 0), slot("b", "ana", 4)]
    fussy = request("fussy", usual="ana", priority=1, earliest=0, latest=8, preferred=[(0, 1)])
    fixed = request("fixed", usual="ana", priority="0.000001", earliest=0, latest=0)
    exact = allocate([fussy, fixed], slots)
    assert exact.slot_for == {"fussy": "b", "fixed": "a"}
    assert exact.objective() == (2, Decimal("1.000001"), 0)


def test_a_preferred_time_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="a preferred time ends before it starts"):
        allocate([request("r", latest=4, preferred=[(3, 2)])], [slot("s", "ana", 0)])


def test_first_available_booking_ignores_the_named_worker():
    slots = [slot("ben-0900", "ben", 0), slot("ana-1000", "ana", 4)]
    requests = [request("r", usual="ana", priority=5, earliest=0, latest=8)]
    first_available = greedy(requests, slots)
    assert first_available.slot_for == {"r": "ben-0900"}
    assert first_available.reasons["r"] == (
        "with ben, Mon 2 Mar 09:00, although their named worker, ana, had 1 free slot between Mon 2 Mar 09:00 "
        "and Mon 2 Mar 11:00"
    )
    assert allocate(requests, slots).slot_for == {"r": "ana-1000"}


def test_greedy_takes_requests_by_window_end():
    slots = [slot("s0", "ana", 0), slot("s1", "ana", 1)]
    requests = [request("wide", earliest=0, latest=1), request("narrow", earliest=0, latest=0)]
    assert greedy(requests, slots).slot_for == {"wide": "s1", "narrow": "s0"}


def test_the_window_includes_both_ends():
    slots = [slot("start", "ana", 0), slot("end", "ana", 4), slot("after", "ana", 5)]
    requests = [
        request("a", earliest=0, latest=4),
        request("b", earliest=0, latest=4),
        request("c", earliest=0, latest=4),
    ]
    exact = allocate(requests, slots)
    assert sorted(s for s in exact.slot_for.values() if s) == ["end", "start"]
    assert exact.served == 2
    unserved = next(r for r, s in exact.slot_for.items() if s is None)
    assert exact.reasons[unserved] == (
        "not served: all 2 slots between Mon 2 Mar 09:00 and Mon 2 Mar 10:00 went to other requests"
    )


def test_reasons_for_each_case():
    slots = [slot("ana", "ana", 0), slot("ben", "ben", 1), slot("cai", "cai", 2), slot("dee", "dee", 20)]
    requests = [
        request("no-slot", earliest=10, latest=12),
        request("no-usual", usual=None, earliest=1, latest=1),
        request("usual-away", usual="dee", earliest=2, latest=2),
        request("usual-unknown", usual="eve", earliest=0, latest=0),
        request("priority-0", usual="dee", priority=0, earliest=19, latest=21),
        request("taker", usual="dee", priority=3, earliest=20, latest=20),
    ]
    reasons = allocate(requests, slots).reasons
    assert reasons["no-slot"] == "not served: no slot between Mon 2 Mar 11:30 and Mon 2 Mar 12:00"
    assert reasons["no-usual"] == "with ben, Mon 2 Mar 09:15: no named worker recorded"
    assert reasons["usual-away"] == (
        "with cai, Mon 2 Mar 09:30: their named worker, dee, has no slot between Mon 2 Mar 09:30 and Mon 2 Mar 09:30"
    )
    assert reasons["usual-unknown"].endswith(
        "their named worker, eve, has no slot between Mon 2 Mar 09:00 and Mon 2 Mar 09:00"
    )
    assert reasons["priority-0"].startswith("not served: the only slot between")
    assert reasons["taker"] == "with their named worker, dee, Mon 2 Mar 14:00"
    two_free = [slot("ana", "ana", 0), slot("dee", "dee", 1)]
    zero = [request("zero", usual="dee", priority=0, earliest=0, latest=1)]
    assert allocate(zero, two_free).reasons["zero"] in {
        "with their named worker, dee, Mon 2 Mar 09:15",
        "with ana, Mon 2 Mar 09:00: continuity priority 0, so no slot with their named worker, dee, was kept",
    }


def test_decimal_priorities_are_summed_exactly():
    slots = [slot(f"s{k}", "ana", k) for k in range(3)]
    requests = [request(f"r{k}", usual="ana", priority="0.1", earliest=k, latest=k) for k in range(3)]
    assert allocate(requests, slots).named_worker_priority == Decimal("0.3")


def test_empty_weeks():
    assert allocate([], []).objective() == (0, 0, 0)
    only = [request("r")]
    assert allocate(only, []).slot_for == {"r": None}
    assert allocate(only, []).reasons["r"] == "not served: no slot between Mon 2 Mar 09:00 and Mon 2 Mar 09:00"
    assert allocate([], [slot("s", "ana", 0)]).served == 0


def test_bad_weeks_are_refused():
    with pytest.raises(ValueError, match="request_id r appears twice"):
        allocate([request("r"), request("r")], [])
    with pytest.raises(ValueError, match="slot_id s appears twice"):
        allocate([], [slot("s", "ana", 0), slot("s", "ben", 0)])
    with pytest.raises(ValueError, match="latest is before earliest"):
        allocate([request("r", earliest=2, latest=1)], [])
    with pytest.raises(ValueError, match="negative"):
        greedy([request("r", priority=-1)], [])


@pytest.mark.parametrize(
    ("priority", "scaled"),
    [("0", 0), ("1", 1_000_000), ("2.5", 2_500_000), ("0.000001", 1), (3, 3_000_000), (0.5, 500_000)],
)
def test_priorities_are_exact_to_six_places(priority, scaled):
    assert scaled_priority(priority) == scaled


@pytest.mark.parametrize(
    ("priority", "message"),
    [
        ("-1", "negative"),
        ("0.0000001", "more than 6 decimal places"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("two", "not a number"),
        (str(MAX_PRIORITY + 1), "above 1,000,000"),
    ],
)
def test_bad_priorities(priority, message):
    with pytest.raises(ValueError, match=message):
        scaled_priority(priority)
