"""Whether a volunteer may take a new client today, and if not, why, in words a coordinator reads.

Pure: no Django, no database. A volunteer is in good standing when, on the day asked about, they hold:
- a DBS check that has not run out;
- a reference that has not run out;
- each required course (volunteer risk awareness, confidentiality, safeguarding) completed and not run out;
- the current version of the confidentiality agreement, signed.

Something runs out at the start of its expiry date. "Due soon" is what runs out within the reminder horizon (60
days), so that the volunteer and the coordinator hear in time.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

CURRENT_AGREEMENT = "2026-1"  # the confidentiality agreement's version volunteers sign now
REQUIRED_CHECKS = {"dbs": "DBS check", "reference": "reference"}
REQUIRED_COURSES = {
    "risk_awareness": "volunteer risk awareness training",
    "confidentiality": "confidentiality training",
    "safeguarding": "safeguarding adults training",
}
REMINDER_DAYS = (60, 14)  # reminders go this many days before something runs out


@dataclass(frozen=True)
class Held:
    """One check or course as held: its kind ("dbs", "reference" or a course) and the day it runs out."""

    kind: str
    expires_on: date


@dataclass(frozen=True)
class Standing:
    lapsed: tuple[str, ...]  # why they may not take a new client, in words; empty: they may
    due_soon: tuple[tuple[str, date], ...]  # what runs out within 60 days, and when

    @property
    def may_take_clients(self) -> bool:
        return not self.lapsed


def standing(held: Iterable[Held], agreement_version: str | None, today: date) -> Standing:
    """The volunteer's standing on `today` from everything they hold (any number of each kind; the latest
    expiry of each kind counts) and the version of the agreement they last signed (None: never)."""
    latest: dict[str, date] = {}
    for item in held:
        if item.kind not in latest or item.expires_on > latest[item.kind]:
            latest[item.kind] = item.expires_on
    lapsed: list[str] = []
    due: list[tuple[str, date]] = []
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    for kind, words in (REQUIRED_CHECKS | REQUIRED_COURSES).items():
        expires = latest.get(kind)
        if expires is None:
            lapsed.append(f"No {words} recorded")
        elif expires <= today:
            lapsed.append(f"Their {words} ran out on {expires.day} {expires:%B %Y}")
        elif expires <= horizon:
            due.append((words, expires))
    if agreement_version is None:
        lapsed.append("They have not signed the confidentiality agreement")
    elif agreement_version != CURRENT_AGREEMENT:
        lapsed.append(
            f"They signed an earlier confidentiality agreement ({agreement_version}), not {CURRENT_AGREEMENT}"
        )
    return Standing(tuple(lapsed), tuple(sorted(due, key=lambda d: d[1])))


def held_until(held: Iterable[Held]) -> date | None:
    """The day the first required check or course runs out (the latest of each kind counting), or None when one
    was never recorded. Kept on each profile, so that matching knows who may take a client without reading every
    check: see `clear_on`."""
    latest: dict[str, date] = {}
    for item in held:
        if item.kind not in latest or item.expires_on > latest[item.kind]:
            latest[item.kind] = item.expires_on
    required = REQUIRED_CHECKS | REQUIRED_COURSES
    if not all(kind in latest for kind in required):
        return None
    return min(latest[kind] for kind in required)


def clear_on(until: date | None, agreement_version: str | None, today: date) -> bool:
    """Whether nothing stops the volunteer taking a new client on `today`, from what is kept on their profile: the
    same answer as `standing(...).may_take_clients`, without the reasons."""
    return until is not None and until > today and agreement_version == CURRENT_AGREEMENT


def reminder_due(expires_on: date, today: date, days_before: int) -> bool:
    """Whether the reminder `days_before` the expiry should have gone by `today` (and it has not run out yet)."""
    return expires_on - timedelta(days=days_before) <= today < expires_on
