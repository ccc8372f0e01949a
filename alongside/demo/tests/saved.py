"""The demo borough for tests, built once per test run for each seed and size, and put back from a copy after that.

Building a 300-person borough takes a minute or more on a loaded machine, and a few dozen tests each need one. The
first test to ask for a given seed and size runs `alongside demo --seed S --people N` exactly as before; every table
(and every sequence) is then copied into memory, and a later test asking for the same borough has the database
emptied and the copy loaded back (binary COPY, a few seconds). The tables end up as `alongside demo` left them, so
the tests read the same rows whichever of them runs first, alone or with the others.

The borough is built relative to the time of building (a break-glass event open now, a referral due for a decision
in ten minutes), so a copy is only as good as a build started when it was: it is used on the day the build started
and for `fresh_for` after that (half an hour unless the caller asks for less), then the borough is built again. A
test that changes how the borough is built (a registry patched first) names a `variant` of its own.
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from alongside.core import database_roles
from alongside.partners.models import Organisation

FRESH_FOR = timedelta(minutes=30)


@dataclass(frozen=True)
class Copy:
    made_on: date  # the local date its build started on
    made_at: float  # time.monotonic() when its build started
    tables: dict[str, bytes]  # table name -> COPY ... (FORMAT binary)
    sequences: dict[str, int | None]  # sequence name -> last value (None: never used)

    def fresh(self, within: timedelta) -> bool:
        return self.made_on == timezone.localdate() and time.monotonic() - self.made_at < within.total_seconds()


_copies: dict[tuple[int, int, str, tuple[str, ...]], Copy] = {}


def demo_borough(seed: int, people: int, variant: str = "", fresh_for: timedelta = FRESH_FOR) -> None:
    """Leave the database holding the demo borough `alongside demo --seed seed --people people` builds (with the
    demo switch on, which the caller sets). The database must hold no borough yet, as for the command."""
    # the users' passwords are hashed as the settings say at the time (the tests' fast hasher, or not in a fixture
    # wider than a test's): a copy is only used under the same hashers
    key = (seed, people, variant, tuple(settings.PASSWORD_HASHERS))
    copy = _copies.get(key)
    if copy is not None and copy.fresh(fresh_for):
        if Organisation.objects.exists():  # as the command refuses to build over data (a test left some behind)
            raise AssertionError("The test database already holds data: the demo borough is built into an empty one.")
        _load(copy)
        return
    made_on, made_at = timezone.localdate(), time.monotonic()
    call_command("demo", "--seed", str(seed), "--people", str(people), verbosity=0)
    _copies[key] = _take(made_on, made_at)


def _tables() -> list[str]:
    return [t for t in connection.introspection.table_names() if t != "django_migrations"]


def _take(made_on: date, made_at: float) -> Copy:
    quote = connection.ops.quote_name
    tables: dict[str, bytes] = {}
    with database_roles.as_owner(), transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            with cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as out:
                tables[table] = b"".join(bytes(block) for block in out)
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()")
        sequences = dict(cursor.fetchall())
    return Copy(made_on, made_at, tables, sequences)


def _load(copy: Copy) -> None:
    quote = connection.ops.quote_name
    with database_roles.as_owner(), transaction.atomic(), connection.cursor() as cursor:
        with database_roles.audit_truncation_allowed(connection):
            cursor.execute("TRUNCATE " + ", ".join(quote(t) for t in _tables()) + " CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # the foreign keys are checked once all is in, at commit
        for table, data in copy.tables.items():
            with cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as into:
                into.write(data)
        for sequence, last in copy.sequences.items():
            cursor.execute("SELECT setval(%s::regclass, %s, %s)", [quote(sequence), last or 1, last is not None])
    ContentType.objects.clear_cache()  # the copy's content types, whose ids may differ from the emptied ones'
