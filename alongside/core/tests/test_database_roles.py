"""The service connects as a role that owns nothing: it cannot rewrite, empty or unprotect the audit."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from alongside.core import database, database_roles
from alongside.core.models import AuditEvent, SubmittedForm
from alongside.core.tests.factories import UserFactory
from alongside.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

REFUSED = "permission denied|must be owner"


def run(sql: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_the_tests_connect_as_the_app_role_which_is_no_superuser_and_owns_nothing():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user"
        )
        role, superuser, createdb, createrole = cursor.fetchone()
        assert role == settings.DATABASES["default"]["USER"] != settings.DATABASE_OWNER["USER"]
        assert not (superuser or createdb or createrole)
        database_roles.check_app_role(cursor, role, owner=settings.DATABASE_OWNER["USER"])  # owns nothing


def test_the_app_role_may_read_and_insert_audit_rows_and_do_ordinary_work():
    event = AuditEvent.objects.create(action="test", detail={"why": "a check"})
    assert AuditEvent.objects.get(pk=event.pk).detail == {"why": "a check"}
    person = PersonFactory()
    person.given_name = "Ada"
    person.save()
    form = SubmittedForm.objects.create(key="00000000-0000-0000-0000-000000000001", user=UserFactory(), result_url="/")
    form.delete()
    person.delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET action = 'changed'",
        "DELETE FROM core_auditevent",
        "TRUNCATE core_auditevent",
        "TRUNCATE core_user CASCADE",
        "SELECT id FROM core_auditevent FOR UPDATE",
    ],
)
def test_the_app_role_cannot_change_delete_or_empty_audit_rows(sql):
    event = AuditEvent.objects.create(action="test")
    with pytest.raises(DatabaseError, match=REFUSED):
        run(sql)
    assert AuditEvent.objects.get(pk=event.pk).action == "test"


@pytest.mark.parametrize(
    "sql",
    [
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only",
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_refuses_truncate",
        "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
        "DROP TRIGGER core_auditevent_append_only ON core_auditevent",
        "DROP TRIGGER core_auditevent_refuses_truncate ON core_auditevent",
        "CREATE OR REPLACE FUNCTION core_auditevent_refuse_change() RETURNS trigger LANGUAGE plpgsql"
        " AS $$ BEGIN RETURN NEW; END; $$",
        "DROP FUNCTION core_auditevent_refuse_change() CASCADE",
        "ALTER TABLE core_auditevent ADD COLUMN note text",
        "ALTER TABLE core_auditevent RENAME TO core_auditevent_old",
        "ALTER TABLE core_auditevent OWNER TO CURRENT_USER",
        "DROP TABLE core_auditevent",
        "CREATE TRIGGER t BEFORE INSERT ON core_auditevent EXECUTE FUNCTION core_auditevent_refuse_change()",
        "CREATE TABLE audit_copy (LIKE core_auditevent)",
        f"SET ROLE {database.OWNER_ROLE}",
        "SET session_replication_role = replica",
    ],
)
def test_the_app_role_cannot_alter_the_audit_table_disable_or_drop_its_triggers_or_drop_it(sql):
    with pytest.raises(DatabaseError, match=f"{REFUSED}|permission denied to set"):
        run(sql)


def test_the_database_refuses_to_change_delete_or_empty_audit_events_even_to_their_owner():
    with database_roles.as_owner(), transaction.atomic():
        event = AuditEvent.objects.create(action="test")
        run("SET CONSTRAINTS ALL IMMEDIATE")  # a TRUNCATE waits for no pending foreign key checks
        for sql in [
            "UPDATE core_auditevent SET action = 'changed'",
            "DELETE FROM core_auditevent",
            "TRUNCATE core_auditevent",
        ]:
            with pytest.raises(DatabaseError, match="append-only"):
                run(sql)
        assert AuditEvent.objects.get(pk=event.pk).action == "test"
        transaction.set_rollback(True)  # the owner's connection is not the test's: leave nothing behind


@pytest.mark.parametrize(
    ("role", "refusal"),
    [("postgres", "be a superuser"), (database.OWNER_ROLE, "create databases.*own anything")],
)
def test_an_app_role_that_could_get_round_the_audit_is_refused(role, refusal):
    with connection.cursor() as cursor, pytest.raises(ImproperlyConfigured, match=refusal):
        database_roles.check_app_role(cursor, role, owner=settings.DATABASE_OWNER["USER"])


def test_migrate_without_the_owner_says_what_to_set(settings):
    settings.DATABASE_OWNER = None
    with pytest.raises(CommandError, match="set DATABASE_OWNER_URL"):
        call_command("migrate", verbosity=0)


def test_flush_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production keeps"):
        call_command("flush", interactive=False, verbosity=0)
    assert connection.settings_dict["USER"] == settings.DATABASES["default"]["USER"]


def audit_trigger_state() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = %s", [database_roles.AUDIT_TRUNCATE_TRIGGER])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_as_the_owner_and_leaves_its_trigger_on():
    AuditEvent.objects.create(action="test")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert audit_trigger_state() == "O"  # O: on, for every session


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_emptying_leaves_the_audit_and_its_trigger_as_they_were():
    AuditEvent.objects.create(action="test")
    with (
        database_roles.as_owner() as owner,
        pytest.raises(RuntimeError, match="disk full"),
        transaction.atomic(),
        database_roles.audit_truncation_allowed(owner),
        owner.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE core_auditevent CASCADE")
        raise RuntimeError("disk full")
    assert AuditEvent.objects.exists() and audit_trigger_state() == "O"


def test_migrate_refuses_an_app_role_that_is_a_superuser_in_one_line(monkeypatch):
    monkeypatch.setitem(settings.DATABASES["default"], "USER", "postgres")  # the test's connection is already open
    with pytest.raises(CommandError, match="The app's database role postgres may not be a superuser"):
        call_command("migrate", verbosity=0)
