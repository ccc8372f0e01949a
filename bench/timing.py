"""The benchmarks' timing loops, in one place: calls timed with their database queries counted, requests timed
through Django's test client, and repeated runs of a plan; with the median and 95th percentile as each reports it.
"""

import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Calls:
    """What `timed_calls` measured: each call's time (ms), its database queries, and what it returned."""

    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    results: list = field(default_factory=list)


def timed_calls(function, calls: list[tuple]) -> Calls:
    """Call `function(*arguments)` for each of `calls` in turn, timing each and counting its queries."""
    from django.db import connection

    counted = [0]

    def count(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    out = Calls()
    for arguments in calls:
        counted[0] = 0
        with connection.execute_wrapper(count):
            start = time.perf_counter()
            out.results.append(function(*arguments))
            out.times.append((time.perf_counter() - start) * 1000)
        out.queries.append(counted[0])
    return out


def timed(function, argument, repeat: int):
    """`function(argument)` run `repeat` times: the median and 95th percentile ms, and the queries and result of the
    last run."""
    calls = timed_calls(function, [(argument,)] * repeat)
    median, p95 = median_and_p95(calls.times)
    return median, p95, calls.queries[-1], calls.results[-1]


def median_and_p95(times: list[float]) -> tuple[float, float]:
    """The median, and the 95th percentile as the function benchmarks take it (the value at 95% of the count)."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def timed_requests(client, urls: list[str]) -> tuple[list[float], list[int]]:
    """GET each url (after five to warm up), timed in ms; then again, counting each one's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls[:5]:  # warm up: caches, the connection, compiled templates
        client.get(url)
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    return times, counts


def summary(times: list[float]) -> tuple[float, float]:
    """The median, and the 95th percentile as the page benchmarks take it (the nearest rank, interpolated)."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median_seconds(function, repeat: int, once_above: float | None = None):
    """The median seconds of `repeat` runs of `function()`, and the last run's result; with `once_above`, one run only
    when the first takes longer than that."""
    times, result = [], None
    while len(times) < repeat and not (once_above is not None and times and times[0] > once_above):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result
