"""The rules of a community referral, with no database: which answers each status allows, when five working days
have passed without an answer, and whether a service's link is still good."""

from datetime import datetime, timedelta
from enum import StrEnum

LINK_DAYS = 14
WAIT_WORKING_DAYS = 5


class Status(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    NOT_ABLE = "not_able"
    NOT_TAKEN_UP = "not_taken_up"
    OUTCOME = "outcome"


# What the service may answer from each status. Accepting is a first answer; after it the service may still say
# the person did not take it up, or give the outcome. Not able to help, not taken up and an outcome are the end.
ANSWERS: dict[Status, frozenset[Status]] = {
    Status.SENT: frozenset({Status.ACCEPTED, Status.NOT_ABLE, Status.NOT_TAKEN_UP, Status.OUTCOME}),
    Status.ACCEPTED: frozenset({Status.NOT_TAKEN_UP, Status.OUTCOME}),
    Status.NOT_ABLE: frozenset(),
    Status.NOT_TAKEN_UP: frozenset(),
    Status.OUTCOME: frozenset(),
}

# The answers that need the service's words: why it cannot help, and what happened.
NEEDS_WORDS = frozenset({Status.NOT_ABLE, Status.OUTCOME})


def allowed(status: Status, answer: Status) -> bool:
    return answer in ANSWERS[status]


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days (Monday to Friday) after `start`, at the same time of day. Bank holidays are not known
    here (as in alongside/breakglass/overdue.py), so a reminder may come a day early around one."""
    at, left = start, days
    while left > 0:
        at += timedelta(days=1)
        if at.weekday() < 5:
            left -= 1
    return at


def answer_overdue(sent_at: datetime, now: datetime) -> bool:
    """Whether five working days have passed since the referral was sent."""
    return now >= add_working_days(sent_at, WAIT_WORKING_DAYS)


def expires_at(sent_at: datetime) -> datetime:
    return sent_at + timedelta(days=LINK_DAYS)


def link_is_good(status: Status, expires: datetime, now: datetime) -> bool:
    """A link is good until it expires, while the referral still has an answer to give."""
    return now < expires and bool(ANSWERS[status])
