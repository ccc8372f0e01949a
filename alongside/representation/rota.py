"""Who goes to each event for one team: two places, one for someone who carries on from the team's last event and
one for someone new (ADR 40). Pure: no Django, no database.

The fairness rule: nobody goes as the new one again while someone in the team who can go has had fewer turns. So
nobody goes twice before everyone who can go has gone once. A turn counts unless the attendance says they did not
go. Someone who joins the team starts with no turns and waits behind those with none who were there before them;
someone who leaves is no longer in the queue. Between people with as many turns, the one who has gone least recently
goes first, then the one who joined first.

A cancelled event: nobody goes, so it counts for nobody. Its turns are not used up, and who carries on is taken from
the last event that was not cancelled.

Availability: nobody is proposed for an event they said they cannot go to. When nobody can take a place, the rota
says so in plain words instead of filling it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Place(StrEnum):
    CARRIES_ON = "carries_on"  # was at the team's last event, and brings what happened there
    NEW = "new"  # a turn: the fairness rule picks them


@dataclass(frozen=True)
class Member:
    id: int
    name: str


@dataclass(frozen=True)
class Seat:
    place: Place
    member: int | None  # None: nobody can take the place
    reason: str
    went: bool | None = None  # None: not recorded (yet)


@dataclass(frozen=True)
class EventIn:
    """One of the team's events, oldest first. `fixed`: its two seats as already set (chosen by a leader, or with
    attendance recorded); the rota keeps them and counts them."""

    id: int
    cannot_go: frozenset[int] = frozenset()
    fixed: tuple[Seat, ...] | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class EventRota:
    id: int
    seats: tuple[Seat, ...]  # empty for a cancelled event
    fixed: bool
    cancelled: bool = False

    @property
    def goers(self) -> list[int]:
        return [s.member for s in self.seats if s.member is not None]

    @property
    def full(self) -> bool:
        return all(s.member is not None for s in self.seats)


@dataclass
class _Tally:
    order: dict[int, int]  # member id -> place in the queue (who joined first)
    turns: dict[int, int] = field(default_factory=dict)  # member id -> turns as the new one
    last_went: dict[int, int] = field(default_factory=dict)  # member id -> index of the last event they went to
    new_last_time: list[int] = field(default_factory=list)  # the new ones at the last event who went

    def count(self, index: int, seats: Sequence[Seat]) -> None:
        self.new_last_time = []
        for seat in seats:
            if seat.member is None or seat.went is False:
                continue
            self.last_went[seat.member] = index
            if seat.place == Place.NEW:
                self.turns[seat.member] = self.turns.get(seat.member, 0) + 1
                self.new_last_time.append(seat.member)


def turns_before(members: Sequence[Member], events: Sequence[EventRota], upto: int) -> dict[int, int]:
    """Each member's turns as the new one at the events before index `upto` (for tests and the team's page)."""
    tally = _Tally({m.id: i for i, m in enumerate(members)})
    for index, event in enumerate(events[:upto]):
        tally.count(index, event.seats)
    return {m.id: tally.turns.get(m.id, 0) for m in members}


def propose(members: Sequence[Member], events: Sequence[EventIn]) -> list[EventRota]:
    """The team's rota over a run of events, oldest first. `members`: the team now, in the order they joined."""
    tally = _Tally({m.id: i for i, m in enumerate(members)})
    names = {m.id: m.name for m in members}
    rotas = []
    for index, event in enumerate(events):
        if event.cancelled:  # nobody goes: it counts for nobody
            rotas.append(EventRota(event.id, (), False, cancelled=True))
            continue
        first = all(r.cancelled for r in rotas)  # no event before this one took place
        seats = event.fixed if event.fixed is not None else _seats(tally, names, event.cannot_go, first=first)
        tally.count(index, seats)
        rotas.append(EventRota(event.id, tuple(seats), event.fixed is not None))
    return rotas


def _seats(tally: _Tally, names: dict[int, str], cannot_go: frozenset[int], first: bool) -> tuple[Seat, Seat]:
    can_go = [m for m in sorted(tally.order, key=tally.order.__getitem__) if m not in cannot_go]
    carry = _carries_on(tally, names, can_go, cannot_go, first)
    taken = {carry.member} if carry.member is not None else set()
    return carry, _new(tally, names, [m for m in can_go if m not in taken])


def _carries_on(
    tally: _Tally, names: dict[int, str], can_go: list[int], cannot_go: frozenset[int], first: bool
) -> Seat:
    last = [m for m in tally.new_last_time if m in tally.order]
    for m in last:
        if m not in cannot_go:
            return Seat(Place.CARRIES_ON, m, f"{names[m]} was new last time, so they carry on.")
    been = sorted((m for m in can_go if m in tally.last_went), key=lambda m: (-tally.last_went[m], tally.order[m]))
    if been:
        m = been[0]
        if last:
            why = f"{names[last[0]]} cannot go"
        elif first or not tally.last_went:
            why = "Nobody new from last time can go"
        else:
            why = "Nobody who was new last time is still in the team or can go"
        return Seat(Place.CARRIES_ON, m, f"{why}, so {names[m]} carries on: they went most recently.")
    # nobody who has been before can go: the place becomes a turn for someone new
    seat = _new(tally, names, can_go)
    if seat.member is None:
        return Seat(Place.NEW, None, seat.reason)
    opening = "This is the team's first event" if first else "Nobody who has been before can go"
    return Seat(Place.NEW, seat.member, f"{opening}, so two people go for the first time. {seat.reason}")


def _new(tally: _Tally, names: dict[int, str], can_go: list[int]) -> Seat:
    if not can_go:
        if len(tally.order) <= 1:
            return Seat(Place.NEW, None, "Nobody can take this place: there is nobody else in the team.")
        return Seat(Place.NEW, None, "Nobody can take this place: everyone else said they cannot go.")
    m = min(can_go, key=lambda m: (tally.turns.get(m, 0), tally.last_went.get(m, -1), tally.order[m]))
    had = tally.turns.get(m, 0)
    turns = "no turns yet" if had == 0 else ("1 turn" if had == 1 else f"{had} turns")
    return Seat(Place.NEW, m, f"It is {names[m]}'s turn: they have had {turns}, and nobody who can go has had fewer.")
