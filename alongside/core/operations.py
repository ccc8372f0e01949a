"""For whoever runs the service: /healthz, /readyz and /metrics (docs/adr/0048).

- /healthz: the process is alive and answers. It reads nothing, not even the database, so a load balancer or
  systemd does not restart a healthy process because the database is away.
- /readyz: ready for requests: the database answers, every migration is applied, and a background worker said it
  is alive within WORKER_STALE_SECONDS. 200 when ready, otherwise 503 with the check that failed.
- /metrics: Prometheus's figures (core/metrics.py), only for a scrape that sends ALONGSIDE_METRICS_TOKEN.

None of them says anything about any person, and none is ever kept by a browser or a proxy. Each answers GET and
HEAD (some load balancers' checks send HEAD); anything else is a 405. `/health/` stays as it was (the demo and the
tests use it).
"""

import hmac
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST

from . import heartbeat, readiness
from . import metrics as figures
from .access import PUBLIC, access
from .sign_in_limits import address, security_log, worth_noting

NO_STORE = {"Cache-Control": "no-store"}


@access(PUBLIC)
@require_safe
def healthz(request):
    return JsonResponse({"status": "alive"}, headers=NO_STORE)


@access(PUBLIC)
@require_safe
def readyz(request):
    checks = {"database": database_state()}
    reachable = checks["database"] == "ok"
    checks["migrations"] = MIGRATIONS.state() if reachable else "unknown"
    checks["worker"] = worker_state() if reachable else "unknown"
    if readiness.is_ready(checks):
        return JsonResponse({"status": "ready", "checks": checks}, headers=NO_STORE)
    not_ready = JsonResponse({"status": "not ready", "checks": checks}, status=503, headers=NO_STORE)
    # The access log has it, and a probe may ask every few seconds: Django need not log a server error each time
    # (django.utils.log.log_response skips a response marked so).
    not_ready._has_been_logged = True
    return not_ready


@access(PUBLIC)
@require_safe
def metrics(request):
    """404 unless a token is set (so the page is not there at all); 401 without that token."""
    if not settings.METRICS_TOKEN:
        raise Http404("No metrics token is set.")
    if not bearer_matches(request.headers.get("Authorization", ""), settings.METRICS_TOKEN):
        if worth_noting(request, "metrics"):  # the first few from an address in a minute (sign_in_limits)
            security_log.warning("Metrics refused to %s: no token, or the wrong one", address(request))
        refused = HttpResponse("A bearer token is needed.\n", status=401, content_type="text/plain", headers=NO_STORE)
        refused["WWW-Authenticate"] = 'Bearer realm="metrics"'
        refused._has_been_logged = True  # said above (or deliberately not): Django need not log each 401 as well
        return refused
    return HttpResponse(figures.scrape(), content_type=CONTENT_TYPE_LATEST, headers=NO_STORE)


def bearer_matches(header: str, token: str) -> bool:
    scheme, _, sent = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(sent.strip().encode(), token.encode())


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("select 1")
    except DatabaseError:
        return "unreachable"
    return "ok"


def worker_state() -> str:
    """recent, stale or none: when a background worker last said it was alive (core/heartbeat.py)."""
    try:
        latest = heartbeat.latest_beat()
    except DatabaseError:
        return "unknown"
    return readiness.worker_state(latest, timezone.now(), settings.WORKER_STALE_SECONDS)


def unapplied_migrations() -> int:
    """How many migrations the code has that the database has not applied (the app's role may read the list)."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class MigrationsCheck:
    """Loading the migration graph takes a few hundred milliseconds: once every migration is applied the answer
    is kept for the life of the process (the code cannot change under it); while some are pending, it is asked
    again at most every RECHECK_SECONDS."""

    RECHECK_SECONDS = 30.0

    def __init__(self, unapplied: Callable[[], int] = unapplied_migrations):
        self.unapplied = unapplied
        self.lock = threading.Lock()
        self.found: str | None = None
        self.found_at = 0.0

    def state(self) -> str:
        with self.lock:
            if self.found == "applied":
                return self.found
            if self.found is None or time.monotonic() - self.found_at >= self.RECHECK_SECONDS:
                try:
                    self.found = "pending" if self.unapplied() else "applied"
                except DatabaseError:
                    return "unknown"  # asked again next time
                self.found_at = time.monotonic()
            return self.found


MIGRATIONS = MigrationsCheck()
