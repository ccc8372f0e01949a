"""The command that starts the production web server for `alongside serve` (ADR 0046). Plain Python: no Django.

Both servers run the same WSGI application with the same number of processes and threads. Neither writes an access
log of its own: theirs would carry the query string, and a search is `?q=<a name>`. The app writes its own
(issue 19 part B), by route and never by path.
"""

import ctypes
import signal
import sys

SERVERS = ("granian", "gunicorn")
APPLICATION = "alongside.config.wsgi:application"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def command(
    server: str,
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    graceful_seconds: int,
    application: str = APPLICATION,
    python: str = sys.executable,
) -> list[str]:
    """The command line for `server` (one of SERVERS), serving `application` ("module:name") at host:port."""
    if server == "gunicorn":
        return [
            python,
            "-m",
            "gunicorn",
            application,
            "--config",
            "python:alongside.config.gunicorn",
            "--bind",
            f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "alongside.config.gunicorn.ThreadWorker",  # gthread, refusing new connections once asked to stop
            "--threads",
            str(threads),
            "--graceful-timeout",
            str(graceful_seconds),
        ]
    if server == "granian":
        return [
            python,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--workers-kill-timeout",
            str(graceful_seconds),
            "--respawn-failed-workers",
            "--no-access-log",
            application,
        ]
    raise ValueError(f"Unknown web server {server!r}: expected one of {', '.join(SERVERS)}.")


def die_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when the thread that started it ends (for subprocess's preexec_fn).

    So the web server stops gracefully even if `alongside serve` is killed outright. Elsewhere it does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
