"""When a course's record runs out, and whether someone is in date: plain dates, no database.

A course is valid for a number of months from the day it was finished, or never runs out (`None`). A record is
"due soon" when it runs out within `DUE_SOON_DAYS`, and "expired" from the day it runs out. Someone's standing
for a course is that of their record which runs out last."""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from alongside.core.numbers import whole_number

DUE_SOON_DAYS = 60
EARLIEST_YEAR = 1990


class Standing(StrEnum):
    IN_DATE = "in_date"
    DUE_SOON = "due_soon"
    EXPIRED = "expired"
    NOT_DONE = "not_done"


WORDS = {
    Standing.IN_DATE: "In date",
    Standing.DUE_SOON: "Due soon",
    Standing.EXPIRED: "Expired",
    Standing.NOT_DONE: "Not done",
}


def expires_on(completed: date, valid_months: int | None) -> date | None:
    """The day the record runs out: `valid_months` after `completed` (the last day of a shorter month), or None
    when the course never runs out."""
    if valid_months is None:
        return None
    months = completed.month - 1 + valid_months
    year, month = completed.year + months // 12, months % 12 + 1
    return date(year, month, min(completed.day, calendar.monthrange(year, month)[1]))


def standing(expires: date | None, today: date) -> Standing:
    """In date, due soon (runs out within DUE_SOON_DAYS) or expired (on or after the day it runs out)."""
    if expires is None:
        return Standing.IN_DATE
    if expires <= today:
        return Standing.EXPIRED
    if expires <= today + timedelta(days=DUE_SOON_DAYS):
        return Standing.DUE_SOON
    return Standing.IN_DATE


@dataclass(frozen=True)
class Done:
    """One completion of a course: when it was finished and when it runs out (None: never)."""

    completed: date
    expires: date | None


def latest(done: Iterable[Done]) -> Done | None:
    """The completion that runs out last (one that never runs out beats any other), or None."""
    return max(done, key=lambda d: (d.expires is None, d.expires or d.completed, d.completed), default=None)


def standing_of(done: Iterable[Done], today: date) -> Standing:
    """Someone's standing for a course from all their completions of it."""
    best = latest(done)
    return Standing.NOT_DONE if best is None else standing(best.expires, today)


def year_problem(typed: str) -> str | None:
    """Why a typed year cannot be right before it is read as a date (a year of 2 numbers, say), or None."""
    if len(typed.strip()) != 4 or whole_number(typed) is None:
        return "must have a year with 4 numbers, for example 2025"
    return None


def date_problem(day: date, today: date) -> str | None:
    """Why a completion date cannot be right, in a few plain words, or None."""
    if day > today:
        return "must be today or in the past"
    if day.year < EARLIEST_YEAR:
        return f"must be in {EARLIEST_YEAR} or later"
    return None


@dataclass(frozen=True)
class Tally:
    """How a group stands for one course: each person counted once, in one of the four standings, so the counts
    add up to the group. `valid` is everyone whose course has not run out: in date and due soon together."""

    in_date: int
    due_soon: int
    expired: int
    not_done: int

    @property
    def of(self) -> int:
        return self.in_date + self.due_soon + self.expired + self.not_done

    @property
    def valid(self) -> int:
        return self.in_date + self.due_soon

    @property
    def percent(self) -> int | None:
        return round(100 * self.valid / self.of) if self.of else None


def tally(standings: Iterable[Standing]) -> Tally:
    found = list(standings)
    return Tally(
        in_date=found.count(Standing.IN_DATE),
        due_soon=found.count(Standing.DUE_SOON),
        expired=found.count(Standing.EXPIRED),
        not_done=found.count(Standing.NOT_DONE),
    )


def is_for(for_roles: Iterable[str], roles: Iterable[str]) -> bool:
    """Whether a course is for someone holding `roles`: a course for no roles in particular is for everyone."""
    wanted = set(for_roles)
    return not wanted or bool(wanted & set(roles))
