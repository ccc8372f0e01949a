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
    from alongside.core import database

    settings = connections[alias].settings_dict
    host = quote(settings["HOST"], safe="")
    name = settings["NAME"]
    if not name.startswith("test_"):  # outside a test's database (no django_db): never a developer's own data
        raise RuntimeError(f"database_env() is for a test's database, and {name!r} is not one")
    return {
        "DATABASE_URL": f"postgresql://{database.APP_ROLE}@/{name}?host={host}",
        "DATABASE_OWNER_URL": f"postgresql://{database.OWNER_ROLE}@/{name}?host={host}",
    }


@dataclass
class Started:
    process: subprocess.Popen

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

    def output(self) -> str:
        """What the process wrote (stdout and stderr together), once it has ended."""
        out, _ = self.process.communicate(timeout=10)
        return out or ""


def start(args: list[str], env: dict[str, str] | None = None) -> Started:
    """Run `alongside ARGS...` (or any command when args[0] is a path) in its own session, with the test database."""
    command = args if args[0].startswith(("/", ".")) else [sys.executable, "-m", "alongside.cli", *args]
    environment = {**os.environ, **database_env(), "PYTHONUNBUFFERED": "1", **(env or {})}
    process = subprocess.Popen(  # noqa: S603 (our own commands, no shell)
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return Started(process)


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
