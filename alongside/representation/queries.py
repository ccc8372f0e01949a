"""Reading representation: a team's rota (proposed where not yet set), in a constant number of queries, and the
events a user sees."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min, QuerySet

from alongside.partners.models import Membership, Organisation, Team
from alongside.partners.roles import member_team_ids, sees_partnership

from . import rota
from .models import CannotGo, Event, Invitation, Seat


@dataclass(frozen=True)
class Row:
    """One event on a team's rota: the event, the team's invitation, who goes and why, and who cannot go."""

    event: Event
    invitation: Invitation
    rota: rota.EventRota
    names: dict[int, str]
    cannot_go: frozenset[int]
    today: date

    @property
    def past(self) -> bool:
        return self.event.date < self.today

    @property
    def seats(self) -> list[tuple[rota.Seat, str]]:
        """Each place with the name of who takes it ("" when nobody can)."""
        return [(s, self.names.get(s.member, "") if s.member is not None else "") for s in self.rota.seats]

    @property
    def attendance_recorded(self) -> bool:
        return any(s.went is not None for s in self.rota.seats)


@dataclass(frozen=True)
class TeamRota:
    team: Team
    members: list[rota.Member]
    rows: list[Row]

    @property
    def past(self) -> list[Row]:
        return [r for r in self.rows if r.past][::-1]

    @property
    def coming(self) -> list[Row]:
        return [r for r in self.rows if not r.past]

    @property
    def next(self) -> Row | None:
        """The next coming event that is not cancelled."""
        return next((r for r in self.coming if not r.event.cancelled), None)


def members(team_id: int) -> list[rota.Member]:
    """The team's members now (any role), in the order they joined: the rota's queue."""
    joined = (
        Membership.objects.active()
        .filter(team_id=team_id)
        .values("user_id", "user__first_name", "user__last_name", "user__username")
        .annotate(first=Min("started_at"))
        .order_by("first", "user_id")
    )
    return [
        rota.Member(m["user_id"], f"{m['user__first_name']} {m['user__last_name']}".strip() or m["user__username"])
        for m in joined
    ]


def _as_seat(seat: Seat) -> rota.Seat:
    return rota.Seat(rota.Place(seat.place), seat.user_id, seat.reason, seat.went)


def team_rota(team: Team, today: date) -> TeamRota:
    """Every event the team is asked to, oldest first, with who goes: four queries, however many events."""
    queue = members(team.pk)
    invitations = list(
        Invitation.objects.filter(team=team).select_related("event", "note_by").order_by("event__date", "event_id")
    )
    seats: dict[int, list[Seat]] = {}
    for seat in Seat.objects.filter(invitation__team=team).select_related("user"):
        seats.setdefault(seat.invitation_id, []).append(seat)
    ids = {m.id for m in queue}
    cannot: dict[int, set[int]] = {}
    for user_id, event_id in CannotGo.objects.filter(event__invitations__team=team, user_id__in=ids).values_list(
        "user_id", "event_id"
    ):
        cannot.setdefault(event_id, set()).add(user_id)
    names = {m.id: m.name for m in queue}
    for found in seats.values():
        for seat in found:
            if seat.user is not None:
                names.setdefault(seat.user_id, seat.user.display_name)
    events = [
        rota.EventIn(
            i.event_id,
            frozenset(cannot.get(i.event_id, ())),
            tuple(_as_seat(s) for s in sorted(seats[i.pk], key=lambda s: s.position)) if i.pk in seats else None,
            cancelled=i.event.cancelled,
        )
        for i in invitations
    ]
    proposed = rota.propose(queue, events)
    rows = [
        Row(i.event, i, r, names, e.cannot_go, today) for i, r, e in zip(invitations, proposed, events, strict=True)
    ]
    return TeamRota(team, queue, rows)


def coming_event(event_id: int, today: date) -> Event | None:
    """A coming event that is not cancelled, with the teams asked to it: one an administrator may cancel."""
    return (
        Event.objects.filter(pk=event_id, date__gte=today, cancelled_at__isnull=True)
        .prefetch_related("invitations__team")
        .first()
    )


def row_for(team_rota_: TeamRota, event_id: int) -> Row | None:
    return next((r for r in team_rota_.rows if r.event.pk == event_id), None)


def member_team(request, team_id: int) -> Team | None:
    """The team, for its members (any role); None otherwise, exactly as for a team that does not exist."""
    if team_id not in member_team_ids(request):
        return None
    return Team.objects.filter(pk=team_id).first()


def events_for(request) -> QuerySet[Event]:
    """Every event for administrators and team leaders; the events their teams are asked to for everyone else."""
    events = Event.objects.prefetch_related("invitations__team")
    if sees_partnership(request):
        return events.all()
    return events.filter(invitations__team_id__in=member_team_ids(request)).distinct()


def going(request, teams: list[Team], today: date) -> list[tuple[Row, Team]]:
    """The coming events the user goes to for their teams, soonest first."""
    found = []
    for team in teams:
        for row in team_rota(team, today).coming:
            if request.user.pk in row.rota.goers:
                found.append((row, team))
    return sorted(found, key=lambda pair: pair[0].event.date)


def all_teams() -> list[Team]:
    """Every team, by name: those an event may ask to send two."""
    return list(Team.objects.order_by("name"))


def organisations(ids) -> list[Organisation]:
    """The organisations, by name: those an administrator may plan an event for."""
    return list(Organisation.objects.filter(pk__in=list(ids)).order_by("name", "pk"))
