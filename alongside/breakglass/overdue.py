"""When a break-glass use should be reviewed by, and when its reads are more than usual.

Pure: no Django and no database. A use should be reviewed within a number of working days of its start
(Monday to Friday; bank holidays are not known here and count as working days); the day it started does not
count. A use is overdue once the day it was due has passed without a review.
"""

from datetime import date, timedelta

REVIEW_WORKING_DAYS = 5  # the default; the setting BREAK_GLASS_REVIEW_WORKING_DAYS changes it
UNUSUAL_READS = 20  # the default; the setting BREAK_GLASS_UNUSUAL_READS changes it
SATURDAY = 5


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def review_due(started: date, working_days: int = REVIEW_WORKING_DAYS) -> date:
    """The last day on which a use started on `started` is reviewed in time: `working_days` working days later."""
    day, left = started, working_days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def is_overdue(started: date, today: date, working_days: int = REVIEW_WORKING_DAYS) -> bool:
    """Not reviewed, and the day it was due has passed."""
    return today > review_due(started, working_days)


def working_days_late(started: date, today: date, working_days: int = REVIEW_WORKING_DAYS) -> int:
    """How many working days have passed since the day it was due (0 if it is not overdue)."""
    due = review_due(started, working_days)
    return sum(1 for n in range(1, (today - due).days + 1) if is_working_day(due + timedelta(days=n)))


def reads_are_unusual(reads: int, usual: int = UNUSUAL_READS) -> bool:
    """More reads of the record under one use than the service expects (the setting)."""
    return reads > usual
