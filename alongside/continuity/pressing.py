"""Who on a caseload is most pressing to see, and why, in words. Pure.

A named worker's home page does not list their caseload alphabetically: it puts first the people for whom a
familiar worker matters most and who have not been seen for a while. The order here is the one the database
query writes in SQL (`queries.caseload`); a test holds the two to the same answer.

Tiers, most pressing first:
0. high continuity priority and not seen for a while (or never);
1. not seen for a while (or never);
2. high continuity priority, seen recently;
3. everyone else.
Within a tier, the longest unseen first (never seen before anyone), then the higher priority, then by name.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .priority import HIGH

NOT_SEEN_AFTER = timedelta(days=28)  # four weeks without a contact is "a while"


def not_seen_for_a_while(last_contact: date | None, today: date) -> bool:
    return last_contact is None or today - last_contact > NOT_SEEN_AFTER


def tier(priority_score: int, last_contact: date | None, today: date) -> int:
    high = priority_score >= HIGH
    unseen = not_seen_for_a_while(last_contact, today)
    if high and unseen:
        return 0
    if unseen:
        return 1
    if high:
        return 2
    return 3


def sort_key(priority_score: int, last_contact: date | None, today: date, name: str, pk: int) -> tuple:
    """The order of a caseload, most pressing first."""
    return (tier(priority_score, last_contact, today), last_contact or date.min, -priority_score, name, pk)


def since(last_contact: date | None, today: date) -> str:
    """How long ago, in words: "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago"."""
    if last_contact is None:
        return "never"
    days = (today - last_contact).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"


@dataclass(frozen=True)
class Why:
    """Why a person is near the top of the list, in words, and whether to flag them."""

    words: str
    flagged: bool


def why(priority_score: int, last_contact: date | None, today: date) -> Why:
    high = priority_score >= HIGH
    unseen = not_seen_for_a_while(last_contact, today)
    if last_contact is None:
        seen = "no contact recorded yet"
    else:
        seen = f"not seen for {since(last_contact, today).removesuffix(' ago')}" if unseen else ""
    if high and unseen:
        return Why(f"High continuity priority, {seen}", True)
    if unseen:
        return Why(seen[0].upper() + seen[1:], True)
    if high:
        return Why("High continuity priority", False)
    return Why("", False)
