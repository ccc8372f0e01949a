"""An MDT agenda's arithmetic, without the database: when each item starts, moving an item up or down, putting the
items with invited volunteers first (Living Well: volunteers join at the start and leave), and the words an
invitee reads ("Tuesday 8 December, join at 12:40 for Harold Hart (10 minutes)")."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from alongside.core.numbers import whole_number

SHORTEST, LONGEST = 1, 120  # minutes an item may have
UP, DOWN = "up", "down"


def starts(start: datetime, minutes: Sequence[int]) -> list[datetime]:
    """When each item starts: the meeting's start, then each after the one before it has had its minutes."""
    times, at = [], start
    for length in minutes:
        times.append(at)
        at += timedelta(minutes=length)
    return times


def ends(start: datetime, minutes: Sequence[int]) -> datetime:
    """When the last item ends."""
    return start + timedelta(minutes=sum(minutes))


def moved[T](order: Sequence[T], index: int, direction: str) -> list[T]:
    """The order with the item at `index` moved one place up or down; unchanged at either end or for a bad index."""
    result = list(order)
    other = index - 1 if direction == UP else index + 1 if direction == DOWN else -1
    if 0 <= index < len(result) and 0 <= other < len(result):
        result[index], result[other] = result[other], result[index]
    return result


def invited_first[T](order: Sequence[T], has_volunteer: Sequence[bool]) -> list[T]:
    """The items with an invited volunteer first, each group keeping its order (so a volunteer joins at the start
    and leaves before the others are discussed)."""
    pairs = list(zip(order, has_volunteer, strict=True))
    return [item for item, flag in pairs if flag] + [item for item, flag in pairs if not flag]


def minutes_problem(typed: str) -> str | None:
    """What is wrong with minutes typed for an item, in words, or None."""
    text = typed.strip()
    if not text:
        return "Enter how many minutes the item needs"
    minutes = whole_number(text)
    if minutes is None:
        return "Minutes must be a whole number, like 10"
    if not SHORTEST <= minutes <= LONGEST:
        return f"Minutes must be between {SHORTEST} and {LONGEST}"
    return None


def in_minutes(count: int) -> str:
    return f"{count} minute" if count == 1 else f"{count} minutes"


def join_words(at: datetime, name: str, minutes: int) -> str:
    """'Tuesday 8 December, join at 12:40 for Harold Hart (10 minutes)': `at` in the reader's time."""
    return f"{at:%A} {at.day} {at:%B}, join at {at:%H:%M} for {name} ({in_minutes(minutes)})"


PHONE = re.compile(r"(?<![\w+])(\+?\d[\d ]{8,14}\d)(?![\w])")


@dataclass(frozen=True)
class Place:
    """Where to join, split around a phone number in it (if any), so that the number can be a link to tap."""

    before: str
    phone: str = ""
    after: str = ""


def place_parts(place: str) -> Place:
    found = PHONE.search(place)
    if found is None:
        return Place(place)
    return Place(place[: found.start()], found.group(1), place[found.end() :])
