"""`alongside worker`: run background tasks (messages, and the scheduled tasks each app contributes, such as the
daily triage summary and the nightly refresh of continuity priorities) until stopped.

It first makes sure each app's scheduled tasks are in the queue, then hands over to django-tasks-db's `db_worker`.
"""

import os
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from alongside.core import registry


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

    def handle(self, *args, **options):
        if options["stop_with_parent"]:
            stop_when_parent_ends()
        for task in registry.tasks():
            task.schedule(timezone.now())
        call_command(
            "db_worker",
            batch=options["batch"],
            interval=options["interval"],
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
        )


def stop_when_parent_ends() -> None:
    """Ask this worker to stop, as Ctrl-C would, once its parent has gone (say, its terminal was closed)."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="stop-with-parent", daemon=True).start()
