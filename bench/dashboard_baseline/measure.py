"""Continuity measured inside the service: the research indices over a chosen period, for a person, a named
worker's caseload, a team, a GP practice and the borough.

The per-person numbers come from `bulk.compute`, the same code as `alongside continuity indices` (held equal
to the plain reference in `indices.py`), run over the period's recorded contacts. A person's usual
practitioner for each contact is their named worker at the time of that contact. Groups of people are then
summarised:

- the per-person indices (UPC, Breslau UPC, COC, HHI, MMCI, SECON, KPC) are averaged over the people in the
  group for whom each is defined (two contacts or more in the period; a named worker for Breslau UPC);
- SLICC is pooled over the group's contacts: of the contacts of people who had a named worker at the time,
  the share that were with that named worker;
- the own-patient ratio is pooled over the contacts the group's practitioners gave: the share that were with
  someone whose named worker they were at the time.

This module reads; it writes nothing and decides no access. Views choose which groups a user may see and audit
what they show.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import polars as pl
from django.db import connection
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from alongside.continuity import bulk
from alongside.continuity.models import Contact
from alongside.people.models import CareRelationship

PER_PERSON = ("upc", "breslau_upc", "coc", "hhi", "mmci", "secon", "kpc")
POOLED = ("slicc", "own_patient_ratio")
INDEX_NAMES = {
    "upc": "UPC",
    "breslau_upc": "Breslau UPC",
    "coc": "COC",
    "hhi": "HHI",
    "mmci": "MMCI",
    "secon": "SECON",
    "kpc": "KPC",
    "slicc": "SLICC",
    "own_patient_ratio": "Own-patient ratio",
}


@dataclass(frozen=True)
class Period:
    """From the start of `first` to the end of `last`, both days included, UK time."""

    first: date
    last: date

    def __post_init__(self):
        if self.last < self.first:
            raise ValueError("A period ends on or after the day it starts")

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        start = datetime.combine(self.first, time.min, tzinfo=zone)
        return start, datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=zone)

    def __str__(self):
        return f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y}"

    @classmethod
    def last_year(cls, today: date) -> "Period":
        return cls(today - timedelta(days=364), today)


def quarters(today: date, count: int = 8) -> list[Period]:
    """The last `count` calendar quarters, oldest first; the last is the quarter containing `today`, so far."""
    start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    found = [Period(start, today)]
    for _ in range(count - 1):
        end = start - timedelta(days=1)
        start = date(end.year, end.month - 2, 1)
        found.append(Period(start, end))
    return found[::-1]


@dataclass(frozen=True)
class Summary:
    """The indices for one group over one period. `people` had at least one contact; `assessed` two or more."""

    group: str
    people: int
    assessed: int
    contacts: int
    values: dict[str, float | None]

    def __getitem__(self, name: str) -> float | None:
        return self.values.get(name)


# --- reading contacts -------------------------------------------------------------------------------------------


def contacts(period: Period, people: Iterable[int] | None = None) -> pl.DataFrame:
    """The period's contacts (of `people`, or everyone), one row each, in the frame `bulk.compute` reads:
    person_id, practitioner_id, contact_id and usual_practitioner_id as text, `when` in microseconds (UK time),
    `_row`. One query, however many contacts."""
    start, end = period.bounds
    usual = CareRelationship.objects.filter(
        person=OuterRef("person"), kind="named_worker", started_at__lte=OuterRef("at")
    ).filter(Q(ended_at__isnull=True) | Q(ended_at__gt=OuterRef("at")))
    query = Contact.objects.filter(at__gte=start, at__lt=end)
    if people is not None:
        people = list(people)
        if not people:
            return _frame([[], [], [], [], []])
        query = query.filter(person_id__in=people)
    query = query.annotate(usual=Subquery(usual.order_by("-started_at").values("user_id")[:1])).values_list(
        "pk", "person_id", "practitioner_id", "at", "usual"
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return _frame(list(zip(*rows, strict=True)) if rows else [[], [], [], [], []])


def _frame(columns: list) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "contact_id": pl.Series(columns[0], dtype=pl.Int64),
            "person_id": pl.Series(columns[1], dtype=pl.Int64),
            "practitioner_id": pl.Series(columns[2], dtype=pl.Int64),
            "at": pl.Series(columns[3], dtype=pl.Datetime("us", "UTC")),
            "usual_practitioner_id": pl.Series(columns[4], dtype=pl.Int64),
        }
    )
    local = pl.col("at").dt.convert_time_zone(str(timezone.get_current_timezone())).dt.replace_time_zone(None)
    return frame.select(
        pl.col("person_id", "practitioner_id", "contact_id", "usual_practitioner_id").cast(pl.String),
        local.dt.epoch("us").alias("when"),
    ).with_row_index("_row")


def per_person(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per person seen in the frame: the CLI's columns (person_id as text)."""
    return bulk.compute(frame)


# --- summarising groups -----------------------------------------------------------------------------------------


def summarise(frame: pl.DataFrame, people_in: pl.DataFrame, givers_in: pl.DataFrame | None = None) -> list[Summary]:
    """A Summary per group. `people_in` has columns person_id (text) and group (text): which people each group
    is about (a person may be in several groups). `givers_in` has practitioner_id and group: whose contacts the
    group's own-patient ratio counts; without it, the contacts of the group's people. Every group in either is
    given, in that order; one with no contacts in the period has nothing measured."""
    table = per_person(frame)
    means = (
        table.join(people_in, on="person_id")
        .group_by("group")
        .agg(
            pl.len().alias("people"),
            (pl.col("n_contacts") >= 2).sum().alias("assessed"),
            pl.col("n_contacts").sum().alias("contacts"),
            *[pl.col(name).mean() for name in PER_PERSON],
        )
    )
    with_usual = frame.select(
        "person_id",
        "practitioner_id",
        has_usual=pl.col("usual_practitioner_id").is_not_null(),
        own=(pl.col("practitioner_id") == pl.col("usual_practitioner_id")).fill_null(False),
    )
    slicc = (
        with_usual.join(people_in, on="person_id")
        .group_by("group")
        .agg((pl.col("own").sum() / pl.col("has_usual").sum()).alias("slicc"))
    )
    given = (
        with_usual.join(givers_in, on="practitioner_id")
        if givers_in is not None
        else with_usual.join(people_in, on="person_id")
    )
    ratio = dict(given.group_by("group").agg((pl.col("own").sum() / pl.len()).alias("r")).iter_rows())
    counted = {row["group"]: row for row in means.join(slicc, on="group", how="left").iter_rows(named=True)}
    groups = people_in["group"].unique(maintain_order=True).to_list()
    if givers_in is not None:
        known = set(groups)
        groups += [g for g in givers_in["group"].unique(maintain_order=True).to_list() if g not in known]
    summaries = []
    for group in groups:
        row = counted.get(group, {}) | {"own_patient_ratio": ratio.get(group)}
        summaries.append(
            Summary(
                group=group,
                people=row.get("people", 0),
                assessed=row.get("assessed", 0),
                contacts=row.get("contacts", 0),
                values={name: _number(row.get(name)) for name in PER_PERSON + POOLED},
            )
        )
    return summaries


def _number(value) -> float | None:
    if value is None or value != value:  # None, or NaN from 0/0
        return None
    return float(value)


def over_time(
    periods: list[Period],
    people_in: pl.DataFrame,
    givers_in: pl.DataFrame | None = None,
    everyone: bool = False,
    frame: pl.DataFrame | None = None,
) -> list[tuple[Period, list[Summary]]]:
    """For each period (in order, not overlapping), the groups' summaries. One query for them all: the contacts of
    the people in `people_in` (or, with `everyone`, of everybody, which is quicker than naming them all); or none,
    given a `frame` of contacts already read that covers the periods."""
    if frame is None:
        wanted = None if everyone else people_in["person_id"].unique().cast(pl.Int64).to_list()
        frame = contacts(Period(periods[0].first, periods[-1].last), wanted)
    return [(period, summarise(within(frame, period), people_in, givers_in)) for period in periods]


def within(frame: pl.DataFrame, period: Period) -> pl.DataFrame:
    """The contacts of a frame (from `contacts`) that fall in the period."""
    low, high = (_local_microseconds(day) for day in (period.first, period.last + timedelta(days=1)))
    return frame.filter((pl.col("when") >= low) & (pl.col("when") < high)).drop("_row").with_row_index("_row")


def _local_microseconds(day: date) -> int:
    return (day - date(1970, 1, 1)).days * 86_400_000_000


def pairs(rows: Iterable[tuple[object, object]], first: str = "person_id") -> pl.DataFrame:
    """A two-column frame (first, group) of text from (id, group) pairs, for `summarise`."""
    rows = list(rows)
    return pl.DataFrame(
        {first: [str(a) for a, _ in rows], "group": [str(b) for _, b in rows]},
        schema={first: pl.String, "group": pl.String},
    )
