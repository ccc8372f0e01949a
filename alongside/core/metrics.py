"""Request and queue figures for Prometheus, read at /metrics (core/operations.py; docs/adr/0048).

- `MetricsMiddleware` counts every request and times it, by method, route and status. The route is the URL
  pattern the request matched (`people/<int:pk>/`) or "unmatched", never the address: no person's id, name or
  link token reaches a label, and the number of series stays as small as the number of pages.
- `QueueCollector` runs when Prometheus scrapes: three queries for the background tasks, the worker's heartbeat
  and the messages not yet sent, read from the database at that moment.

The metric objects are made on first use, not at import: prometheus-client decides where a value lives (in
memory, or in a file under PROMETHEUS_MULTIPROC_DIR when the server runs several processes) when it is made.
"""

import os
import threading
import time
from datetime import timedelta

from django.db import DatabaseError
from django.db.models import Case, Count, F, Min, Q, When
from django.db.models.functions import Greatest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from . import heartbeat, logs
from .models import Message

# From a quick page to the slowest export; a request slower than 10 s is in the +Inf bucket.
DURATION_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class RequestMetrics:
    def __init__(self, registry: CollectorRegistry | None = REGISTRY):
        self.requests = Counter(
            "alongside_http_requests",
            "Requests answered, by method, route and status.",
            ["method", "route", "status"],
            registry=registry,
        )
        self.duration = Histogram(
            "alongside_http_request_duration_seconds",
            "Time to answer a request, by route.",
            ["route"],
            buckets=DURATION_BUCKETS,
            registry=registry,
        )

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.duration.labels(route).observe(seconds)


_request_metrics: RequestMetrics | None = None
_making_request_metrics = threading.Lock()


def request_metrics() -> RequestMetrics:
    """The process's one set of request metrics, made the first time a request is answered.

    Made under a lock: two first requests at once in a threaded server would otherwise both make them, and the second
    would fail ("Duplicated timeseries") after its page was made (review 21, finding 7).
    """
    global _request_metrics
    made = _request_metrics
    if made is None:
        with _making_request_metrics:
            if _request_metrics is None:
                _request_metrics = RequestMetrics()
            made = _request_metrics
    return made


class MetricsMiddleware:
    """Count and time every request by its route (placed just inside RequestIdMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_metrics().observe(
            logs.method_of(request), logs.route_of(request), response.status_code, time.perf_counter() - started
        )
        return response


class QueueCollector(Collector):
    """The background work as it stands at the scrape: three queries, nothing about any person."""

    def describe(self):
        return []  # nothing is read when the collector is registered, only when it is scraped

    def collect(self):
        up = GaugeMetricFamily("alongside_database_up", "1 if the database answered the scrape's queries, else 0.")
        try:
            families = list(queue_families())
        except DatabaseError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families


def queue_families():
    now = timezone.now()
    tasks = task_figures(now)
    waiting = GaugeMetricFamily("alongside_tasks_waiting", "Background tasks due to run and not yet started.")
    waiting.add_metric([], tasks["waiting"])
    yield waiting
    running = GaugeMetricFamily("alongside_tasks_running", "Background tasks a worker has started.")
    running.add_metric([], tasks["running"])
    yield running
    failed = GaugeMetricFamily("alongside_tasks_failed_last_hour", "Background tasks that failed in the last hour.")
    failed.add_metric([], tasks["failed"])
    yield failed
    oldest = GaugeMetricFamily(
        "alongside_tasks_oldest_waiting_seconds", "How long the task waiting longest has been due (0 if none)."
    )
    oldest.add_metric([], (now - tasks["oldest"]).total_seconds() if tasks["oldest"] else 0.0)
    yield oldest
    beat = heartbeat.latest_beat()
    if beat is not None:  # no sample at all while no worker has ever said it is alive (or every one stopped)
        age = GaugeMetricFamily(
            "alongside_worker_heartbeat_age_seconds", "How long ago a background worker last said it was alive."
        )
        age.add_metric([], max(0.0, (now - beat).total_seconds()))
        yield age
    messages = GaugeMetricFamily(
        "alongside_messages", "Emails and text messages not yet sent, by state.", labels=["state"]
    )
    for state, count in unsent_messages().items():
        messages.add_metric([state], count)
    yield messages


def task_figures(now) -> dict:
    """One query: the due tasks, those running, those failed in the last hour, and when the oldest due one fell due."""
    never = get_date_max()  # django-tasks-db's run_after for a task that may run at once
    due = Q(status=TaskResultStatus.READY) & (Q(run_after=never) | Q(run_after__lte=now))
    fell_due = Case(When(run_after=never, then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after"))
    return DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED]
    ).aggregate(
        waiting=Count("pk", filter=due),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - timedelta(hours=1))),
        oldest=Min(fell_due, filter=due),
    )


def unsent_messages() -> dict[str, int]:
    """One query: how many messages are in each state but sent (every such state named, 0 when none)."""
    counts = dict(
        Message.objects.exclude(state=Message.State.SENT)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in Message.State.values if state != Message.State.SENT}


def scrape() -> bytes:
    """The text Prometheus reads: every process's request figures, and the queue as it stands now."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)  # the server's processes each write their own files
    else:
        registry.register(REGISTRY)  # this one process (with its CPU, memory and garbage collector figures)
    registry.register(QueueCollector())
    return generate_latest(registry)
