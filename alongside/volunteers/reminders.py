"""Which reminders go today before a check or a course runs out: 60 and 14 days before, each once. Pure.

A reminder whose day has come goes at the next daily run, and never twice (the `reminded_*_at` marks). If both
are due at once (something recorded within 14 days of running out, or a day the task did not run), only the
nearer one goes and both are marked: no one hears "60 days" when it is 10.
"""

from dataclasses import dataclass
from datetime import date

from .standing import REMINDER_DAYS, reminder_due


@dataclass(frozen=True)
class Marks:
    expires_on: date
    reminded_60: bool
    reminded_14: bool


def due_reminder(item: Marks, today: date) -> int | None:
    """The reminder to send today (60 or 14, the days before), or None."""
    sent = {60: item.reminded_60, 14: item.reminded_14}
    for days in sorted(REMINDER_DAYS):  # the nearest first
        if reminder_due(item.expires_on, today, days):
            return None if sent[days] else days
    return None


def marks_after(days: int) -> tuple[int, ...]:
    """The marks set when the reminder `days` before goes: it, and any earlier one not sent."""
    return tuple(d for d in REMINDER_DAYS if d >= days)
