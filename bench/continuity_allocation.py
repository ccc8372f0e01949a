"""Benchmark: continuity-aware booking of a week's appointment requests (issue 5, item 6).

    .venv/bin/python -m bench.continuity_allocation [--scale practice|federation|both] [--seed 2026] [--repeat 3]
                                                    [--window-days 1 2 3] [--write-csv DIR]

Two synthetic weeks with a fixed seed: a large practice (12 clinicians, 600 slots, 550 requests) and a
federation (50 clinicians, 5,000 slots, 4,500 requests). Slots are 15 minutes long, in morning (08:30 to 12:00)
and afternoon (14:00 to 17:30) sessions, Monday to Friday; each clinician works 6 to 10 of the 10 sessions,
and some of a session's slots are taken out (meetings, visits) so that the week has exactly the stated number.
Each request opens at a time in the week and stays open for 1, 2 or 3 days (cut at Friday's close); 70% of
people have a usual practitioner (chosen in proportion to the clinicians' sessions); priorities are skewed:
10% 0, 50% 1, 25% 2 to 3, 12% 4 to 6, 3% 8 to 10, in steps of 0.5.

Each week is solved by:
- `exact`: `alongside.core.allocation.allocate`, OR-Tools min-cost flow on the segment-tree network (the
  production code, from Request/Slot lists to the Allocation with its reasons);
- `greedy`: first-available booking (the baseline the continuity gain is measured against);
- `named-first`: a receptionist's heuristic for comparison: requests by window end, each takes its named
  worker's earliest free slot in the window if any, otherwise the earliest free slot;
- `flow-plain`: OR-Tools min-cost flow on the plain bipartite graph, one arc per (request, slot in window);
- `lsa-sparse`: scipy `min_weight_full_bipartite_matching` (LAPJVsp) on the plain bipartite graph, with one
  dummy "unserved" column per request and the lexicographic weight M + priority (M above the sum of priorities);
- `lsa-dense`: scipy `linear_sum_assignment` on the dense request x slot matrix (M + priority in the window, 0
  outside: a request given a slot outside its window counts as unserved);
- `milp-tree`, `milp-plain`: scipy `milp` (HiGHS) in two stages (most served; then, with that number fixed,
  most named-worker priority), on the segment-tree network and on the plain bipartite graph.
Every method's (served, named-worker priority) is checked against `exact`'s; the exact methods must agree.
Times are medians of --repeat runs (one run for a method whose first run takes over 2 s) and include building
each model from the week's arrays; `exact` and `greedy` also include reading the Request/Slot lists and writing
the reasons.
"""

import argparse
import os
import platform
import random
import sys
from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np

from alongside.core import allocation as booking
from alongside.core.allocation import Request, Slot
from bench.timing import median_seconds

SCALES = {
    "practice": {"clinicians": 12, "slots": 600, "requests": 550},
    "federation": {"clinicians": 50, "slots": 5000, "requests": 4500},
}
MONDAY = datetime(2026, 3, 2)
SESSIONS = [(8, 30), (14, 0)]  # 14 slots of 15 minutes each
PLAIN_EDGE_LIMIT = 3_000_000  # milp-plain is not run on bigger graphs (it needs minutes and gigabytes)
DENSE_CELL_LIMIT = 30_000_000


def synthetic_week(
    clinicians: int, n_slots: int, n_requests: int, seed: int, window_days=(1, 2, 3)
) -> tuple[list[Request], list[Slot]]:
    rng = random.Random(seed)
    names = [f"C{c:02d}" for c in range(1, clinicians + 1)]
    possible, sessions_worked = [], {}
    for name in names:
        sessions = rng.sample(range(10), rng.randint(6, 10))
        sessions_worked[name] = len(sessions)
        for session in sessions:
            day, (hour, minute) = divmod(session, 2)[0], SESSIONS[session % 2]
            begin = MONDAY + timedelta(days=day, hours=hour, minutes=minute)
            possible += [(name, begin + timedelta(minutes=15 * k)) for k in range(14)]
    if len(possible) < n_slots:
        raise SystemExit(f"only {len(possible)} possible slots for {n_slots}")
    chosen = sorted(rng.sample(range(len(possible)), n_slots))
    slots = [Slot(f"S{j:05d}", *possible[k]) for j, k in enumerate(chosen)]
    weights = [sessions_worked[n] for n in names]
    priorities = [
        (0.10, ["0"]),
        (0.50, ["1"]),
        (0.25, ["2", "2.5", "3"]),
        (0.12, ["4", "4.5", "5", "5.5", "6"]),
        (0.03, ["8", "8.5", "9", "9.5", "10"]),
    ]
    close = MONDAY + timedelta(days=4, hours=17, minutes=30)
    requests = []
    for i in range(n_requests):
        opens = MONDAY + timedelta(days=rng.randrange(5), hours=8, minutes=15 * rng.randrange(37))
        latest = min(opens + timedelta(days=rng.choice(window_days)), close)
        usual = rng.choices(names, weights)[0] if rng.random() < 0.7 else None
        band = rng.choices(priorities, [w for w, _ in priorities])[0][1]
        requests.append(Request(f"R{i:05d}", f"P{i:05d}", usual, Decimal(rng.choice(band)), opens, latest))
    return requests, slots


def exact_core(week: booking._Week) -> np.ndarray:
    """`allocate` from the week's arrays, without reading the lists or writing reasons: like for like."""
    from ortools.graph.python import min_cost_flow

    network = booking._Network(week)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(network.tails, network.heads, network.capacities, network.costs)
    solver.set_node_supply(network.source, len(week.requests))
    solver.set_node_supply(network.sink, -len(week.requests))
    assert solver.solve_max_flow_with_min_cost() == solver.OPTIMAL
    return network.slot_positions(solver.flows(np.arange(solver.num_arcs(), dtype=np.int64)))


def named_first(week: booking._Week) -> np.ndarray:
    used = np.zeros(len(week.slots), dtype=bool)
    slot_pos = np.full(len(week.requests), -1, dtype=np.int64)
    order = sorted(range(len(week.requests)), key=lambda i: (week.requests[i].latest, week.requests[i].earliest))
    for i in order:
        choice = -1
        if week.usual[i] >= 0:
            mine = week.positions[week.usual[i]][week.ulo[i] : week.uhi[i]]
            free = mine[~used[mine]]
            choice = int(free[0]) if free.size else -1
        if choice < 0:
            free = np.flatnonzero(~used[week.lo[i] : week.hi[i]])
            choice = int(week.lo[i] + free[0]) if free.size else -1
        if choice >= 0:
            used[choice] = True
            slot_pos[i] = choice
    return slot_pos


def flow_plain(week: booking._Week) -> np.ndarray:
    from ortools.graph.python import min_cost_flow

    rows, cols = week.candidate_edges()
    n_req, n_slot = len(week.requests), len(week.slots)
    solver = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate((np.zeros(n_req, dtype=np.int64), 2 + rows, 2 + n_req + np.arange(n_slot)))
    heads = np.concatenate((2 + np.arange(n_req), 2 + n_req + cols, np.ones(n_slot, dtype=np.int64)))
    costs = np.concatenate(
        (np.zeros(n_req, dtype=np.int64), -week.edge_bonus(rows, cols), np.zeros(n_slot, dtype=np.int64))
    )
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, np.ones(tails.size, dtype=np.int64), costs)
    solver.set_node_supply(0, n_req)
    solver.set_node_supply(1, -n_req)
    assert solver.solve_max_flow_with_min_cost() == solver.OPTIMAL
    flows = solver.flows(np.arange(n_req, n_req + rows.size, dtype=np.int64))
    slot_pos = np.full(n_req, -1, dtype=np.int64)
    slot_pos[rows[flows > 0]] = cols[flows > 0]
    return slot_pos


def lexicographic_weights(week: booking._Week, rows, cols) -> tuple[np.ndarray, float]:
    bonus = week.edge_bonus(rows, cols).astype(np.float64)
    big = float(week.bonus.sum() + 1)  # above any total of priorities: one more served always wins
    assert (big * (len(week.requests) + 1)) < 2**53, "weights too large to be exact in floating point"
    return big + bonus, big


def lsa_sparse(week: booking._Week) -> np.ndarray:
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    rows, cols = week.candidate_edges()
    n_req, n_slot = len(week.requests), len(week.slots)
    value, big = lexicographic_weights(week, rows, cols)
    ceiling = value.max(initial=big) + 1  # costs must be non-zero: minimise ceiling - value, dummies cost ceiling
    data = np.concatenate((ceiling - value, np.full(n_req, ceiling)))
    graph = coo_array(
        (data, (np.concatenate((rows, np.arange(n_req))), np.concatenate((cols, n_slot + np.arange(n_req))))),
        shape=(n_req, n_slot + n_req),
    ).tocsr()
    r, c = min_weight_full_bipartite_matching(graph)
    slot_pos = np.full(n_req, -1, dtype=np.int64)
    real = c < n_slot
    slot_pos[r[real]] = c[real]
    return slot_pos


def lsa_dense(week: booking._Week) -> np.ndarray:
    from scipy.optimize import linear_sum_assignment

    rows, cols = week.candidate_edges()
    n_req, n_slot = len(week.requests), len(week.slots)
    value, _ = lexicographic_weights(week, rows, cols)
    matrix = np.zeros((n_req, n_slot))
    matrix[rows, cols] = value
    transpose = n_req > n_slot
    r, c = linear_sum_assignment(matrix.T if transpose else matrix, maximize=True)
    if transpose:
        r, c = c, r
    slot_pos = np.full(n_req, -1, dtype=np.int64)
    good = matrix[r, c] > 0
    slot_pos[r[good]] = c[good]
    return slot_pos


def two_stage_milp(a_matrix, lower, upper, served, gain, capacity):
    """Most served, then (with that number fixed) most gain; rows of a_matrix between lower and upper."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import vstack

    bounds, kind = Bounds(0, capacity), np.ones(served.size)
    first = milp(-served, constraints=LinearConstraint(a_matrix, lower, upper), integrality=kind, bounds=bounds)
    assert first.success, first.message
    best = round(-first.fun)
    both = LinearConstraint(vstack([a_matrix, served.reshape(1, -1)]), np.append(lower, best), np.append(upper, best))
    second = milp(-gain, constraints=both, integrality=kind, bounds=bounds)
    assert second.success, second.message
    return np.round(second.x).astype(np.int64)


def milp_plain(week: booking._Week) -> np.ndarray:
    from scipy.sparse import coo_array, vstack

    rows, cols = week.candidate_edges()
    n_req, n_slot, n = len(week.requests), len(week.slots), rows.size
    each = np.arange(n)
    a_matrix = vstack(
        [
            coo_array((np.ones(n), (rows, each)), shape=(n_req, n)),
            coo_array((np.ones(n), (cols, each)), shape=(n_slot, n)),
        ]
    ).tocsr()
    gain = week.edge_bonus(rows, cols) / booking.PRIORITY_SCALE
    x = two_stage_milp(a_matrix, np.zeros(n_req + n_slot), np.ones(n_req + n_slot), np.ones(n), gain, 1.0)
    slot_pos = np.full(n_req, -1, dtype=np.int64)
    slot_pos[rows[x > 0]] = cols[x > 0]
    return slot_pos


def milp_tree(week: booking._Week) -> np.ndarray:
    from scipy.sparse import coo_array

    network = booking._Network(week)
    n_arcs = network.tails.size
    # Flow conservation at every node but the source and the sink: inflow - outflow = 0.
    keep = np.arange(network.n_nodes)
    each = np.arange(n_arcs)
    a_matrix = coo_array(
        (
            np.concatenate((np.ones(n_arcs), -np.ones(n_arcs))),
            (np.concatenate((network.heads, network.tails)), np.concatenate((each, each))),
        ),
        shape=(network.n_nodes, n_arcs),
    ).tocsr()[keep[2:]]
    served = (network.tails == network.source).astype(np.float64)
    gain = -network.costs * network.cost_unit / booking.PRIORITY_SCALE
    zero = np.zeros(network.n_nodes - 2)
    x = two_stage_milp(a_matrix, zero, zero, served, gain, network.capacities.astype(np.float64))
    return network.slot_positions(x)


def run_scale(name, seed, repeat, write_csv, window_days):
    size = SCALES[name]
    requests, slots = synthetic_week(size["clinicians"], size["slots"], size["requests"], seed, window_days)
    if write_csv:
        write_week(write_csv, name, requests, slots)
    import scipy.optimize  # imported before timing, so that no method pays for an import
    import scipy.sparse.csgraph  # noqa: F401
    from ortools.graph.python import min_cost_flow  # noqa: F401

    week = booking._Week(requests, slots)
    edges = int((week.hi - week.lo).sum())
    network = booking._Network(week)
    with_usual = sum(1 for r in requests if r.usual_practitioner_id)
    print(
        f"\n{name}: {size['clinicians']} clinicians, {len(slots):,} slots, {len(requests):,} requests "
        f"({with_usual:,} with a usual practitioner), windows of {'/'.join(map(str, window_days))} days, seed {seed}; "
        f"plain bipartite graph {edges:,} edges "
        f"({edges / len(requests):.0f} slots per window); segment-tree network {network.tails.size:,} arcs"
    )
    rows = []
    exact_seconds, exact = median_seconds(lambda: booking.allocate(requests, slots), repeat, once_above=2.0)
    rows.append(("exact (min-cost flow, segment trees)", exact_seconds, exact.objective(), exact.with_named_worker))
    greedy_seconds, first_available = median_seconds(lambda: booking.greedy(requests, slots), repeat, once_above=2.0)
    rows.append(
        ("greedy first-available", greedy_seconds, first_available.objective(), first_available.with_named_worker)
    )
    methods = [
        ("exact core (the same, from the week's arrays, no reasons)", exact_core, True),
        ("named-first heuristic", named_first, False),
        ("flow-plain (min-cost flow, bipartite)", flow_plain, True),
        ("lsa-sparse (scipy LAPJVsp)", lsa_sparse, True),
        ("lsa-dense (scipy linear_sum_assignment)", lsa_dense, True),
        ("milp-tree (scipy milp / HiGHS, 2 stages)", milp_tree, True),
        ("milp-plain (scipy milp / HiGHS, 2 stages)", milp_plain, True),
    ]
    for label, method, must_match in methods:
        if label.startswith("milp-plain") and edges > PLAIN_EDGE_LIMIT:
            rows.append((label, None, f"not run: {edges:,} variables", None))
            continue
        if label.startswith("lsa-dense") and len(requests) * len(slots) > DENSE_CELL_LIMIT:
            rows.append((label, None, "not run: matrix too big", None))
            continue
        seconds, slot_pos = median_seconds(lambda method=method: method(week), repeat, once_above=2.0)
        allocation = week.finish(label, slot_pos)
        if must_match and allocation.objective() != exact.objective():
            raise SystemExit(f"{label} found {allocation.objective()}, exact found {exact.objective()}")
        rows.append((label, seconds, allocation.objective(), allocation.with_named_worker))
    print("| method | seconds | against exact | served | with named worker | named-worker priority |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, seconds, objective, named in rows:
        if seconds is None:
            print(f"| {label} | {objective} | | | | |")
            continue
        served, priority, _at_preferred_time = objective
        print(
            f"| {label} | {seconds:.3f} | {seconds / exact_seconds:.2f}x | {served:,} | {named:,} | {priority:,.1f} |"
        )
    gain = exact.named_worker_priority - first_available.named_worker_priority
    print(
        f"continuity gained over greedy: {exact.with_named_worker - first_available.with_named_worker:+,} requests "
        f"with their named worker ({first_available.with_named_worker:,} to {exact.with_named_worker:,}), named-worker "
        f"priority {first_available.named_worker_priority:,.1f} to {exact.named_worker_priority:,.1f} "
        f"({gain:+,.1f}, x{exact.named_worker_priority / max(first_available.named_worker_priority, 1):.2f}); "
        f"served {first_available.served:,} to {exact.served:,}"
    )
    top = Decimal(8)
    high = [r for r in requests if r.usual_practitioner_id and r.priority >= top]
    for label, allocation in (("greedy", first_available), ("exact", exact)):
        got = sum(1 for r in high if allocation.reasons[r.request_id].startswith("with their named worker"))
        print(f"  {label}: {got} of the {len(high)} requests with priority 8 or more (and a usual worker) with them")


def write_week(directory, name, requests, slots):
    import csv

    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, f"{name}-requests.csv"), "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["request_id", "person_id", "usual_practitioner_id", "priority", "earliest", "latest"])
        for r in requests:
            writer.writerow(
                [
                    r.request_id,
                    r.person_id,
                    r.usual_practitioner_id or "",
                    r.priority,
                    r.earliest.isoformat(timespec="minutes"),
                    r.latest.isoformat(timespec="minutes"),
                ]
            )
    with open(os.path.join(directory, f"{name}-slots.csv"), "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["slot_id", "practitioner_id", "start"])
        for s in slots:
            writer.writerow([s.slot_id, s.practitioner_id, s.start.isoformat(timespec="minutes")])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=["practice", "federation", "both"], default="both")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--window-days", type=int, nargs="+", default=[1, 2, 3], help="request windows' lengths in days (1 2 3)"
    )
    parser.add_argument("--write-csv", metavar="DIR", help="also write each week as REQUESTS and SLOTS CSV files")
    args = parser.parse_args()
    import ortools
    import scipy

    print(
        f"Python {platform.python_version()}, OR-Tools {ortools.__version__}, SciPy {scipy.__version__}, "
        f"NumPy {np.__version__}, {os.cpu_count()} cores, {platform.machine()} {platform.system()}"
    )
    for name in ["practice", "federation"] if args.scale == "both" else [args.scale]:
        run_scale(name, args.seed, args.repeat, args.write_csv, args.window_days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
