"""Quarters: a standards cycle is one quarter of the year (January to March is quarter 1). Plain Python, no Django.

A cycle is rated in its quarter, and stakeholders may check it until a month after the quarter ends (`closes_on`):
after that, its links stop working.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from alongside.core.numbers import whole_number

GRACE_DAYS = 31  # how long after its quarter ends a cycle stays open for stakeholders to check


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(f"a quarter is 1 to 4, not {self.number}")

    @property
    def starts_on(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def ends_on(self) -> date:
        """Its last day."""
        return self.next().starts_on - timedelta(days=1)

    @property
    def closes_on(self) -> date:
        """The first day on which its cycle no longer takes stakeholders' answers."""
        return self.ends_on + timedelta(days=GRACE_DAYS + 1)

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def label(self) -> str:
        """In plain words: "April to June 2026"."""
        return f"{MONTHS[3 * self.number - 3]} to {MONTHS[3 * self.number - 1]} {self.year}"

    def key(self) -> str:
        return f"{self.year}-{self.number}"

    def short(self) -> str:
        """Where space is tight: "Apr to Jun 2026"."""
        return f"{MONTHS[3 * self.number - 3][:3]} to {MONTHS[3 * self.number - 1][:3]} {self.year}"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def containing(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def parse(text: str) -> Quarter | None:
    """A quarter from its key ("2026-3", as `Quarter.key` writes it), or None for anything else."""
    year, dash, number = text.partition("-")
    found = whole_number(year, low=1000) if len(year) == 4 else None  # 4 digits, none of them a space
    if not (dash and found is not None and number in ("1", "2", "3", "4")):
        return None
    return Quarter(found, int(number))


def is_open(quarter: Quarter, today: date) -> bool:
    """Whether a cycle of this quarter still takes stakeholders' answers today."""
    return today < quarter.closes_on


def last(n: int, today: date) -> list[Quarter]:
    """The n quarters up to and including today's, oldest first."""
    found = [containing(today)]
    while len(found) < n:
        found.append(found[-1].previous())
    return found[::-1]
