"""The life of a concern, as plain rules: which moves each state allows, and what each move leaves behind.

A concern is open until someone who acts on it writes an outcome for the volunteer; only then may it close. The
volunteer then says thank you (it stays closed) or that they are still worried (it opens again, with a fresh
response target, and may be reminded about once more if that target passes). An open concern past its response
target is reminded about once: never twice for the same target.

No Django here: `actions_loop` asks these rules before each write, and the hypothesis tests drive both.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from statistics import median


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Move(StrEnum):
    CLOSE = "closed"  # an outcome is written for the volunteer
    THANK = "thanked"  # the volunteer says thank you
    STILL_WORRIED = "still_worried"  # the volunteer is still worried: it opens again
    REMIND = "reminded"  # past its response target: the people who act are reminded, once


OUTCOME_LONGEST = 1000  # characters: a few plain sentences
WORDS_LONGEST = 1000

# How soon someone should answer when the hub has no route for the urgency (hours): the same urgencies a route
# sets, so that a reopened concern always has a response target.
USUAL_RESPONSE_HOURS = {"today": 4, "few_days": 72, "next_meeting": 24 * 31}


@dataclass(frozen=True)
class Loop:
    """What the rules need to know about one concern."""

    status: Status
    answer_by: datetime
    reminded: bool = False  # reminded about its current response target
    replied: bool = False  # the volunteer has answered the outcome they were told


class NotAllowed(Exception):
    """The move does not apply to the concern as it is now; the message says why, in plain words."""


def outcome_problem(words: str) -> str | None:
    """Why these words cannot close a concern, or None when they can."""
    text = words.strip()
    if not text:
        return "Write what happened, for the volunteer"
    if len(text) > OUTCOME_LONGEST:
        return f"Write what happened in {OUTCOME_LONGEST} characters or fewer"
    return None


def worry_problem(words: str) -> str | None:
    """Why these words cannot reopen a concern ("I'm still worried"), or None when they can."""
    text = words.strip()
    if not text:
        return "Tell us what still worries you"
    if len(text) > WORDS_LONGEST:
        return f"Tell us in {WORDS_LONGEST} characters or fewer"
    return None


def refusal(loop: Loop, move: Move, words: str = "", now: datetime | None = None) -> str | None:
    """Why `move` may not be made now, or None when it may."""
    if move == Move.CLOSE:
        if loop.status != Status.OPEN:
            return "This concern has already been answered"
        return outcome_problem(words)
    if move in (Move.THANK, Move.STILL_WORRIED):
        if loop.status != Status.CLOSED:
            return "This concern is still open: there is no answer to reply to yet"
        if loop.replied:
            return "You have already replied to this answer"
        return worry_problem(words) if move == Move.STILL_WORRIED else None
    if loop.status != Status.OPEN or loop.reminded:
        return "Only an open concern is reminded about, and only once"
    if now is None or now < loop.answer_by:
        return "This concern is not overdue"
    return None


def after(loop: Loop, move: Move, *, now: datetime, response_hours: int, words: str = "") -> Loop:
    """The concern after `move`, or NotAllowed. Closing needs an outcome; "still worried" reopens it with a new
    response target counted from now, not yet reminded about."""
    problem = refusal(loop, move, words, now)
    if problem:
        raise NotAllowed(problem)
    if move == Move.CLOSE:
        return Loop(Status.CLOSED, loop.answer_by, loop.reminded, replied=False)
    if move == Move.THANK:
        return Loop(Status.CLOSED, loop.answer_by, loop.reminded, replied=True)
    if move == Move.STILL_WORRIED:
        return Loop(Status.OPEN, new_target(now, response_hours), reminded=False, replied=False)
    return Loop(Status.OPEN, loop.answer_by, reminded=True, replied=loop.replied)


def new_target(now: datetime, response_hours: int) -> datetime:
    return now + timedelta(hours=max(1, response_hours))


def response_hours(route_hours: int | None, urgency: str) -> int:
    """The hub's route's response target for this urgency, else the usual one."""
    if route_hours:
        return route_hours
    return USUAL_RESPONSE_HOURS.get(urgency, USUAL_RESPONSE_HOURS["few_days"])


def is_overdue(status: str, answer_by: datetime, now: datetime) -> bool:
    return status == Status.OPEN and answer_by <= now


# --- how long loops take to close -----------------------------------------------------------------------------


def took(opened: datetime, closed: datetime) -> timedelta:
    return max(timedelta(0), closed - opened)


def median_time(times: list[timedelta]) -> timedelta | None:
    if not times:
        return None
    return timedelta(seconds=median(t.total_seconds() for t in times))


def in_words(span: timedelta) -> str:
    """A span in the largest plain unit that fits: "45 minutes", "5 hours" (whole ones), "3 days" (the nearest)."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return _count(max(minutes, 1) if span.total_seconds() > 0 else 0, "minute")
    hours = minutes // 60
    if hours < 48:
        return _count(hours, "hour")
    return _count(round(span.total_seconds() / 86_400), "day")  # to the nearest day


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"
