"""Who in a team has had supervision in the last 6 weeks. Plain Python, no Django.

The 6 weeks are counted back from today to the day of the last session that happened (booked sessions and those
that did not happen do not count). Someone who joined the team less than 6 weeks ago and has not yet had one is
"new", not a gap: they have not had the time. A share counts those who had one out of everyone except the new.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

WINDOW = timedelta(weeks=6)


class Standing(StrEnum):
    HAD = "had"  # supervision in the last 6 weeks
    GAP = "gap"  # none in the last 6 weeks (or ever)
    NEW = "new"  # joined less than 6 weeks ago, none yet


@dataclass(frozen=True)
class Member:
    user_id: int
    joined: date  # the day they joined the team


@dataclass(frozen=True)
class Line:
    user_id: int
    standing: Standing
    last: date | None  # the day of their last supervision that happened, if any


def standing(joined: date, last: date | None, today: date) -> Standing:
    if last is not None and today - last <= WINDOW:
        return Standing.HAD
    if today - joined < WINDOW:
        return Standing.NEW
    return Standing.GAP


def lines(members: Iterable[Member], last_happened: Mapping[int, date], today: date) -> list[Line]:
    """One line per member (the earliest day they joined, if given twice), in the order first given."""
    joined: dict[int, date] = {}
    for member in members:
        joined[member.user_id] = min(member.joined, joined.get(member.user_id, member.joined))
    return [
        Line(user_id, standing(day, last_happened.get(user_id), today), last_happened.get(user_id))
        for user_id, day in joined.items()
    ]


def share(found: Iterable[Line]) -> tuple[int, int]:
    """(how many had supervision in the last 6 weeks, out of how many are not new)."""
    counted = [line for line in found if line.standing != Standing.NEW]
    return sum(1 for line in counted if line.standing == Standing.HAD), len(counted)
