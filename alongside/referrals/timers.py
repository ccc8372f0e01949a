"""Target times to a triage decision: when a referral is due, whether it is overdue, and how we are doing this week.

Pure functions of times and settings, testable without a database.
"""

import statistics
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def target(urgency: str, targets: Mapping[str, int]) -> timedelta:
    """The aim for deciding on a referral of this urgency (targets are in hours)."""
    return timedelta(hours=targets[urgency])


def due_at(received_at: datetime, urgency: str, targets: Mapping[str, int]) -> datetime:
    return received_at + target(urgency, targets)


def is_overdue(received_at: datetime, urgency: str, now: datetime, targets: Mapping[str, int]) -> bool:
    return now > due_at(received_at, urgency, targets)


def queue_key(
    received_at: datetime, urgency: str, now: datetime, targets: Mapping[str, int], ranks: Mapping[str, int]
) -> tuple[int, datetime]:
    """Where a referral waiting for a decision stands in the triage queue: the overdue first, the most urgent of
    them first (an urgent referral an hour late before a routine one a day late), then the rest soonest due first.
    `queries.queue_page` writes the same order as one query."""
    due = due_at(received_at, urgency, targets)
    return (ranks[urgency] if now > due else len(ranks), due)


def duration_words(span: timedelta) -> str:
    """A waiting time as a person would say it: "under an hour", "5 hours", "3 days"."""
    hours = span.total_seconds() / 3600
    if hours < 1:
        return "under an hour"
    if hours < 48:
        whole = int(hours)
        return f"{whole} hour" if whole == 1 else f"{whole} hours"
    days = int(hours // 24)
    return f"{days} days"


def week_start(now: datetime) -> datetime:
    """Monday 00:00 UK time of the week containing `now`, as an aware datetime."""
    local = now.astimezone(UK)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime(monday.year, monday.month, monday.day, tzinfo=UK)


def median(spans: Iterable[timedelta]) -> timedelta | None:
    spans = list(spans)
    if not spans:
        return None
    return timedelta(seconds=statistics.median(s.total_seconds() for s in spans))


def within_target_share(spans: Iterable[timedelta], aim: timedelta) -> float | None:
    spans = list(spans)
    if not spans:
        return None
    return sum(1 for s in spans if s <= aim) / len(spans)
