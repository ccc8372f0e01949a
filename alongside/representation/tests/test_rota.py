"""The rota's fairness and availability, as properties (issue 18): over any team, any run of events, any dates
people cannot go, any joiners and leavers, and attendance that says someone did not go."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.representation.rota import EventIn, EventRota, Member, Place, Seat, propose, turns_before


def team(size: int, start: int = 1) -> list[Member]:
    return [Member(i, f"Member {i}") for i in range(start, start + size)]


@st.composite
def runs(draw, most: int = 8):
    """A team and a run of events, each with who cannot go."""
    members = team(draw(st.integers(0, most)))
    ids = [m.id for m in members]
    events = [
        EventIn(n, frozenset(draw(st.lists(st.sampled_from(ids), max_size=len(ids))) if ids else ()))
        for n in range(draw(st.integers(1, 10)))
    ]
    return members, events


def check_fair(members: list[Member], rotas: list[EventRota], events: list[EventIn]) -> None:
    """At every proposed event, the new one has had no more turns than anyone else who could go and is not going."""
    for index, (rota, event) in enumerate(zip(rotas, events, strict=True)):
        if rota.fixed:
            continue
        turns = turns_before(members, rotas, index)
        going = set(rota.goers)
        for seat in rota.seats:
            if seat.place != Place.NEW or seat.member is None:
                continue
            for other in members:
                if other.id not in going and other.id not in event.cannot_go:
                    assert turns[other.id] >= turns[seat.member], (index, seat, other)


@given(runs())
def test_nobody_proposed_is_unavailable_and_nobody_goes_twice_to_one_event(run):
    members, events = run
    for rota, event in zip(propose(members, events), events, strict=True):
        assert len(rota.seats) == 2
        assert not set(rota.goers) & event.cannot_go
        assert len(set(rota.goers)) == len(rota.goers)
        for seat in rota.seats:
            assert seat.reason  # every place says why, filled or not


@given(runs())
def test_the_new_one_has_had_the_fewest_turns_of_those_who_can_go(run):
    members, events = run
    check_fair(members, propose(members, events), events)


@given(st.integers(2, 9), st.integers(1, 20))
def test_when_everyone_can_go_nobody_goes_twice_before_everyone_has_gone_once(size, count):
    members = team(size)
    rotas = propose(members, [EventIn(n) for n in range(count)])
    new_ones = [s.member for r in rotas for s in r.seats if s.place == Place.NEW]
    for n, member in enumerate(new_ones):
        earlier = new_ones[:n]
        if member in earlier:
            assert {m.id for m in members} <= set(earlier), (n, member, earlier)
    for rota in rotas:
        assert rota.full


@given(st.integers(2, 9), st.integers(2, 12))
def test_the_new_one_carries_on_at_the_next_event_when_they_can(size, count):
    rotas = propose(team(size), [EventIn(n) for n in range(count)])
    for before, after in zip(rotas, rotas[1:], strict=False):
        carrier = after.seats[0]
        assert carrier.place == Place.CARRIES_ON
        assert carrier.member in [s.member for s in before.seats if s.place == Place.NEW]


@given(runs())
def test_when_the_new_one_cannot_go_someone_who_went_most_recently_carries_on_and_says_why(run):
    members, events = run
    rotas = propose(members, events)
    for index in range(1, len(rotas)):
        carrier = rotas[index].seats[0]
        last_new = [s.member for s in rotas[index - 1].seats if s.place == Place.NEW and s.member is not None]
        if carrier.place == Place.CARRIES_ON and carrier.member not in last_new:
            assert "carries on" in carrier.reason and "went most recently" in carrier.reason


@given(runs(), st.integers(0, 4), st.data())
def test_joiners_join_the_back_of_the_queue_and_leavers_leave_it(run, joining, data):
    members, events = run
    split = data.draw(st.integers(0, len(events)))
    rotas = propose(members, events[:split])
    leaving = set(data.draw(st.lists(st.sampled_from([m.id for m in members]), unique=True))) if members else set()
    now = [m for m in members if m.id not in leaving] + team(joining, start=100)
    # what has happened stays as it was; the team changes; the rest of the run is proposed for the team as it is now
    run_events = [EventIn(r.id, frozenset(), r.seats) for r in rotas] + list(events[split:])
    rest = propose(now, run_events)
    for rota in rest[split:]:
        assert not set(rota.goers) & leaving
    check_fair(now, rest, run_events)
    for index in range(split, len(rest)):
        turns = turns_before(now, rest, index)
        been = {s.member for r in rest[:index] for s in r.seats if s.went is not False}
        for seat in rest[index].seats:
            if seat.place == Place.NEW and seat.member is not None and seat.member >= 100 and turns[seat.member] == 0:
                # a joiner's first turn: nobody who was in the team before them and has never been is still waiting
                for m in now:
                    waiting = m.id < 100 and m.id not in rest[index].goers and m.id not in run_events[index].cannot_go
                    assert not (waiting and turns[m.id] == 0 and m.id not in been), (index, seat, m)


@given(st.integers(0, 2), st.integers(1, 8))
def test_a_team_of_one_or_two_fills_what_it_can_and_says_why_not(size, count):
    rotas = propose(team(size), [EventIn(n) for n in range(count)])
    for rota in rotas:
        assert len(rota.goers) == size
        for seat in rota.seats:
            if seat.member is None:
                assert seat.reason.startswith("Nobody can take this place")


@given(st.integers(0, 8), st.integers(1, 8))
def test_when_nobody_can_go_the_rota_says_so(size, count):
    members = team(size)
    everyone = frozenset(m.id for m in members)
    rotas = propose(members, [EventIn(n, everyone) for n in range(count)])
    for rota in rotas:
        assert rota.goers == []
        assert all(s.reason.startswith("Nobody can take this place") for s in rota.seats)


@settings(max_examples=50)
@given(runs())
def test_someone_who_did_not_go_keeps_their_turn(run):
    members, events = run
    rotas = propose(members, events[:1])
    missed = tuple(Seat(s.place, s.member, s.reason, went=False) for s in rotas[0].seats)
    again = propose(members, [EventIn(events[0].id, frozenset(), missed), *events[1:2]])
    if len(events) > 1 and members:
        turns = turns_before(members, again, 1)
        assert all(t == 0 for t in turns.values())


def test_the_first_event_sends_two_new_ones_and_the_second_keeps_one():
    a, b, c = team(3)
    first, second, third = propose([a, b, c], [EventIn(1), EventIn(2), EventIn(3)])
    assert [s.place for s in first.seats] == [Place.NEW, Place.NEW]
    assert first.goers == [1, 2]
    assert second.seats[0] == Seat(Place.CARRIES_ON, 1, "Member 1 was new last time, so they carry on.")
    assert second.seats[1].member == 3
    assert third.goers == [3, 2]


@given(runs(), st.data())
def test_a_cancelled_event_counts_for_nobody(run, data):
    """Cancelling events changes nothing about the others: each is proposed exactly as if the cancelled ones had
    never been planned, and nobody goes to a cancelled one."""
    members, events = run
    cancelled = set(data.draw(st.lists(st.sampled_from([e.id for e in events]), unique=True)))
    with_cancelled = propose(members, [replace(e, cancelled=e.id in cancelled) for e in events])
    without = propose(members, [e for e in events if e.id not in cancelled])
    assert [r for r in with_cancelled if not r.cancelled] == without
    assert all(r.seats == () and r.goers == [] for r in with_cancelled if r.cancelled)
    assert {r.id for r in with_cancelled if r.cancelled} == cancelled
