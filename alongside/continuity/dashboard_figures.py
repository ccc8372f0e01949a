"""The continuity dashboard's figures: every group's continuity over a period and over the quarters before it.

`work_out` reads the contacts once and summarises every group the dashboard can show (each team's caseload, each
named worker's list, each GP practice's people, the whole borough), over the period and each of the last eight
quarters. The dashboard works them out live for the team and period asked for; the nightly task works them out for
every team over the year up to that night and keeps them (`DashboardRun`, `DashboardFigure`), so that the
dashboard's usual view reads a few hundred stored rows instead of two years of everyone's contacts.

Figures are keyed by (table, key, quarter): table is "team", "worker", "practice" or "borough"; key the team,
worker or practice id (None for the borough); quarter the quarter's first day, or None for the whole period.
"""

import time
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from alongside.core import audit

from . import measure
from .models import DashboardFigure, DashboardRun

Key = tuple[str, int | None, date | None]


@dataclass(frozen=True)
class Figure:
    summary: measure.Summary
    listed: int | None = None  # people on the caseload or named worker's list


@dataclass(frozen=True)
class Figures:
    """A working-out of the figures: for a period and the quarters up to its end, when it was done (None: now)."""

    period: measure.Period
    quarters: list[measure.Period]
    found: dict[Key, Figure]
    computed_at: object = None

    def get(self, table: str, key: int | None, quarter: date | None = None) -> Figure:
        return self.found.get((table, key, quarter)) or Figure(nothing(f"{table}:{key}"))


def nothing(group: str) -> measure.Summary:
    return measure.Summary(group=group, people=0, assessed=0, contacts=0, values={})


def work_out(
    period: measure.Period,
    quarters: list[measure.Period],
    everything,
    teams: dict[int, tuple[list[int], list[int]]],
    lists: list[tuple[int, int]],
    seen: list[tuple[int, int | None]],
) -> Figures:
    """Summarise every group from `everything` (the contacts from the first quarter, or the period, to its end).

    teams: team id -> (the people on its caseload, its workers' user ids); lists: (person, named worker) now;
    seen: everyone with a contact in the time covered, with their GP practice. The team's own-patient ratio counts
    its workers' contacts with anyone, a worker's their own; a practice's and the borough's count their people's."""
    people_in = measure.pairs(
        [(pk, f"team:{team}") for team, (caseload, _) in teams.items() for pk in caseload]
        + [(person, f"worker:{worker}") for person, worker in lists]
    )
    givers_in = measure.pairs(
        [(w, f"team:{team}") for team, (_, workers) in teams.items() for w in workers]
        + [(w, f"worker:{w}") for w in sorted({w for _, workers in teams.values() for w in workers})],
        "practitioner_id",
    )
    areas = measure.pairs([(pk, f"practice:{p}") for pk, p in seen if p] + [(pk, "borough:") for pk, _ in seen])
    listed = {f"team:{team}": len(caseload) for team, (caseload, _) in teams.items()}
    listed |= {f"worker:{worker}": count for worker, count in Counter(w for _, w in lists).items()}
    found: dict[Key, Figure] = {}

    def keep(summaries: list[measure.Summary], quarter: date | None, counted: bool):
        for s in summaries:
            table, _, key = s.group.partition(":")
            found[(table, int(key) if key else None, quarter)] = Figure(s, listed.get(s.group) if counted else None)

    frame = measure.within(everything, period)
    keep(measure.summarise(frame, people_in, givers_in), None, True)
    keep(measure.summarise(frame, areas), None, False)
    team_people = people_in.filter(people_in["group"].str.starts_with("team:"))
    team_givers = givers_in.filter(givers_in["group"].str.starts_with("team:"))
    for quarter in quarters:
        within = measure.within(everything, quarter)
        keep(measure.summarise(within, team_people, team_givers), quarter.first, False)
        keep(measure.summarise(within, areas), quarter.first, False)
    return Figures(period, quarters, found)


# --- kept by the nightly task -------------------------------------------------------------------------------------


def keep(figures: Figures, seconds: float) -> DashboardRun:
    """Store a working-out as the latest run, in place of any earlier one, and audit it. One transaction."""
    with transaction.atomic():
        DashboardRun.objects.all().delete()
        run = DashboardRun.objects.create(
            computed_at=timezone.now(), first=figures.period.first, last=figures.period.last, seconds=seconds
        )
        DashboardFigure.objects.bulk_create(
            [
                DashboardFigure(
                    run=run,
                    table=table,
                    key=key,
                    quarter=quarter,
                    people=f.summary.people,
                    assessed=f.summary.assessed,
                    contacts=f.summary.contacts,
                    listed=f.listed,
                    values=f.summary.values,
                )
                for (table, key, quarter), f in figures.found.items()
            ],
            batch_size=2000,
        )
        audit.record(
            None,
            "continuity_figures_worked_out",
            object_type="dashboard_run",
            object_id=run.pk,
            detail={"first": run.first.isoformat(), "last": run.last.isoformat(), "figures": len(figures.found)},
        )
    return run


def latest_run() -> DashboardRun | None:
    return DashboardRun.objects.order_by("-computed_at").first()


def stored(run: DashboardRun, team_id: int, worker_ids: list[int]) -> Figures:
    """The run's figures that one team's dashboard shows: the team's, its workers', every practice's and the
    borough's. One query."""
    from django.db.models import Q

    rows = DashboardFigure.objects.filter(run=run).filter(
        Q(table="team", key=team_id) | Q(table="worker", key__in=worker_ids) | Q(table__in=["practice", "borough"])
    )
    found = {
        (r.table, r.key, r.quarter): Figure(
            measure.Summary(
                group=f"{r.table}:{r.key or ''}",
                people=r.people,
                assessed=r.assessed,
                contacts=r.contacts,
                values=r.values,
            ),
            r.listed,
        )
        for r in rows
    }
    period = measure.Period(run.first, run.last)
    return Figures(period, measure.quarters(run.last), found, computed_at=run.computed_at)


def timed(work) -> tuple[object, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started
