"""What weighing the times that suit people costs the exact booking plan.

    .venv/bin/python -m bench.booking_preferences [--share 0.3] [--repeat 5] [--seed 2026]

The federation week of `bench.continuity_allocation` (50 clinicians, 5,000 slots, 4,500 requests), planned by
`booking.allocate` as it is (the baseline: nobody has said which times suit them) and again with a share of the
people having said so (weekday mornings; Mondays, Wednesdays and Fridays; or Tuesday and Thursday afternoons).
The first two objectives must come out the same: preferred times only break ties.
"""

import argparse
import dataclasses
import functools
import random

from alongside.continuity import visit_times
from alongside.core.allocation import allocate

from .continuity_allocation import MONDAY, SCALES, synthetic_week
from .timing import median_seconds

CHOICES = [
    visit_times.Preferred(days=frozenset(range(5)), parts=frozenset({"morning"})),
    visit_times.Preferred(days=frozenset({0, 2, 4})),
    visit_times.Preferred(days=frozenset({1, 3}), parts=frozenset({"afternoon"})),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--share", type=float, default=0.3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    size = SCALES["federation"]
    requests, slots = synthetic_week(size["clinicians"], size["slots"], size["requests"], args.seed)
    rng = random.Random(args.seed)
    suited = [
        dataclasses.replace(r, preferred=visit_times.ranges(rng.choice(CHOICES), MONDAY.date()))
        if rng.random() < args.share
        else r
        for r in requests
    ]
    stated = sum(1 for r in suited if r.preferred)
    print("| plan | median s | served | named-worker priority | at a time that suits |")
    print("| --- | --- | --- | --- | --- |")
    results = {}
    for name, week in [("nobody said (baseline)", requests), (f"{stated} people said", suited)]:
        median, allocation = median_seconds(functools.partial(allocate, week, slots), args.repeat)
        results[name] = allocation.objective()[:2]
        served, priority, fitting = allocation.objective()
        print(f"| {name} | {median:.3f} | {served} | {priority} | {fitting} |")
    if len(set(results.values())) != 1:
        raise SystemExit("preferred times changed the first two objectives")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
