"""`alongside serve`: migrate (as the owner of the tables), then serve the app with a background worker beside it.

Ctrl-C (or a stop signal) stops the server, the worker and the embedded database, in that order.
"""

import os
import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from alongside.core import database

RESTART_DELAY = 5  # seconds before a worker that stopped by itself is started again
MOST_RESTARTS = 5


class Command(BaseCommand):
    help = "Serve Alongside at http://127.0.0.1:PORT with its background worker (Ctrl-C stops both and the database)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-worker", action="store_true", help="Serve without the background worker.")

    def handle(self, *args, **options):
        if settings.DATABASE_OWNER is None:  # production without the owner's URL: migrations run elsewhere
            self.stdout.write("Not migrating: DATABASE_OWNER_URL is unset, so migrations are run by the release step.")
        else:
            call_command("migrate", interactive=False, verbosity=0)
        signal.signal(signal.SIGTERM, stop_as_ctrl_c_would)
        worker = None if options["no_worker"] else BackgroundWorker(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Alongside is at http://{options['host']}:{options['port']}/ (Ctrl-C to stop)")
        )
        try:
            if worker:
                worker.start()
            call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False, skip_checks=True)
        except KeyboardInterrupt:
            pass
        finally:
            if worker:
                worker.stop()
            if not os.environ.get("DATABASE_URL"):
                from django.db import connections

                connections.close_all()
                if database.stop_embedded(settings.BASE_DIR):
                    self.stdout.write("Stopped the embedded database.")


def stop_as_ctrl_c_would(signum, frame):
    raise KeyboardInterrupt


class BackgroundWorker:
    """`alongside worker` as a child process: started again if it stops by itself, stopped when serve stops.

    It runs in its own session, so Ctrl-C reaches only serve, which then asks the worker to stop once (a
    second signal would cut short the task it is running). If serve dies without stopping it, the worker
    notices and stops itself (--stop-with-parent).
    """

    def __init__(self, stdout):
        self.stdout = stdout
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = self.spawn()
        self.stdout.write(f"The background worker is running (process {self.process.pid}): messages and summaries.")
        threading.Thread(target=self.watch, name="worker-watch", daemon=True).start()

    def spawn(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "alongside.cli", "worker", "--stop-with-parent"]
        return subprocess.Popen(command, start_new_session=True)  # noqa: S603 (our own interpreter and module)

    def watch(self) -> None:
        """Start the worker again if it stops while the server is running; a crash never stops the server."""
        restarts = 0
        while True:
            code = self.process.wait()
            if self.stopping.is_set():
                return
            if restarts == MOST_RESTARTS:
                self.stdout.write(f"The background worker stopped (exit code {code}) and is not started again.")
                return
            restarts += 1
            self.stdout.write(f"The background worker stopped (exit code {code}); starting it again shortly.")
            if self.stopping.wait(RESTART_DELAY):
                return
            with self.lock:
                if self.stopping.is_set():
                    return
                self.process = self.spawn()

    def stop(self) -> None:
        with self.lock:
            self.stopping.set()
            process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()  # the worker finishes the task it is running, then stops
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self.stdout.write("Stopped the background worker.")
