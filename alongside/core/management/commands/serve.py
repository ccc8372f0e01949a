"""`alongside serve`: migrate (as the owner of the tables), collect the static files if they changed, then serve the
app with the production web server (ADR 0046) and the background worker beside it. `--dev` serves with Django's
development server instead, which reloads when the code changes.

Ctrl-C (or SIGTERM) stops the web server gracefully: the requests under way finish, for up to
ALONGSIDE_GRACEFUL_SECONDS, and a second Ctrl-C cuts them short. Then the worker stops, then the embedded database.
"""

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from alongside.core import database, static_files, web_server

RESTART_DELAY = 5  # seconds before a worker that stopped by itself is started again
MOST_RESTARTS = 5  # in a row: a worker that stops again and again is left stopped...
RAN_WELL_SECONDS = 600  # ...but one that ran this long before it stopped has its restarts counted afresh


class Command(BaseCommand):
    help = (
        "Serve Alongside at http://127.0.0.1:PORT with its background worker (Ctrl-C stops both and the database). "
        "--dev serves with Django's development server, which reloads when the code changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-worker", action="store_true", help="Serve without the background worker.")
        parser.add_argument(
            "--dev", action="store_true", help="Django's development server, reloading when the code changes."
        )
        # Internal, for the load test (bench/load.py): the development server without its reloader, so that it is
        # measured as one process, like the production server. Left out of the help.
        parser.add_argument("--noreload", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        address = f"{options['host']}:{options['port']}"
        if options["dev"] and os.environ.get("RUN_MAIN") == "true":
            # The reloader's child, started again at each change of the code: it only serves. Its parent migrated,
            # runs the worker and stops the database.
            call_command("runserver", address, use_reloader=True, skip_checks=True)
            return
        signal.signal(signal.SIGTERM, stop_as_ctrl_c_would)
        # Ctrl-C stops serve even where it was started with SIGINT ignored (as a shell starts background jobs).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        web = worker = None
        try:  # from here, a stop at any point (even while migrating or collecting) ends with the database stopped
            self.prepare(options)
            web = None if options["dev"] else WebServer(self.stdout, options["host"], options["port"])
            worker = None if options["no_worker"] else BackgroundWorker(self.stdout)
            if web:
                web.start()  # before any thread is started: see web_server.die_with_parent
            if worker:
                worker.start()
            self.stdout.write(self.style.SUCCESS(f"Alongside is at http://{address}/ (Ctrl-C to stop)"))
            if web is None:
                call_command("runserver", address, use_reloader=not options["noreload"], skip_checks=True)
            else:
                code = web.wait()
                raise CommandError(f"The web server stopped by itself (exit code {code}).")
        except KeyboardInterrupt:
            pass
        finally:
            if web:
                web.stop()
            if worker:
                worker.stop()
            if not os.environ.get("DATABASE_URL"):
                from django.db import connections

                connections.close_all()
                if database.stop_embedded(settings.BASE_DIR):
                    self.stdout.write("Stopped the embedded database.")

    def prepare(self, options) -> None:
        """Migrate (as the owner, where its URL is given), and collect the static files if they changed."""
        if settings.DATABASE_OWNER is None:  # production without the owner's URL: migrations run elsewhere
            self.stdout.write("Not migrating: DATABASE_OWNER_URL is unset, so migrations are run by the release step.")
        else:
            call_command("migrate", interactive=False, verbosity=0)
        if not (options["dev"] and settings.DEBUG):  # with DEBUG on, files are found where they are written
            self.stdout.write("Checking the static files...")
            if static_files.collect_if_changed():
                self.stdout.write("Collected the static files (they had changed).")


def stop_as_ctrl_c_would(signum, frame):
    raise KeyboardInterrupt


class WebServer:
    """The production web server (settings.WEB_SERVER) as a child process in its own session.

    Ctrl-C in a terminal reaches only serve (and make), so the server is asked to stop once, gracefully, by SIGTERM:
    a server's own answer to SIGINT may be a quick stop (gunicorn's is). If serve dies without stopping it, Linux
    sends it SIGTERM (web_server.die_with_parent).
    """

    def __init__(self, stdout, host: str, port: int):
        self.stdout = stdout
        self.host = host
        self.port = port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = web_server.command(
            settings.WEB_SERVER,
            host=self.host,
            port=self.port,
            workers=settings.WEB_WORKERS,
            threads=settings.WEB_THREADS,
            graceful_seconds=settings.GRACEFUL_SECONDS,
            application=os.environ.get("ALONGSIDE_WSGI_APP") or web_server.APPLICATION,
        )
        environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(self.metrics_directory())}
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and a server from our lock file)
            command,
            env=environment,
            start_new_session=True,
            preexec_fn=web_server.die_with_parent,  # no thread is running yet: see start()'s caller
        )
        self.stdout.write(
            f"The web server is running ({settings.WEB_SERVER}, process {self.process.pid}: "
            f"{settings.WEB_WORKERS} workers of {settings.WEB_THREADS} threads)."
        )

    def metrics_directory(self):
        """Where the server's processes keep their figures for Prometheus (issue 19 part B), emptied at each start."""
        given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        directory = given or str(settings.BASE_DIR / "var" / "metrics" / str(self.port))
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory, exist_ok=True)
        return directory

    def wait(self) -> int:
        assert self.process is not None
        return self.process.wait()

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        self.stdout.write("Stopping the web server: the requests under way finish first (Ctrl-C again cuts them).")
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=settings.GRACEFUL_SECONDS + 5)
        except subprocess.TimeoutExpired:
            self.stdout.write("The web server did not stop in time: stopping it at once.")
        except KeyboardInterrupt:  # a second Ctrl-C
            self.stdout.write("Stopping the web server at once.")
        with contextlib.suppress(ProcessLookupError):  # the whole group: no worker process is left behind
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        self.stdout.write("Stopped the web server.")


class BackgroundWorker:
    """`alongside worker` as a child process: started again if it stops by itself, stopped when serve stops.

    It runs in its own session, so Ctrl-C reaches only serve, which then asks the worker to stop once (a
    second signal would cut short the task it is running). If serve dies without stopping it, the worker
    notices and stops itself (--stop-with-parent).
    """

    clock = staticmethod(time.monotonic)

    def __init__(self, stdout):
        self.stdout = stdout
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> None:
        self.process = self.spawn()
        self.started_at = self.clock()
        self.stdout.write(f"The background worker is running (process {self.process.pid}): messages and summaries.")
        threading.Thread(target=self.watch, name="worker-watch", daemon=True).start()

    def spawn(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "alongside.cli", "worker", "--stop-with-parent"]
        return subprocess.Popen(command, start_new_session=True)  # noqa: S603 (our own interpreter and module)

    def watch(self) -> None:
        """Start the worker again if it stops while the server is running; a crash never stops the server.

        A worker that keeps stopping soon after it starts is given up after MOST_RESTARTS; one that had run well
        for RAN_WELL_SECONDS before it stopped (after a database restart, say) is always started again.
        """
        restarts = 0
        while True:
            code = self.process.wait()
            if self.stopping.is_set():
                return
            if self.clock() - self.started_at >= RAN_WELL_SECONDS:
                restarts = 0
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
                self.started_at = self.clock()

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
