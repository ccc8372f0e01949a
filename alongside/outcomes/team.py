"""The team's outcomes, counted (issue 15, item 5, for the team). Pure: no Django, no database.

Among the people the team cares for who answered an instrument twice or more in the period, how many reliably
improved, did not reliably change, or reliably got worse, from their first answer in the period to their latest:
Jacobson and Truax, with the instrument's own threshold (scoring.reliable_changes, in one numpy batch).

Small groups could point at a person, so a group of fewer than `SMALLEST_SHOWN` people is not shown at all: not its
size, not its shares, only a sentence saying it is too small. Shares are fractions of the group that sum to exactly
1; the page shows them as whole percentages that sum to 100 (largest remainders).
"""

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from .instruments import Instrument
from .scoring import reliable_changes

SMALLEST_SHOWN = 5
TOO_FEW = (
    "Too few people answered {title} twice or more in this time for the figures to be shown without risk of "
    "pointing at someone."
)
NO_THRESHOLD = "{title} has no published measure of reliable change, so its answers are not counted here."


@dataclass(frozen=True)
class Counts:
    improved: int
    unchanged: int
    worse: int

    @property
    def people(self) -> int:
        return self.improved + self.unchanged + self.worse


@dataclass(frozen=True)
class Row:
    """One instrument's line of the report. `shown` False: nothing but `sentence` may be shown."""

    code: str
    title: str
    shown: bool
    people: int | None = None
    shares: tuple[Fraction, Fraction, Fraction] | None = None  # improved, unchanged, worse
    percents: tuple[int, int, int] | None = None
    sentence: str = ""


def counted(before: NDArray[np.float64], after: NDArray[np.float64], threshold: float, lower_is_better: bool) -> Counts:
    """How many pairs (first, latest) reliably improved, did not change and got worse. Pairs with a missing score
    are not counted."""
    codes = reliable_changes(before, after, threshold, lower_is_better)
    return Counts(
        improved=int(np.count_nonzero(codes == 1)),
        unchanged=int(np.count_nonzero(codes == 0)),
        worse=int(np.count_nonzero(codes == -1)),
    )


def percentages(shares: tuple[Fraction, ...]) -> tuple[int, ...]:
    """Whole percentages summing to 100: each share's floor, then one more to the largest remainders."""
    exact = [share * 100 for share in shares]
    floors = [int(value) for value in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: 100 - sum(floors)]:
        floors[i] += 1
    return tuple(floors)


def row(code: str, title: str, counts: Counts) -> Row:
    """The instrument's line: shares of the group, or only a sentence when the group is under SMALLEST_SHOWN."""
    people = counts.people
    if people < SMALLEST_SHOWN:
        return Row(code, title, shown=False, sentence=TOO_FEW.format(title=title))
    shares = (
        Fraction(counts.improved, people),
        Fraction(counts.unchanged, people),
        Fraction(counts.worse, people),
    )
    percents = percentages(shares)
    return Row(code, title, shown=True, people=people, shares=shares, percents=(percents[0], percents[1], percents[2]))


def not_counted(instrument: Instrument) -> Row:
    return Row(instrument.code, instrument.title, shown=False, sentence=NO_THRESHOLD.format(title=instrument.title))


def threshold_of(instrument: Instrument) -> tuple[float, bool] | None:
    """The reliable change threshold and direction the report judges `instrument` by: its total's, or for goals
    (one scoring shared by every item) the items'; None where none is published (ONS4)."""
    if instrument.method == "total" and instrument.reliable_change is not None:
        return instrument.reliable_change.threshold, instrument.lower_is_better
    default = instrument.per_item_default
    if instrument.items_per_person and default is not None and default.reliable_change is not None:
        return default.reliable_change.threshold, default.lower_is_better
    return None


def first_and_latest(
    person: NDArray[np.int64],
    kind: NDArray[np.int32],
    at: NDArray[np.float64],
    ids: NDArray[np.int64],
    value: NDArray[np.float64],
    codes: list[str],
) -> dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]]:
    """From many answers (each: the person, its instrument as a place in `codes` counted from 1, when, its id and
    its value), by instrument: each person's first and latest value, in time order (then id), for every person
    with two or more valued answers to it. Answers with no value (NaN) are left out first."""
    valued = ~np.isnan(value)
    person, kind, at, ids, value = person[valued], kind[valued], at[valued], ids[valued], value[valued]
    order = np.lexsort((ids, at, kind, person))
    person, kind, value = person[order], kind[order], value[order].astype(np.float64)
    starts_group = np.ones(len(person), dtype=bool)
    starts_group[1:] = (person[1:] != person[:-1]) | (kind[1:] != kind[:-1])
    firsts = np.flatnonzero(starts_group)
    lasts = np.append(firsts[1:], len(person)) - 1
    twice = lasts > firsts
    found = {}
    for place, code in enumerate(codes, start=1):
        chosen = twice & (kind[firsts] == place)
        if chosen.any():
            found[code] = (value[firsts[chosen]], value[lasts[chosen]])
    return found


def report(
    instruments: list[Instrument], pairs: dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]]
) -> list[Row]:
    """A line for each instrument, from each one's (first, latest) pairs: counted, or said why not."""
    rows = []
    for instrument in instruments:
        judged = threshold_of(instrument)
        if judged is None:
            rows.append(not_counted(instrument))
            continue
        empty = np.empty(0, dtype=np.float64)
        before, after = pairs.get(instrument.code, (empty, empty))
        rows.append(row(instrument.code, instrument.title, counted(before, after, *judged)))
    return rows
