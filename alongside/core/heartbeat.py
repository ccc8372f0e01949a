"""A running `alongside worker` says it is alive: one `WorkerHeartbeat` row, written again every few seconds.

`Heartbeat(worker_id).start()` runs a daemon thread that writes the row every WORKER_HEARTBEAT_SECONDS and, on the
same beat, takes back tasks whose worker has gone silent and queues again a message left with no delivery
(core/task_recovery.py). The thread has its own database
connection (Django's are per thread) and lives through a database outage: it logs one line and tries again on the
next beat. `latest_beat()` is what /readyz and the metrics read. docs/adr/0049 says why.
"""

import logging
import os
import socket
import threading
import uuid
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, InterfaceError, close_old_connections, connections
from django.db.models import Max
from django.utils import timezone

from . import task_recovery
from .models import WorkerHeartbeat
from .outage import DATABASE_UNAVAILABLE

logger = logging.getLogger("alongside.worker")


def new_worker_id() -> str:
    """Unique across every worker and start: host, process id and a random tail, within the 64 characters allowed."""
    tail = f"-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    return socket.gethostname()[: 64 - len(tail)] + tail


def latest_beat() -> datetime | None:
    """When any worker last said it was alive, or None if none has (or every one stopped cleanly)."""
    return WorkerHeartbeat.objects.aggregate(latest=Max("beat_at"))["latest"]


def beat(worker_id: str, started_at: datetime, task_id: str = "") -> None:
    """Write this worker's row (one statement: insert, or update the row it wrote before)."""
    row = WorkerHeartbeat(
        worker_id=worker_id,
        host=socket.gethostname()[:255],
        pid=os.getpid(),
        started_at=started_at,
        beat_at=timezone.now(),
        task_id=task_id,
    )
    WorkerHeartbeat.objects.bulk_create(
        [row], update_conflicts=True, unique_fields=["worker_id"], update_fields=["host", "pid", "beat_at", "task_id"]
    )


class Heartbeat:
    """The thread that keeps a worker's row fresh and takes back other workers' abandoned tasks."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.task_id = ""  # set while a task runs (the worker command connects Django's task signals)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop beating and delete the row, so /readyz does not count a worker that stopped cleanly."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DATABASE_UNAVAILABLE as error:
            logger.warning("Could not remove this worker's heartbeat (%s); it goes stale by itself.", one_line(error))

    def beat_once(self) -> bool:
        """One beat: write the row, then take back abandoned tasks. A database outage is logged, never raised."""
        try:
            beat(self.worker_id, self.started_at, self.task_id)
            task_recovery.take_back_abandoned()
            task_recovery.requeue_stranded_messages()
        except (DatabaseError, InterfaceError) as error:  # the thread must outlive any database trouble
            logger.warning("Heartbeat: the database did not answer (%s); trying again shortly.", one_line(error))
            return False
        except Exception:  # noqa: BLE001 (a worker that stops beating has its live tasks taken by others)
            logger.exception("Heartbeat: a beat went wrong; beating again shortly.")
            return False
        return True

    def _run(self) -> None:
        try:
            while True:
                close_old_connections()  # one that died with the database is replaced on this beat
                if not self.beat_once():
                    connections["default"].close()
                if self._stopping.wait(settings.WORKER_HEARTBEAT_SECONDS):
                    return
        finally:
            connections.close_all()  # this thread's connections only


def one_line(error: BaseException) -> str:
    return " ".join(f"{type(error).__name__}: {error}".split())[:200]
