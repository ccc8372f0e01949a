"""A team's pulse results, month by month, and how each area moved. Plain Python, no Django.

Anonymous by construction: it is given only the answers of a month (which point of the scale each statement got),
never who gave them or when. A month with fewer than `AT_LEAST` answers is held back whole, count and areas alike,
because with so few someone could work out who said what; every month asked for is answered, so a held-back month
looks exactly the same whether it had none or four. A month still open for answers (this month) is held back
whatever its count: if its results moved with each answer, a member who looked just before and just after a
colleague answered could read that colleague's answer in the difference. (The reflection app keeps the same
five-answer rule for its own patterns; this is written again here because capabilities do not import each other.)
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .definitions import Definition

AT_LEAST = 5
# How many percentage points an area must move, between two shown months, to be called higher or lower.
STEADY_WITHIN = 5


@dataclass(frozen=True)
class Answered:
    """One answer as the results see it: the month it counts in (its first day) and each statement's point."""

    month: date
    values: Mapping[str, int]


@dataclass(frozen=True)
class AreaShare:
    """One area's share of positive answers (agreeing with a good statement, disagreeing with a reversed one)
    among the answers its statements got in the month, between 0 and 1."""

    key: str
    share: float

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class Month:
    """One month of a team's pulse: shown (with how many answered and each area's share) or held back (neither),
    because fewer than five answered or because it is still open for answers."""

    month: date
    count: int | None
    areas: tuple[AreaShare, ...]
    open: bool = False

    @property
    def shown(self) -> bool:
        return self.count is not None

    def share(self, key: str) -> AreaShare | None:
        return next((a for a in self.areas if a.key == key), None)


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    STEADY = "steady"


@dataclass(frozen=True)
class Movement:
    """How an area moved from the shown month before the latest shown month to the latest."""

    key: str
    direction: Direction
    since: date
    points: int  # percentage points, signed


def monthly(
    answers: Iterable[Answered],
    months: Sequence[date],
    definition: Definition,
    at_least: int = AT_LEAST,
    open_from: date | None = None,
) -> list[Month]:
    """Each of `months` (first days, in the order given) with the team's results, or held back when fewer than
    `at_least` answered in it, or when it is `open_from` or later (still open for answers: held back whatever its
    count, and marked open). Points outside the scale and statements the definition does not have are not
    counted (a definition is never changed under its answers, but the results do not trust that)."""
    by_month: dict[date, list[Mapping[str, int]]] = {}
    for one in answers:
        by_month.setdefault(one.month, []).append(one.values)
    found = []
    for month in months:
        if open_from is not None and month >= open_from:
            found.append(Month(month, None, (), open=True))
            continue
        given = by_month.get(month, [])
        if len(given) < max(at_least, 1):
            found.append(Month(month, None, ()))
            continue
        found.append(Month(month, len(given), tuple(_area_shares(given, definition))))
    return found


def _area_shares(given: list[Mapping[str, int]], definition: Definition) -> Iterable[AreaShare]:
    for area in definition.areas:
        positive = counted = 0
        for values in given:
            for statement in area.statements:
                value = values.get(statement.key)
                if isinstance(value, int) and definition.scale_min <= value <= definition.scale_max:
                    counted += 1
                    positive += definition.positive(statement, value)
        yield AreaShare(area.key, positive / counted if counted else 0.0)


def movements(months: Sequence[Month], definition: Definition) -> list[Movement]:
    """For each area, how it moved between the two latest shown months (months in any order); none when fewer
    than two months are shown."""
    shown = sorted((m for m in months if m.shown), key=lambda m: m.month)
    if len(shown) < 2:
        return []
    before, latest = shown[-2], shown[-1]
    found = []
    for area in definition.areas:
        old, new = before.share(area.key), latest.share(area.key)
        if old is None or new is None:
            continue
        points = new.percent - old.percent
        direction = (
            Direction.STEADY if abs(points) < STEADY_WITHIN else Direction.HIGHER if points > 0 else Direction.LOWER
        )
        found.append(Movement(area.key, direction, before.month, points))
    return found


@dataclass(frozen=True)
class Coded:
    """One answer with the code of the set it answered."""

    month: date
    code: str
    values: Mapping[str, int]

    @property
    def answered(self) -> Answered:
        return Answered(self.month, self.values)


def month_codes(answers: Iterable[Coded], months: Sequence[date], current: str) -> list[str]:
    """The set each of `months` (newest first, the first being this month) was answered with. A month keeps one
    set, so its answers share a code; answers kept from before that rule may mix two, and then the month is the set
    most answered (the first code in order on a tie), and only its answers count. This month is `current`; a month
    with no answers takes the set of the month after it (it is held back anyway)."""
    counts: dict[date, dict[str, int]] = {}
    for one in answers:
        by_code = counts.setdefault(one.month, {})
        by_code[one.code] = by_code.get(one.code, 0) + 1
    found = []
    for index, month in enumerate(months):
        given = counts.get(month)
        if index == 0:
            found.append(current)
        elif given:
            found.append(min(given, key=lambda code: (-given[code], code)))
        else:
            found.append(found[-1])
    return found


def runs(months: Sequence[date], codes: Sequence[str]) -> list[tuple[str, list[date]]]:
    """The months split into runs of neighbours with the same code, in the order given."""
    found: list[tuple[str, list[date]]] = []
    for month, code in zip(months, codes, strict=True):
        if found and found[-1][0] == code:
            found[-1][1].append(month)
        else:
            found.append((code, [month]))
    return found


def months_back(today: date, how_many: int) -> list[date]:
    """The first days of this month and the `how_many - 1` before it, newest first."""
    year, month = today.year, today.month
    found = []
    for _ in range(how_many):
        found.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found
