"""Representation's step of building the demo borough: six events across the partnership (four past, two to come),
each team in a handful asked to send two. The past ones have who went (one person did not go) and a note for the
team; the rest is left to the rota, worked out the same way the pages do. Written in bulk, once everyone is in."""

from datetime import date, timedelta

from alongside.demo.steps import Building
from alongside.partners.models import Membership, Role

from . import queries, rota
from .models import CannotGo, Event, Invitation, Seat

TEAMS = (
    "Riverside neighbourhood team",
    "Riverside adult social care",
    "Living Well volunteer hub",
    "Virtual ward",
    "Riverside Medical Centre clinical team",
)
# (name, kind, days from today, place): four past, two to come
EVENTS = (
    ("Partnership board: how we listen", "board", -110, "Town hall, committee room 2"),
    ("Learning event: stories from carers", "learning", -75, "Riverside library"),
    ("Partnership board: waiting times", "board", -40, "Town hall, committee room 2"),
    ("Learning event: when things go wrong", "learning", -8, "Hillside community centre"),
    ("Partnership board: the year ahead", "board", 21, "Town hall, committee room 2"),
    ("Learning event: working with volunteers", "learning", 52, "Living Well hub"),
)
NOTES = (
    "We talked about how each team hears from the people it supports. Other teams ask people at the end of every "
    "visit. Could we try that for a month?",
    "Two carers told their stories. The big thing: they want to be asked what they know. Let us add that to our "
    "first visits.",
    "Waiting times are going down across the partnership, but not for us yet. The board asked each team for one idea.",
)


def meeting_day(day: date, later: bool) -> date:
    """The nearest day a meeting is held on, moving later (or earlier): Tuesday to Thursday, and never between
    20 December and 2 January. Nearly every bank holiday in England is a Monday or a Friday, and the rest (and their
    substitute days) fall over Christmas and New Year, so this misses them all without a table of holidays."""
    step = timedelta(days=1 if later else -1)
    while day.weekday() not in (1, 2, 3) or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 2):
        day += step
    return day


class RepresentationStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index, row, care) -> None:
        return None

    def finish(self) -> None:
        b = self.building
        admin = b.ids.users.get("admin") or next(iter(b.ids.users.values()))
        teams = [b.ids.teams[name] for name in TEAMS if name in b.ids.teams]
        planner = (
            Membership.objects.filter(user_id=admin, role=Role.ADMIN)
            .values_list("team__organisation_id", flat=True)
            .first()
        )
        events = Event.objects.bulk_create(
            Event(
                name=name,
                kind=kind,
                date=meeting_day(b.today + timedelta(days=days), later=days > 0),
                place=place,
                created_by_id=admin,
                organisation_id=planner,
            )
            for name, kind, days, place in EVENTS
        )
        invitations = Invitation.objects.bulk_create(Invitation(event=e, team_id=t) for e in events for t in teams)
        by_key = {(i.event_id, i.team_id): i for i in invitations}
        past = [e for e in events if e.date < b.today]
        seats, cannot = [], []
        for n, team_id in enumerate(teams):
            members = queries.members(team_id)
            if not members:
                continue
            # someone in the team cannot go to the next board meeting: the rota finds someone else
            cannot.append(CannotGo(user_id=members[(n + 3) % len(members)].id, event=events[4]))
            rotas = rota.propose(members, [rota.EventIn(e.pk) for e in past])
            for index, (event, proposed) in enumerate(zip(past, rotas, strict=True)):
                recorded = index < len(past) - 1  # the latest past event waits for its attendance
                invitation = by_key[(event.pk, team_id)]
                for position, seat in enumerate(proposed.seats, start=1):
                    went = None
                    if recorded and seat.member is not None:
                        went = not (index == 1 and position == 2)  # one new one did not go: they keep their turn
                    seats.append(
                        Seat(
                            invitation=invitation,
                            position=position,
                            place=seat.place,
                            user_id=seat.member,
                            reason=seat.reason,
                            went=went,
                        )
                    )
                if recorded and proposed.goers:
                    invitation.note = NOTES[(index + n) % len(NOTES)]
                    invitation.note_by_id = proposed.goers[0]
                    invitation.note_at = b.now - timedelta(days=(b.today - event.date).days - 2)
        Seat.objects.bulk_create(seats)
        CannotGo.objects.bulk_create(cannot, ignore_conflicts=True)
        Invitation.objects.bulk_update(invitations, ["note", "note_by", "note_at"])
