"""When a listing needs checking: the pure rule, with no database.

A listing is stale when no one has checked it is still right for more than six months (183 days): checked more
than 183 days ago, or never checked and added more than 183 days ago. Its keepers are reminded once while it is
stale; checking it (or changing it) clears the reminder, so the next time it goes stale they are reminded again.
"""

from datetime import date, timedelta

STALE_AFTER_DAYS = 183


def last_known_right(checked_on: date | None, added_on: date) -> date:
    """The last day someone said the listing was right: when it was checked, or else when it was added."""
    return checked_on or added_on


def is_stale(checked_on: date | None, added_on: date, today: date) -> bool:
    return (today - last_known_right(checked_on, added_on)).days > STALE_AFTER_DAYS


def stale_before(today: date) -> date:
    """A listing last known right before this day is stale (for a query: checked_on, or added_on, < this)."""
    return today - timedelta(days=STALE_AFTER_DAYS)


def needs_reminder(checked_on: date | None, added_on: date, reminded: bool, retired: bool, today: date) -> bool:
    """Remind its keepers once while it is stale, and never about a retired listing."""
    return not retired and not reminded and is_stale(checked_on, added_on, today)


def due_words(checked_on: date | None, added_on: date, today: date) -> str:
    """How long since it was last known right, in plain words."""
    if checked_on is None:
        return f"Never checked since it was added on {added_on.day} {added_on:%B %Y}"
    return f"Last checked on {checked_on.day} {checked_on:%B %Y}"
