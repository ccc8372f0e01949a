"""Continuity-aware booking: a week's appointment requests allocated to clinicians' slots.

Pure logic (no Django). The objective, in order:

1. serve as many requests as possible, each in a slot whose start time lies in the request's window
   (`earliest <= slot.start <= latest`, both ends included), a slot serving at most one request;
2. among those allocations, make the total continuity priority of the requests served by the person's
   usual (named) practitioner as high as possible;
3. among those, serve as many requests as possible at a time the person said suits them (`preferred`: ranges
   `start <= slot.start < until`; none stated means no preference, and such a request never counts).

`allocate` solves this exactly as a maximum flow of minimum cost (OR-Tools `SimpleMinCostFlow`,
`solve_max_flow_with_min_cost`): the maximum flow is the number served and, among maximum flows, the minimum
cost is minus the named-worker priority, so the first two objectives are met in order without a big-M weight.
The third is a tie-breaker inside the cost: the priority costs are multiplied by (number of requests + 1) and a
slot at a preferred time earns 1 more, so all the preferred times together never outweigh one unit of priority.
Every window is a contiguous run of the slots sorted by start time, so instead of one arc per (request, slot
in window), which is thousands per request in a federation's week, each request has arcs to the
O(log n) nodes of a segment tree over all slots that cover its window exactly (cost 0), and to the nodes of a
segment tree over its usual practitioner's slots (cost minus its priority). Tree arcs only point down to the
slots, so every unit of flow from a request ends in a slot inside its window and the model is exact (ADR 0013).
Preferred times are runs of slots too (a Monday morning is one run), so they are covered the same way.

`greedy` is the first-available baseline. Priorities are exact to six decimal places: the solver's costs are
integers (priority x 10**6, divided by the priorities' greatest common divisor).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

PRIORITY_PLACES = 6
PRIORITY_SCALE = 10**PRIORITY_PLACES
MAX_PRIORITY = 1_000_000


@dataclass(frozen=True, slots=True)
class Request:
    request_id: str
    person_id: str
    usual_practitioner_id: str | None
    priority: Decimal | int | float
    earliest: Any  # a datetime (anything ordered works, e.g. integers in tests)
    latest: Any
    preferred: tuple[tuple[Any, Any], ...] = ()  # times that suit the person: (start, until), until excluded


@dataclass(frozen=True, slots=True)
class Slot:
    slot_id: str
    practitioner_id: str
    start: Any


@dataclass(frozen=True)
class Allocation:
    """Who got which slot. `slot_for` and `reasons` are keyed by request_id, in the requests' order."""

    method: str
    slot_for: dict[str, str | None]
    reasons: dict[str, str]
    served: int
    with_named_worker: int
    named_worker_priority: Decimal  # total priority of the requests served by their usual practitioner
    at_preferred_time: int = 0  # requests served at a time the person said suits them

    def objective(self) -> tuple[int, Decimal, int]:
        """The three objectives, compared in this order."""
        return (self.served, self.named_worker_priority, self.at_preferred_time)


def scaled_priority(priority: Decimal | int | float | str) -> int:
    """The priority times 10**6 as an exact integer. ValueError when not a finite number in [0, 1,000,000] with
    at most six decimal places."""
    try:
        value = priority if isinstance(priority, Decimal) else Decimal(str(priority).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(f"priority {priority!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"priority {priority!r} is not a number")
    if value < 0:
        raise ValueError(f"priority {priority} is negative; it must be 0 or more")
    if value > MAX_PRIORITY:
        raise ValueError(f"priority {priority} is above {MAX_PRIORITY:,}")
    scaled = value * PRIORITY_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"priority {priority} has more than {PRIORITY_PLACES} decimal places")
    return int(scaled)


class _Week:
    """The slots in time order, each request's window as a run of them, and the same per practitioner."""

    def __init__(self, requests: Sequence[Request], slots: Sequence[Slot]):
        _unique("request_id", [r.request_id for r in requests])
        _unique("slot_id", [s.slot_id for s in slots])
        for r in requests:
            if r.latest < r.earliest:
                raise ValueError(f"request {r.request_id}: latest is before earliest")
        self.requests = list(requests)
        order = sorted(range(len(slots)), key=lambda j: slots[j].start)  # stable: equal starts in input order
        self.slots = [slots[j] for j in order]
        self.starts = [s.start for s in self.slots]
        self.practitioners: dict[str, int] = {}
        positions: list[list[int]] = []
        for g, s in enumerate(self.slots):
            p = self.practitioners.setdefault(s.practitioner_id, len(positions))
            if p == len(positions):
                positions.append([])
            positions[p].append(g)
        self.positions = [np.asarray(pos, dtype=np.int64) for pos in positions]  # global positions, in time order
        prac_starts = [[self.starts[g] for g in pos] for pos in positions]
        n = len(self.requests)
        self.lo = np.zeros(n, dtype=np.int64)
        self.hi = np.zeros(n, dtype=np.int64)
        self.usual = np.full(n, -1, dtype=np.int64)  # index of the usual practitioner among those with slots
        self.ulo = np.zeros(n, dtype=np.int64)
        self.uhi = np.zeros(n, dtype=np.int64)
        self.bonus = np.zeros(n, dtype=np.int64)
        for i, r in enumerate(self.requests):
            self.bonus[i] = scaled_priority(r.priority)
            self.lo[i] = bisect_left(self.starts, r.earliest)
            self.hi[i] = bisect_right(self.starts, r.latest)
            usual = self.practitioners.get(r.usual_practitioner_id) if r.usual_practitioner_id else None
            if usual is not None:
                self.usual[i] = usual
                self.ulo[i] = bisect_left(prac_starts[usual], r.earliest)
                self.uhi[i] = bisect_right(prac_starts[usual], r.latest)
        self.prac_of = np.asarray([self.practitioners[s.practitioner_id] for s in self.slots], dtype=np.int64)
        self.fitting = self._fitting_runs()

    def _fitting_runs(self) -> list[list[tuple[int, int]]]:
        """For each request, the runs [lo, hi) of slot positions inside its window at a preferred time."""
        runs: list[list[tuple[int, int]]] = []
        for i, r in enumerate(self.requests):
            own: list[tuple[int, int]] = []
            for start, until in r.preferred:
                if until < start:
                    raise ValueError(f"request {r.request_id}: a preferred time ends before it starts")
                lo = max(int(self.lo[i]), bisect_left(self.starts, start))
                hi = min(int(self.hi[i]), bisect_left(self.starts, until))
                if lo < hi:
                    own.append((lo, hi))
            runs.append(_merged(own))
        return runs

    def at_preferred_time(self, i: int, g: int) -> bool:
        return any(lo <= g < hi for lo, hi in self.fitting[i])

    def candidate_edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (request, slot position) pair with the slot in the window: the plain bipartite graph."""
        counts = self.hi - self.lo
        rows = np.repeat(np.arange(len(self.requests), dtype=np.int64), counts)
        starts = np.repeat(self.lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        return rows, starts + np.arange(rows.size, dtype=np.int64)

    def edge_bonus(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The scaled priority earned by each edge: the request's priority when the slot is its usual worker's."""
        return np.where(self.prac_of[cols] == self.usual[rows], self.bonus[rows], 0)

    def finish(self, method: str, chosen: Sequence[int] | np.ndarray) -> Allocation:
        """An Allocation from the chosen slot position of each request (-1 when unserved), with its reasons."""
        slot_pos = np.asarray(chosen, dtype=np.int64)
        served = slot_pos >= 0
        used = np.zeros(len(self.slots), dtype=bool)
        used[slot_pos[served]] = True
        if used.sum() != served.sum():
            raise AssertionError("a slot was given to two requests")
        named = np.zeros(len(self.requests), dtype=bool)
        named[served] = self.prac_of[slot_pos[served]] == self.usual[served]
        if np.any(served & ((slot_pos < self.lo) | (slot_pos >= self.hi))):
            raise AssertionError("a request was given a slot outside its window")
        reasons = self._reasons(slot_pos, used)
        return Allocation(
            method=method,
            slot_for={
                r.request_id: (self.slots[g].slot_id if g >= 0 else None)
                for r, g in zip(self.requests, slot_pos.tolist(), strict=True)
            },
            reasons=reasons,
            served=int(served.sum()),
            with_named_worker=int(named.sum()),
            named_worker_priority=Decimal(int(self.bonus[named].sum())) / PRIORITY_SCALE,
            at_preferred_time=sum(self.at_preferred_time(i, g) for i, g in enumerate(slot_pos.tolist()) if g >= 0),
        )

    def _reasons(self, slot_pos: np.ndarray, used: np.ndarray) -> dict[str, str]:
        used_before = np.concatenate(([0], np.cumsum(used))).tolist()  # used slots among the first k positions
        prac_used_before = [np.concatenate(([0], np.cumsum(used[pos]))).tolist() for pos in self.positions]
        return {
            r.request_id: self._reason(i, int(slot_pos[i]), used_before, prac_used_before)
            for i, r in enumerate(self.requests)
        }

    def _reason(self, i: int, g: int, used_before: list[int], prac_used_before: list[list[int]]) -> str:
        r = self.requests[i]
        window = f"between {when(r.earliest)} and {when(r.latest)}"
        if g < 0:
            lo, hi = int(self.lo[i]), int(self.hi[i])
            free = (hi - lo) - (used_before[hi] - used_before[lo])
            if hi == lo:
                return f"not served: no slot {window}"
            if free:
                return f"not served, although {_count(free, 'slot')} {window} stayed free"
            if hi - lo == 1:
                return f"not served: the only slot {window} went to another request"
            return f"not served: all {hi - lo} slots {window} went to other requests"
        slot = self.slots[g]
        booked = f"{slot.practitioner_id}, {when(slot.start)}"
        p, usual = int(self.usual[i]), r.usual_practitioner_id
        if p >= 0 and self.prac_of[g] == p:
            return f"with their named worker, {booked}"
        if not usual:
            return f"with {booked}: no named worker recorded"
        if p < 0 or self.uhi[i] == self.ulo[i]:
            return f"with {booked}: their named worker, {usual}, has no slot {window}"
        ulo, uhi = int(self.ulo[i]), int(self.uhi[i])
        free = (uhi - ulo) - (prac_used_before[p][uhi] - prac_used_before[p][ulo])
        if free:
            if self.bonus[i] == 0:
                return f"with {booked}: continuity priority 0, so no slot with their named worker, {usual}, was kept"
            return f"with {booked}, although their named worker, {usual}, had {_count(free, 'free slot')} {window}"
        if uhi - ulo == 1:
            return f"with {booked}: the only slot of their named worker, {usual}, {window} went to another request"
        return f"with {booked}: all {uhi - ulo} slots of their named worker, {usual}, {window} went to other requests"


def allocate(requests: Sequence[Request], slots: Sequence[Slot]) -> Allocation:
    """The exact allocation: most requests served, then most named-worker priority (see the module's docstring)."""
    from ortools.graph.python import min_cost_flow

    week = _Week(requests, slots)
    if not week.requests or not week.slots:
        return week.finish("exact", np.full(len(week.requests), -1, dtype=np.int64))
    network = _Network(week)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(network.tails, network.heads, network.capacities, network.costs)
    solver.set_node_supply(network.source, len(week.requests))
    solver.set_node_supply(network.sink, -len(week.requests))
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"the min-cost flow solver stopped with status {status}")
    flows = solver.flows(np.arange(solver.num_arcs(), dtype=np.int64))
    return week.finish("exact", network.slot_positions(flows))


class _Network:
    """The flow network with segment trees (see the module's docstring), as arc arrays in a fixed order."""

    source, sink = 0, 1

    def __init__(self, week: _Week):
        n_req, n_slot = len(week.requests), len(week.slots)
        self.n_req = n_req
        # Segment trees in one flat index space: tree t's node k (1 <= k < 2 n_t) is flat index off_t + k; leaf
        # k >= n_t is the slot at position pos_t[k - n_t]. Tree 0 covers every slot; tree 1 + p practitioner p's.
        trees = [np.arange(n_slot, dtype=np.int64), *week.positions]
        sizes = np.asarray([len(t) for t in trees], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(2 * sizes)[:-1]))
        flat_size = int(2 * sizes.sum())
        self.leaf_slot = np.full(flat_size, -1, dtype=np.int64)
        self.tree_off = np.zeros(flat_size, dtype=np.int64)
        for off, n, pos in zip(offsets.tolist(), sizes.tolist(), trees, strict=True):
            self.leaf_slot[off + n : off + 2 * n] = pos
            self.tree_off[off : off + 2 * n] = off

        # Nodes: 0 source, 1 sink, 2.. requests, then slots, then the trees' inner nodes by flat index.
        first_slot = 2 + n_req
        first_inner = first_slot + n_slot

        def node(flat: np.ndarray) -> np.ndarray:
            leaf = self.leaf_slot[flat]
            return np.where(leaf >= 0, first_slot + leaf, first_inner + flat)

        tails: list[np.ndarray] = []
        heads: list[np.ndarray] = []
        caps: list[np.ndarray] = []
        costs: list[np.ndarray] = []

        def arcs(tail: ArrayLike, head: ArrayLike, cap: ArrayLike, cost: ArrayLike) -> None:
            tails.append(np.asarray(tail, dtype=np.int64))
            heads.append(np.asarray(head, dtype=np.int64))
            caps.append(np.broadcast_to(np.asarray(cap, dtype=np.int64), tails[-1].shape))
            costs.append(np.broadcast_to(np.asarray(cost, dtype=np.int64), tails[-1].shape))

        arcs(np.zeros(n_req), 2 + np.arange(n_req), 1, 0)  # source to each request
        arcs(first_slot + np.arange(n_slot), np.ones(n_slot), 1, 0)  # each slot to the sink
        child_flat: list[np.ndarray] = []
        for off, n in zip(offsets.tolist(), sizes.tolist(), strict=True):
            k = np.arange(2, 2 * n, dtype=np.int64)
            child_flat.append(off + k)
            arcs(first_inner + off + (k >> 1), node(off + k), n_req, 0)  # down each tree
        self.child_flat = np.concatenate(child_flat)
        self.first_request_arc = sum(t.size for t in tails)
        # Each request to the nodes covering its window among all slots (no gain) ...
        who, flat = _cover(week.lo, week.hi, np.full(n_req, n_slot), np.zeros(n_req, dtype=np.int64))
        # ... and to those covering it among its usual practitioner's slots (gain: its priority).
        keen = np.flatnonzero((week.usual >= 0) & (week.bonus > 0) & (week.uhi > week.ulo))
        t = 1 + week.usual[keen]
        who_u, flat_u = _cover(week.ulo[keen], week.uhi[keen], sizes[t], offsets[t])
        who_u = keen[who_u]
        # Costs in units of the priorities' greatest common divisor: the same optimum, and a cost-scaling solver
        # needs fewer rounds for smaller costs (half the time for priorities in steps of 0.5).
        self.cost_unit = int(np.gcd.reduce(week.bonus[who_u])) if who_u.size else 1
        gain = np.concatenate((np.zeros(who.size, dtype=np.int64), week.bonus[who_u] // self.cost_unit))
        request_of_arc, flat_of_arc = [who, who_u], [flat, flat_u]
        # ... and, for a request with preferred times, to the nodes covering each run of them (gain: 1 more).
        fit_who, fit_lo, fit_hi = _runs(week.fitting)
        scale = n_req + 1
        if fit_who.size and int(gain.max(initial=0)) * scale * n_req < _COST_LIMIT:
            gain = gain * scale
            who_f, flat_f = _cover(fit_lo, fit_hi, np.full(fit_who.size, n_slot), np.zeros(fit_who.size, np.int64))
            request_of_arc.append(fit_who[who_f])
            flat_of_arc.append(flat_f)
            gain = np.concatenate((gain, np.ones(who_f.size, dtype=np.int64)))
            mine = (week.usual[fit_who] >= 0) & (week.bonus[fit_who] > 0)
            fit_who, fit_lo, fit_hi = fit_who[mine], fit_lo[mine], fit_hi[mine]
            p = week.usual[fit_who]
            ulo, uhi = _within(week, p, fit_lo, fit_hi)
            t = 1 + p
            who_uf, flat_uf = _cover(ulo, uhi, sizes[t], offsets[t])
            request_of_arc.append(fit_who[who_uf])
            flat_of_arc.append(flat_uf)
            extra = week.bonus[fit_who[who_uf]] // self.cost_unit * scale + 1
            gain = np.concatenate((gain, extra))
        self.request_of_arc = np.concatenate(request_of_arc)
        self.flat_of_arc = np.concatenate(flat_of_arc)
        arcs(2 + self.request_of_arc, node(self.flat_of_arc), 1, -gain)
        self.tails = np.concatenate(tails)
        self.heads = np.concatenate(heads)
        self.capacities = np.ascontiguousarray(np.concatenate(caps))
        self.costs = np.ascontiguousarray(np.concatenate(costs))
        self.n_nodes = int(first_inner + flat_size)

    def slot_positions(self, flows: np.ndarray) -> np.ndarray:
        """Each request's slot position (-1 if unserved) from an integral flow. Tree arcs only point down and flow
        is conserved at every inner node, so from any node with flow left, a branch with flow left leads on
        to a slot, and every slot below a node covering part of a request's window is in that window."""
        remaining = np.zeros(self.leaf_slot.size, dtype=np.int64)
        remaining[self.child_flat] = flows[self.first_request_arc - self.child_flat.size : self.first_request_arc]
        used = np.flatnonzero(flows[self.first_request_arc :] > 0)
        rem, leaf, toff = remaining.tolist(), self.leaf_slot.tolist(), self.tree_off.tolist()
        slot_pos = np.full(self.n_req, -1, dtype=np.int64)
        for i, f in zip(self.request_of_arc[used].tolist(), self.flat_of_arc[used].tolist(), strict=True):
            while leaf[f] < 0:
                c = f + (f - toff[f])  # the left child: off + 2k where f = off + k
                if rem[c] <= 0:
                    c += 1
                rem[c] -= 1
                f = c
            slot_pos[i] = leaf[f]
        return slot_pos


def greedy(requests: Sequence[Request], slots: Sequence[Slot]) -> Allocation:
    """First-available booking, the baseline: requests in order of the end of their window (then its start, then
    input order), each taking the earliest free slot in its window (equal starts: the first in the slots' input
    order), whoever the practitioner."""
    week = _Week(requests, slots)
    n_slot = len(week.slots)
    next_free = list(range(n_slot + 1))  # union-find: the first free position at or after each position

    def find(g: int) -> int:
        root = g
        while next_free[root] != root:
            root = next_free[root]
        while next_free[g] != root:
            next_free[g], g = root, next_free[g]
        return root

    slot_pos = [-1] * len(week.requests)
    order = sorted(range(len(week.requests)), key=lambda i: (week.requests[i].latest, week.requests[i].earliest))
    for i in order:
        g = find(int(week.lo[i]))
        if g < week.hi[i]:
            slot_pos[i] = g
            next_free[g] = g + 1
    return week.finish("greedy", slot_pos)


# The solver's costs are 64-bit: past this, preferred times are left out rather than risk an overflow (only with
# priorities in the hundreds of thousands, far beyond any the service sets).
_COST_LIMIT = 2**62


def _merged(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching runs joined, in order."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(runs):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _runs(fitting: list[list[tuple[int, int]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The runs as arrays: (request index, lo, hi)."""
    flat = [(i, lo, hi) for i, own in enumerate(fitting) for lo, hi in own]
    if not flat:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    who, lo, hi = (np.asarray(column, dtype=np.int64) for column in zip(*flat, strict=True))
    return who, lo, hi


def _within(week: _Week, prac: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Runs of global slot positions as runs of each practitioner's own slots."""
    ulo = np.asarray([np.searchsorted(week.positions[p], g) for p, g in zip(prac.tolist(), lo.tolist(), strict=True)])
    uhi = np.asarray([np.searchsorted(week.positions[p], g) for p, g in zip(prac.tolist(), hi.tolist(), strict=True)])
    return ulo.astype(np.int64).reshape(-1), uhi.astype(np.int64).reshape(-1)


def _cover(lo: np.ndarray, hi: np.ndarray, n: np.ndarray, off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The nodes of bottom-up segment trees (n leaves each, at n..2n-1) that exactly cover leaves [lo, hi), for
    many queries at once: (query index, flat node index off + k) pairs."""
    left, right = lo + n, hi + n
    index = np.arange(lo.size, dtype=np.int64)
    who, nodes = [], []
    active = left < right
    while active.any():
        take = active & (left & 1 == 1)
        who.append(index[take])
        nodes.append(off[take] + left[take])
        left = left + take
        take = active & (right & 1 == 1)
        right = right - take
        who.append(index[take])
        nodes.append(off[take] + right[take])
        left, right = left >> 1, right >> 1
        active = left < right
    if not who:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(who), np.concatenate(nodes)


def _unique(name: str, ids: list[str]) -> None:
    seen = set()
    for value in ids:
        if value in seen:
            raise ValueError(f"{name} {value} appears twice")
        seen.add(value)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def when(moment: Any) -> str:
    """A time as people read it, e.g. 'Mon 2 Mar 09:00' (anything else as str)."""
    if isinstance(moment, datetime):
        return f"{moment:%a} {moment.day} {moment:%b %H:%M}"
    return str(moment)
