"""A team's patterns: by month, how many reflections the team wrote and, for each of the ten tips, the share who
found it hard, hardest first ("Which did we find hardest?"). Plain Python, no Django.

Anonymous by construction: it is given only a team, a month and the tips ticked, never a worker, a person or a
note. A month with fewer than `AT_LEAST` reflections is held back whole, count and shares alike, because with so
few someone could work out who found what hard; every month asked for is answered, so that a held-back month looks
the same whether it had none or four.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

AT_LEAST = 5


@dataclass(frozen=True)
class Written:
    """One reflection as the patterns see it: the first day of the month it was written in, and the tips ticked."""

    month: date
    hard: frozenset[str]


@dataclass(frozen=True)
class Share:
    """One tip's share of the month's reflections that ticked it as hard, between 0 and 1."""

    key: str
    share: float

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True)
class Month:
    """One month of a team: shown (with its count and each tip's share, hardest first) or held back (neither)."""

    month: date
    count: int | None
    shares: tuple[Share, ...]
    open: bool = False  # the month is not over: held back whatever its count

    @property
    def shown(self) -> bool:
        return self.count is not None


def monthly(
    written: Iterable[Written],
    months: Sequence[date],
    keys: Sequence[str],
    at_least: int = AT_LEAST,
    open_from: date | None = None,
) -> list[Month]:
    """Each of `months` (first days, in the order given) with the team's patterns, or held back when fewer than
    `at_least` reflections were written in it, or when it is `open_from` or later (a month not yet over, held
    back whatever its count, and marked open). Ticks of tips not in `keys` are not counted."""
    counts: dict[date, int] = {}
    ticks: dict[date, dict[str, int]] = {}
    for one in written:
        counts[one.month] = counts.get(one.month, 0) + 1
        month_ticks = ticks.setdefault(one.month, {})
        for key in one.hard:
            month_ticks[key] = month_ticks.get(key, 0) + 1
    answer = []
    for month in months:
        if open_from is not None and month >= open_from:
            # still being written: shown as it grew, one more reflection would tell what its writer ticked
            answer.append(Month(month, None, (), open=True))
            continue
        count = counts.get(month, 0)
        if count < max(at_least, 1):
            answer.append(Month(month, None, ()))
            continue
        order = {key: n for n, key in enumerate(keys)}
        shares = [Share(key, ticks[month].get(key, 0) / count) for key in keys]
        shares.sort(key=lambda s: (-s.share, order[s.key]))
        answer.append(Month(month, count, tuple(shares)))
    return answer


def months_back(today: date, how_many: int) -> list[date]:
    """The first days of this month and the `how_many - 1` before it, newest first."""
    year, month = today.year, today.month
    found = []
    for _ in range(how_many):
        found.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found
