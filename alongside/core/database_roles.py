"""The two database roles: the owner of the schema, which migrates, and the app's role, which owns nothing.

The service connects as the app's role (DATABASES["default"]). Work that must own the tables runs inside
`as_owner()`, connected as the owner (settings.DATABASE_OWNER says what differs): migrate, flush, and the demo
build (which drops and puts back indexes and foreign keys) with its --replace. After every migrate the owner grants
the app's role what the service needs, and no more (`grant_app_role`). The audit table is append-only for the
app's role: it may read and insert, nothing else. docs/adr/0017-two-database-roles.md says why.
"""

import copy
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

AUDIT_TABLE = "core_auditevent"
AUDIT_TRUNCATE_TRIGGER = "core_auditevent_refuses_truncate"
PRODUCTION_GUIDE = "docs/guides/running-in-production.md"
NO_OWNER = "This needs the role that owns the database's tables: set DATABASE_OWNER_URL (see " + PRODUCTION_GUIDE + ")."


@contextmanager
def as_owner(using: str = DEFAULT_DB_ALIAS):
    """Connect as the owner for the duration, in this thread only; the app's connection is back afterwards.

    Inside, `django.db.connection`, the ORM and `transaction.atomic()` all use the owner's connection.
    """
    differences = settings.DATABASE_OWNER
    if differences is None:
        raise CommandError(NO_OWNER)
    app = connections[using]
    if all(app.settings_dict.get(key) == value for key, value in differences.items()):
        yield app  # already the owner (nested use), or one role for both (a developer's own server)
        return
    owner = type(app)(copy.deepcopy(app.settings_dict) | differences, using)
    connections[using] = owner
    try:
        yield owner
    finally:
        owner.close()
        connections[using] = app


@contextmanager
def as_app(using: str = DEFAULT_DB_ALIAS):
    """Inside `as_owner()`, connect as the app's role again (from settings) for the duration."""
    owner = connections[using]
    if not owner.in_atomic_block:
        owner.close()  # not left connected, idle, meanwhile (a restore refuses while anyone else is connected)
    del connections[using]  # the next use makes a connection from settings.DATABASES: the app's role
    try:
        yield connections[using]
    finally:
        connections[using].close()
        connections[using] = owner


def grant_app_role(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After every migrate (a post_migrate receiver), as the owner: the app's role may read and write every table
    and use every sequence, may only read django_migrations, and may only read and insert audit rows."""
    connection = connections[using]
    role = settings.DATABASES[using]["USER"]
    if connection.settings_dict["USER"] == role:
        return  # one role for both: there is no other role to grant to
    quote = connection.ops.quote_name
    with transaction.atomic(using=using), connection.cursor() as cursor:
        check_app_role(cursor, role, owner=connection.settings_dict["USER"])
        cursor.execute("SELECT current_schema()")
        schema, app = quote(cursor.fetchone()[0]), quote(role)
        for statement in [
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {app}",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {app}",
            f"GRANT USAGE ON SCHEMA {schema} TO {app}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {app}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {app}",
            f"REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {app}",
            f"REVOKE UPDATE, DELETE ON {AUDIT_TABLE} FROM {app}",
        ]:
            cursor.execute(statement)


def check_app_role(cursor, role: str, owner: str) -> None:
    """Refuse an app role that could get round the audit's protections: a superuser, one that owns anything here,
    can make roles or databases, bypasses row security, or may act as the owner."""
    cursor.execute(
        "SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolreplication,"
        " pg_has_role(r.oid, %s, 'MEMBER'),"
        " EXISTS (SELECT 1 FROM pg_class WHERE relowner = r.oid)"
        " OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspowner = r.oid)"
        " OR EXISTS (SELECT 1 FROM pg_database WHERE datname = current_database() AND datdba = r.oid)"
        " FROM pg_roles r WHERE r.rolname = %s",
        [owner, role],
    )
    found = cursor.fetchone()
    if found is None:
        raise ImproperlyConfigured(f"The app's database role {role} does not exist (see {PRODUCTION_GUIDE}).")
    wrong = [
        what
        for what, present in zip(
            [
                "be a superuser",
                "create roles",
                "create databases",
                "bypass row security",
                "replicate",
                "act as the owner",
                "own anything in the database",
            ],
            found,
            strict=True,
        )
        if present
    ]
    if wrong:
        raise ImproperlyConfigured(
            f"The app's database role {role} may not {', '.join(wrong)}: give the service a role of its own "
            f"(see {PRODUCTION_GUIDE})."
        )


@contextmanager
def audit_truncation_allowed(connection):
    """Inside one transaction on the owner's connection, let TRUNCATE through the audit's trigger: for emptying
    the whole database (flush, the demo's --replace), never the audit alone. If anything fails, the transaction
    rolls back and the trigger was never off."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("The audit's trigger may only be turned off in a transaction.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s", [AUDIT_TRUNCATE_TRIGGER])
        present = cursor.fetchone() is not None
        if present:
            cursor.execute(f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER {AUDIT_TRUNCATE_TRIGGER}")
    yield
    if present:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {AUDIT_TABLE} ENABLE TRIGGER {AUDIT_TRUNCATE_TRIGGER}")


def connect_as_owner(dbname: str = "postgres"):
    """A psycopg connection as the owner, in autocommit, to another database on the same server: the benchmarks
    make and drop their scratch databases with it."""
    import psycopg

    if settings.DATABASE_OWNER is None:
        raise ImproperlyConfigured(NO_OWNER)
    options = settings.DATABASES[DEFAULT_DB_ALIAS] | settings.DATABASE_OWNER
    return psycopg.connect(
        dbname=dbname,
        user=options["USER"],
        password=options.get("PASSWORD") or None,
        host=options.get("HOST") or None,
        port=options.get("PORT") or None,
        autocommit=True,
        **options.get("OPTIONS", {}),
    )
