"""One ward's figures over a period (and each month of it, for the export), worked out from what
queries_figures read, with `measures`. No queries here."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from . import measures
from .queries_figures import WardFacts, bounds

SNAPSHOT_HOUR = 8  # the SitRep counts the patients on the ward at 8am on a Thursday


@dataclass(frozen=True)
class Figures:
    first: date
    last: date
    days: int
    beds: int
    population: int
    population_registered: bool  # the practices' registered lists (True) or only the people in Alongside (False)
    population_source: str
    per_population: float | None
    bed_days_available: int
    bed_days_used: float
    occupancy: float | None
    admitted: int
    step_up_admitted: int
    step_down_admitted: int
    ended: int
    length_of_stay: measures.LengthOfStay
    at_home: measures.AtHome
    avoided: int
    expected: float | None
    deflection: measures.Deflection | None
    target: float
    baseline_per_year: int | None
    baseline_source: str
    snapshot_at: datetime | None
    snapshot_beds: int | None
    on_the_ward: int | None


def work_out(facts: WardFacts, first: date, last: date, now: datetime) -> Figures:
    """The figures from `first` to `last` (within the facts' period)."""
    ward = facts.ward
    start, end = bounds(first, last)
    days = measures.days_of(first, last)
    available = measures.bed_days_available(days, ward.beds, facts.set_beds)
    used = measures.bed_days_used(facts.stays, start, end, now)
    admitted = measures.admitted_within(facts.stays, start, end)
    ended = measures.ended_within(facts.stays, start, end)
    expected = measures.expected_admissions(ward.baseline_admissions_per_year, len(days))
    avoided = measures.avoided(ended)
    target = float(ward.target_deflection)
    thursday = measures.last_thursday(first, last)
    snapshot = (
        datetime.combine(thursday, time(SNAPSHOT_HOUR), tzinfo=timezone.get_current_timezone()) if thursday else None
    )
    if snapshot is not None and snapshot > now:
        thursday = measures.last_thursday(first, min(last, (now - timedelta(hours=SNAPSHOT_HOUR)).date()))
        snapshot = (
            datetime.combine(thursday, time(SNAPSHOT_HOUR), tzinfo=timezone.get_current_timezone())
            if thursday
            else None
        )
    return Figures(
        first=first,
        last=last,
        days=len(days),
        beds=ward.beds,
        population=facts.population,
        population_registered=facts.population_registered,
        population_source=ward.population_source if facts.population_registered else "",
        per_population=measures.per_population(ward.beds, facts.population),
        bed_days_available=available,
        bed_days_used=used,
        occupancy=measures.share(used, available),
        admitted=len(admitted),
        step_up_admitted=sum(1 for s in admitted if s.step_up),
        step_down_admitted=sum(1 for s in admitted if not s.step_up),
        ended=len(ended),
        length_of_stay=measures.length_of_stay(ended),
        at_home=measures.ended_at_home(ended),
        avoided=avoided,
        expected=expected,
        deflection=measures.deflection(avoided, expected, target),
        target=target,
        baseline_per_year=ward.baseline_admissions_per_year,
        baseline_source=ward.baseline_source,
        snapshot_at=snapshot,
        snapshot_beds=facts.set_beds.get(thursday, ward.beds) if thursday else None,
        on_the_ward=measures.on_the_ward_at(facts.stays, snapshot) if snapshot else None,
    )


def by_month(facts: WardFacts, now: datetime) -> list[Figures]:
    """The figures of each calendar month of the period (cut to it), each from only the stays that overlap it."""
    found = []
    for first, last in measures.months(facts.first, facts.last):
        start, end = bounds(first, last)
        stays = [s for s in facts.stays if s.admitted_at < end and (s.ended_at is None or s.ended_at >= start)]
        found.append(work_out(replace(facts, stays=stays), first, last, now))
    return found


# --- how numbers are written --------------------------------------------------------------------------------------


def percent(value: float | None, places: int = 1) -> str:
    return "" if value is None else f"{value * 100:.{places}f}%"


def percent_as_needed(value: float) -> str:
    """A share as a percentage with one decimal place only when it has one: 17.5%, or 17%."""
    return f"{value * 100:.1f}".removesuffix(".0") + "%"


def count(value: int) -> str:
    """A count with thousands separated: 2,099."""
    return f"{value:,}"


def number(value: float | None, places: int = 1) -> str:
    return "" if value is None else f"{value:,.{places}f}"
