"""The demo borough for tests, built once per test run for each seed and size, and put back from a copy after that.

Building a 300-person borough takes a minute or more on a loaded machine, and a few dozen tests each need one. The
first test to ask for a given seed and size runs `alongside demo --seed S --people N` exactly as before; every table
(and every sequence) is then copied into memory, and a later test asking for the same borough has the database
emptied and the copy loaded back (binary COPY, a few seconds). The tables end up as `alongside demo` left them, so
the tests read the same rows whichever of them runs first, alone or with the others.

The borough is built relative to the time of building (a break-glass event open now, a referral due for a decision
in ten minutes, a review missed fifty minutes ago). So a test that loads a copy runs on the clock of the copy: its
clock starts at the moment the copy was taken and runs on from there (time_machine, ticking), and the borough is
exactly as fresh for it as for the test that built it, however long after the build it runs. Only Python's clock
moves: nothing in the database reads its own clock (no `now()` default, trigger or query), so every time the tests
compare comes from the same place. A copy is kept for the whole run.

A copy is used only under the settings it was built with that change what is built (the password hashers, the time
zone, the triage target, the demo switches). A test that changes how the borough is built in some other way (a
registry patched first) names a `variant` of its own.
"""

from contextlib import ExitStack
from dataclasses import dataclass

import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from alongside.core import database_roles
from alongside.partners.models import Organisation

# The settings that change what `alongside demo` builds: the users' passwords are hashed as the settings say at the
# time (the tests' fast hasher, or not in a fixture wider than a test's), the borough's days and hours are local
# ones, and the referrals' decisions are placed around the triage target.
BUILT_WITH = ("PASSWORD_HASHERS", "TIME_ZONE", "USE_TZ", "TRIAGE_TARGET_HOURS")


@dataclass(frozen=True)
class Copy:
    taken_at: float  # the clock the build ran on (a POSIX timestamp), when its tables were copied
    tables: dict[str, bytes]  # table name -> COPY ... (FORMAT binary)
    sequences: dict[str, int | None]  # sequence name -> last value (None: never used)


_copies: dict[tuple, Copy] = {}


def built_with() -> tuple:
    """The settings a copy must share with the test that loads it, by name (and every DEMO_ setting)."""
    names = sorted({*BUILT_WITH, *(name for name in dir(settings) if name.startswith("DEMO_"))})
    return tuple((name, repr(getattr(settings, name, None))) for name in names)


def demo_borough(seed: int, people: int, variant: str = "", *, clocks: ExitStack) -> None:
    """Leave the database holding the demo borough `alongside demo --seed seed --people people` builds (with the
    demo switch on, which the caller sets). The database must hold no borough yet, as for the command. When the
    borough comes from a copy, the test's clock is set back to when the copy was taken, until `clocks` closes."""
    key = (seed, people, variant, built_with())
    copy = _copies.get(key)
    if copy is not None:
        if Organisation.objects.exists():  # as the command refuses to build over data (a test left some behind)
            raise AssertionError("The test database already holds data: the demo borough is built into an empty one.")
        _load(copy)
        clocks.enter_context(time_machine.travel(copy.taken_at, tick=True))
        return
    call_command("demo", "--seed", str(seed), "--people", str(people), verbosity=0)
    _copies[key] = _take()


def _tables() -> list[str]:
    return [t for t in connection.introspection.table_names() if t != "django_migrations"]


def _take() -> Copy:
    quote = connection.ops.quote_name
    tables: dict[str, bytes] = {}
    taken_at = timezone.now().timestamp()
    with database_roles.as_owner(), transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            with cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as out:
                tables[table] = b"".join(bytes(block) for block in out)
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()")
        sequences = dict(cursor.fetchall())
    return Copy(taken_at, tables, sequences)


def empty() -> None:
    """Empty every table, as a new test finds the database."""
    with database_roles.as_owner(), transaction.atomic(), connection.cursor() as cursor:
        _truncate(cursor)


def _truncate(cursor) -> None:
    quote = connection.ops.quote_name
    with database_roles.audit_truncation_allowed(connection):
        cursor.execute("TRUNCATE " + ", ".join(quote(t) for t in _tables()) + " CASCADE")


def _load(copy: Copy) -> None:
    quote = connection.ops.quote_name
    with database_roles.as_owner(), transaction.atomic(), connection.cursor() as cursor:
        _truncate(cursor)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # the foreign keys are checked once all is in, at commit
        for table, data in copy.tables.items():
            with cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as into:
                into.write(data)
        for sequence, last in copy.sequences.items():
            cursor.execute("SELECT setval(%s::regclass, %s, %s)", [quote(sequence), last or 1, last is not None])
    ContentType.objects.clear_cache()  # the copy's content types, whose ids may differ from the emptied ones'
