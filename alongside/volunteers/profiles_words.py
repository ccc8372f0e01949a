"""What a volunteer's checks, training and agreement mean, in plain words: for the volunteer ("you") and for their
coordinator ("they"). Pure: no Django, no database.

The rule itself is `standing.standing`; this module only words what it found, and the state of each thing held.
"""

from dataclasses import dataclass
from datetime import date

from .standing import REMINDER_DAYS, Standing

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PARTS = {"morning": "mornings", "afternoon": "afternoons", "evening": "evenings"}


def day(on: date) -> str:
    """3 March 2027."""
    return f"{on.day} {on:%B %Y}"


def in_days(expires_on: date, today: date) -> str:
    """How long until something runs out: "today", "tomorrow", "in 12 days"."""
    days = (expires_on - today).days
    if days <= 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"


@dataclass(frozen=True)
class ItemState:
    """One check or course as held, worded: "lapsed", "due" (runs out within the reminder horizon) or "ok"."""

    state: str
    words: str

    @property
    def tag(self) -> str:
        return {"lapsed": "red", "due": "yellow", "ok": "green"}[self.state]

    @property
    def label(self) -> str:
        return {"lapsed": "Ran out", "due": "Runs out soon", "ok": "In date"}[self.state]


def item_state(expires_on: date, today: date) -> ItemState:
    if expires_on <= today:
        return ItemState("lapsed", f"Ran out on {day(expires_on)}")
    if (expires_on - today).days <= max(REMINDER_DAYS):
        return ItemState("due", f"Runs out on {day(expires_on)}, {in_days(expires_on, today)}")
    return ItemState("ok", f"In date until {day(expires_on)}")


def for_you(reason: str) -> str:
    """A reason from `standing` ("Their DBS check ran out on ...", "They have not signed ...") said to the
    volunteer themselves."""
    for theirs, yours in (("Their ", "Your "), ("They have ", "You have "), ("They signed ", "You signed ")):
        if reason.startswith(theirs):
            return yours + reason[len(theirs) :]
    return reason


def due_words(words: str, expires_on: date, today: date, *, you: bool) -> str:
    """Something due soon: "Your DBS check runs out on 3 March 2027, in 40 days"."""
    whose = "Your" if you else "Their"
    return f"{whose} {words} runs out on {day(expires_on)}, {in_days(expires_on, today)}"


def allocation_warning(reason: str) -> str:
    """What the coordinator sees beside each client of a volunteer who may not take a new client: the reason, and
    what to do about it. Never shown to the person, or on the person's record."""
    if reason.startswith("They have not signed") or reason.startswith("They signed an earlier"):
        return f"{reason}: ask them to sign the current one"
    if reason.startswith("No "):
        return f"{reason}: arrange one"
    return f"{reason}: arrange a new one"


def summary(found: Standing, *, you: bool) -> str:
    """One sentence: may they take new clients, and if not, why not."""
    if found.may_take_clients:
        return "You can take new clients." if you else "May take new clients."
    reasons = [for_you(r) if you else r for r in found.lapsed]
    first = "You cannot take new clients at the moment" if you else "May not take new clients"
    return f"{first}: " + "; ".join(r[0].lower() + r[1:] for r in reasons) + "."


def availability(days: list[int], parts: list[str]) -> str:
    """When a volunteer is free, in a few words: "Mondays and Thursdays, mornings"."""
    if not days and not parts:
        return "Not said yet"
    named = [DAY_NAMES[d] + "s" for d in sorted(days) if 0 <= d < len(DAY_NAMES)]
    if named == [DAY_NAMES[d] + "s" for d in range(5)]:
        named = ["Weekdays"]
    when = [PARTS[p] for p in ("morning", "afternoon", "evening") if p in parts]
    return ", ".join(filter(None, [_and(named) or "Any day", _and(when) or "any time of day"]))


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
