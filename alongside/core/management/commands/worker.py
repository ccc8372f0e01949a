"""`alongside worker`: run background tasks (messages, and the scheduled tasks each app contributes, such as the
daily triage summary and the nightly refresh of continuity priorities) until stopped.

It first makes sure each app's scheduled tasks are in the queue, then hands over to django-tasks-db's `db_worker`.
Beside it a heartbeat thread says the worker is alive and takes back tasks whose worker died (core/heartbeat.py).
A database outage never stops it: it waits (1, 2, 4 … 30 seconds) and starts again, putting back in the queue the
task the outage cut short (docs/adr/0049).
"""

import logging
import os
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.tasks.signals import task_finished, task_started
from django.utils import timezone

from alongside.core import registry, task_recovery
from alongside.core.heartbeat import Heartbeat, new_worker_id, one_line
from alongside.core.outage import DATABASE_UNAVAILABLE

logger = logging.getLogger("alongside.worker")

LONGEST_WAIT = 30  # seconds between tries while the database is away
CALM_AFTER = 60  # seconds: a run that lasted this long before an outage starts the waits from 1 again


class Command(BaseCommand):
    help = (
        "Run background tasks (email and text messages, the daily triage summary, the nightly continuity priority "
        "refresh) until stopped with Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run the tasks that are due now, then stop.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to wait between looks at an empty queue."
        )
        parser.add_argument(
            "--stop-with-parent",
            action="store_true",
            help="Stop when the process that started this one ends (used by `alongside serve`).",
        )
        parser.add_argument(
            "--worker-id", default="", help="This worker's name, unique among workers (default: host-pid-random)."
        )

    def handle(self, *args, **options):
        worker_id = options["worker_id"] or new_worker_id()
        if len(worker_id) > 64:
            raise CommandError("--worker-id must be 64 characters or fewer.")
        if options["stop_with_parent"]:
            stop_when_parent_ends()
        heartbeat = Heartbeat(worker_id)
        follow_tasks(heartbeat)
        heartbeat.start()
        try:
            run_until_stopped(worker_id, options, self.stdout)
        finally:
            heartbeat.stop()


def run_until_stopped(worker_id: str, options: dict, stdout) -> None:
    """Queue the scheduled tasks, then run db_worker; after a database outage, wait and do it again."""
    outages, wait = 0, 1.0
    while True:
        began = time.monotonic()
        try:
            if outages:  # the task that was running when the database went away runs again
                task_recovery.take_back_own(worker_id)
            for task in registry.tasks():  # queued once: a scheduled run that an outage failed is put back
                task.schedule(timezone.now())
            call_command(
                "db_worker",
                batch=options["batch"],
                interval=options["interval"],
                reload=False,
                startup_delay=False,
                worker_id=worker_id,
                verbosity=options["verbosity"],
                stdout=stdout,
            )
            return
        except DATABASE_UNAVAILABLE as error:
            outages += 1
            if time.monotonic() - began > CALM_AFTER:
                wait = 1.0
            message = "The database did not answer (%s); the worker tries again in %s s."
            logger.warning(message, one_line(error), f"{wait:g}")
            connections.close_all()
            time.sleep(wait)
            wait = min(wait * 2, LONGEST_WAIT)


def follow_tasks(heartbeat: Heartbeat) -> None:
    """Let the heartbeat say which task this worker is running (django's task signals, sent in this process)."""

    def started(sender, task_result, **kwargs):
        heartbeat.task_id = str(task_result.id)

    def finished(sender, task_result, **kwargs):
        heartbeat.task_id = ""

    for signal_, receiver, uid in ((task_started, started, "started"), (task_finished, finished, "finished")):
        signal_.disconnect(dispatch_uid=f"alongside-worker-{uid}")  # one worker per process: the newest one
        signal_.connect(receiver, weak=False, dispatch_uid=f"alongside-worker-{uid}")


def stop_when_parent_ends() -> None:
    """Ask this worker to stop, as Ctrl-C would, once its parent has gone (say, its terminal was closed)."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="stop-with-parent", daemon=True).start()
