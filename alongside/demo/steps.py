"""How a capability takes part in building the demo borough, and the helpers its step writes with.

The build (`build.py`) makes the borough's partners, staff and logins, then streams the people past once, writing
them and the care around them in chunks: one COPY per table per chunk, never a query per person. A capability adds
its own synthetic data through a `DemoStep` in its contributions (`alongside.core.registry`), in the order of the
steps' `order`:

1. `start(building)` is called once per build, once the staff exist, and makes the step's state for this build:
   a `StepRun`, given the `Building` (the seed, the plan, the database ids, the people's ids).
2. As each person streams past, `run.person(index, row, care)` sees them and answers the rows to write with them,
   by model (`{Contact: [tuple, ...]}`, each tuple in the order of the fields named for that model in the step's
   `tables`), or nothing. They go into the same chunk as the person, one COPY per table, and those tables are
   loaded without their foreign keys and secondary indexes, as the people's are.
3. Once everyone is in, `run.finish()` writes the rest, such as what was drawn about the people it kept as they
   went past: with `reserve` and `copy_rows`, one COPY per table whatever the size.

The capability's generator stays plain Python, referring to people by their index in the borough, to staff by
username and to teams by name; its step turns those into database ids with `Building.ids`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from django.db import connection, models

from .borough import BoroughPlan, PersonCare, PersonRow


@dataclass(frozen=True)
class Ids:
    """Database ids for the names and usernames the generator uses."""

    users: dict[str, int]
    teams: dict[str, int]
    organisations: dict[str, int]
    neighbourhoods: list[int]  # by neighbourhood index
    practices: list[int]  # by practice index


@dataclass(frozen=True)
class Building:
    """What a step is told about the borough being built."""

    seed: int
    people: int  # how many
    now: datetime
    today: date
    plan: BoroughPlan
    ids: Ids
    names: dict[str, str]  # each member of staff's display name, by username
    first_person: int  # the first person's id: the others follow in the order of their index

    def person_id(self, index: int) -> int:
        return self.first_person + index


class StepRun(Protocol):
    """A step's state for one build (what its `DemoStep.start` returns)."""

    def person(self, index: int, row: PersonRow, care: PersonCare) -> dict[type[models.Model], list[tuple]] | None:
        """See one person go past; answer the rows to write with them, by model, or None."""

    def finish(self) -> None:
        """Write the rest, once every person is in."""


def reserve(cursor, model: type[models.Model], count: int) -> int:
    """Take `count` ids from the table's sequence; returns the first. The rows are then written with them.

    (nextval then setval: safe because the build is the only writer to these tables while it runs.)"""
    table = model._meta.db_table
    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
    first = cursor.fetchone()[0]
    if count > 1:
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + count - 1])
    return first


def copy_rows(cursor, model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
    """Write `rows` (tuples in the order of `fields`) into the model's table with one COPY."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
