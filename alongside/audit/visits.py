"""Repeated reads of one visit, as one line: the grouping behind "Who has looked at my record".

A visit is what one user did with the record in one sitting, for one reason: events next to each other in the
history (nobody else's event between them), by the same user, with the same basis, on the same day or no more
than `SITTING` apart (a sitting that runs past midnight stays one visit). "Sam looked at your record 3 times on
Tuesday 3 March" is one visit.

Pure: no Django and no database, so it can be tested on any history. The audit pages word the visits
(`alongside.audit.wording`).
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

SITTING = timedelta(minutes=30)


@dataclass(frozen=True)
class Event:
    """One thing done with the record: when (in local time), by whom (any key), what, and on what basis."""

    at: datetime
    actor: Hashable
    action: str
    basis: str


@dataclass
class Visit:
    """Consecutive events by one user, for one reason, in one sitting or one day. `events` keep the order given."""

    actor: Hashable
    basis: str
    events: list[Event] = field(default_factory=list)

    @property
    def first(self) -> datetime:
        return min(e.at for e in self.events)

    @property
    def last(self) -> datetime:
        return max(e.at for e in self.events)

    @property
    def actions(self) -> list[tuple[str, int]]:
        """What was done and how many times, in the order each thing was first done."""
        counts: dict[str, int] = {}
        for event in sorted(self.events, key=lambda e: e.at):
            counts[event.action] = counts.get(event.action, 0) + 1
        return list(counts.items())

    def takes(self, event: Event, sitting: timedelta = SITTING) -> bool:
        """Whether `event`, next in the history, belongs to this visit."""
        if event.actor != self.actor or event.basis != self.basis:
            return False
        latest = self.events[-1]  # the one next to it in the history
        return abs(event.at - latest.at) <= sitting or event.at.date() == latest.at.date()


def visits(events: Iterable[Event], sitting: timedelta = SITTING) -> list[Visit]:
    """The events, in the order given (newest first on the page), grouped into visits in the same order."""
    found: list[Visit] = []
    for event in events:
        if found and found[-1].takes(event, sitting):
            found[-1].events.append(event)
        else:
            found.append(Visit(event.actor, event.basis, [event]))
    return found
