"""Starting Alongside's own commands as real processes in tests (the server, the worker), against the test database.

`database_env()` names the test database the way a deployment would (DATABASE_URL and DATABASE_OWNER_URL), so the
child connects as the app's role to exactly the database pytest made. `start()` runs a command in its own process
group, and `Started.stop()` ends the whole group, so nothing is left running after a test.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.db import connections

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_env(alias: str = "default") -> dict[str, str]:
    """DATABASE_URL (the app's role) and DATABASE_OWNER_URL for the database the tests are using now."""
    settings = connections[alias].settings_dict
    if not settings["NAME"].startswith("test_"):  # outside a test's database (no django_db): never a developer's data
        raise RuntimeError(f"database_env() is for a test's database, and {settings['NAME']!r} is not one")
    return database_urls(settings["HOST"], settings["NAME"])


def database_urls(socket_dir: str, name: str) -> dict[str, str]:
    """DATABASE_URL (the app's role) and DATABASE_OWNER_URL for database `name` on the server at `socket_dir`."""
    from alongside.core import database

    host = quote(socket_dir, safe="")
    return {
        "DATABASE_URL": f"postgresql://{database.APP_ROLE}@/{name}?host={host}",
        "DATABASE_OWNER_URL": f"postgresql://{database.OWNER_ROLE}@/{name}?host={host}",
    }


@dataclass
class Started:
    process: subprocess.Popen
    log: Path | None = None  # where its output goes, when `start` was given one

    @property
    def pid(self) -> int:
        return self.process.pid

    def signal(self, sig: int) -> None:
        os.killpg(self.process.pid, sig)

    def stop(self, grace: float = 10) -> int | None:
        """SIGTERM to the whole group, then SIGKILL after `grace` seconds; the exit code (None if killed)."""
        if self.process.poll() is None:
            try:
                self.signal(signal.SIGTERM)
                return self.process.wait(grace)
            except subprocess.TimeoutExpired:
                pass
            except ProcessLookupError:
                return self.process.poll()
        with contextlib.suppress(ProcessLookupError):
            self.signal(signal.SIGKILL)
        self.process.wait(grace)
        return self.process.returncode

    def family(self) -> list:
        """The process and every process it started that is still running (psutil.Process objects)."""
        import psutil

        try:
            parent = psutil.Process(self.pid)
            return [parent, *parent.children(recursive=True)] if self.process.poll() is None else []
        except psutil.NoSuchProcess:
            return []

    def kill_all(self) -> None:
        """SIGKILL at once to the process, its group and every process it started, even in a session of its own
        (as `alongside serve` starts its worker): `kill -9` of everything, with no chance to clean up."""
        import psutil

        family = self.family()
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.signal(signal.SIGKILL)
        for member in family:
            with contextlib.suppress(psutil.NoSuchProcess):
                member.kill()
        self.process.wait(10)
        psutil.wait_procs(family, timeout=10)

    def output(self) -> str:
        """What the process wrote (stdout and stderr together), once it has ended."""
        if self.log is not None:
            self.process.wait(10)
            return self.log.read_text(errors="replace")
        out, _ = self.process.communicate(timeout=10)
        return out or ""


def start(args: list[str], env: dict[str, str] | None = None, log: Path | None = None) -> Started:
    """Run `alongside ARGS...` (or any command when args[0] is a path) in its own session, with the test database
    (unless `env` names another). Its output is kept for `output()`: in a pipe, or in the file `log` for a process
    that writes a lot while it runs (a server logs each request, and a full pipe would stop it)."""
    command = args if args[0].startswith(("/", ".")) else [sys.executable, "-m", "alongside.cli", *args]
    env = env or {}
    database = {} if "DATABASE_URL" in env else database_env()  # a database of the test's own (a private cluster)
    environment = {**os.environ, **database, "PYTHONUNBUFFERED": "1", **env}
    with open(log, "a") if log is not None else contextlib.nullcontext() as into:  # noqa: SIM115 (the child keeps it)
        process = subprocess.Popen(  # noqa: S603 (our own commands, no shell)
            command,
            cwd=ROOT,
            env=environment,
            stdout=into if into is not None else subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    return Started(process, log)


def wait_for(url: str, timeout: float = 30, status: int = 200) -> None:
    """Wait until `url` answers `status`, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (loopback, our own server)
                if answer.status == status:
                    return
                last = str(answer.status)
        except urllib.error.HTTPError as error:
            if error.code == status:
                return
            last = str(error.code)
        except OSError as error:
            last = str(error)
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer {status} within {timeout} s (last: {last})")
