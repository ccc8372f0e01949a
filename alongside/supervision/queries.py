"""What the supervision pages read. Each read costs a fixed number of queries, however big the team."""

from datetime import date

from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from alongside.partners.models import Membership
from alongside.partners.roles import care_staff_in

from . import coverage
from .models import ReflectiveSession, Supervisee, SupervisionSession

SHOWN = 30  # sessions shown on a team's page


def _sessions():
    return SupervisionSession.objects.select_related("supervisor", "team").prefetch_related(
        Prefetch("supervisees", queryset=Supervisee.objects.select_related("user").order_by("user__last_name"))
    )


def team_sessions(team_id: int, user_id: int | None) -> list[SupervisionSession]:
    """The team's sessions, newest first: all of them (user_id None, for a leader) or those the user is in."""
    found = _sessions().filter(team_id=team_id)
    if user_id is not None:
        found = found.filter(_takes_part(user_id))
    return list(found[:SHOWN])


def _takes_part(user_id: int) -> Q:
    return Q(supervisor_id=user_id) | Q(pk__in=Supervisee.objects.filter(user_id=user_id).values("session_id"))


def session(pk: int) -> SupervisionSession | None:
    return _sessions().filter(pk=pk).first()


def next_session(team_id: int, user_id: int | None, today: date) -> SupervisionSession | None:
    """The next booked session of the team (user_id None) or of the user in it."""
    found = SupervisionSession.objects.filter(team_id=team_id, status="booked", held_on__gte=today)
    if user_id is not None:
        found = found.filter(_takes_part(user_id))
    return found.order_by("held_on", "starts_at", "pk").first()


def care_members(team_id: int) -> list[Membership]:
    """The team's care staff now, one membership each (the earliest), by name."""
    found: dict[int, Membership] = {}
    for m in care_staff_in([team_id]).select_related("user").order_by("started_at", "pk"):
        found.setdefault(m.user_id, m)
    return sorted(found.values(), key=lambda m: (m.user.last_name, m.user.first_name, m.user_id))


def _last_happened(user_ids) -> dict[int, date]:
    rows = (
        Supervisee.objects.filter(user_id__in=user_ids, session__status=SupervisionSession.Status.HAPPENED)
        .values("user_id")
        .annotate(last=Max("session__held_on"))
    )
    return {row["user_id"]: row["last"] for row in rows}


def team_coverage(team_id: int) -> list[tuple[Membership, coverage.Line]]:
    """Each of the team's care staff with their line of the coverage, by name: two queries."""
    members = care_members(team_id)
    last = _last_happened(care_staff_in([team_id]).values("user_id"))
    today = timezone.localdate()
    found = coverage.lines([coverage.Member(m.user_id, timezone.localdate(m.started_at)) for m in members], last, today)
    return list(zip(members, found, strict=True))


def shares(team_ids) -> dict[int, tuple[int, int]]:
    """Each team's (had supervision in the last 6 weeks, out of staff who are not new): two queries however many
    teams. A team with no one to count is left out."""
    rows = list(care_staff_in(team_ids).values_list("team_id", "user_id", "started_at"))
    last = _last_happened(care_staff_in(team_ids).values("user_id"))
    today = timezone.localdate()
    by_team: dict[int, list[coverage.Member]] = {}
    for team_id, user_id, started_at in rows:
        by_team.setdefault(team_id, []).append(coverage.Member(user_id, timezone.localdate(started_at)))
    answer = {}
    for team_id, members in by_team.items():
        had, of = coverage.share(coverage.lines(members, last, today))
        if of:
            answer[team_id] = (had, of)
    return answer


def reflective_sessions(team_id: int) -> list[ReflectiveSession]:
    return list(ReflectiveSession.objects.filter(team_id=team_id)[:SHOWN])


def reflective(pk: int) -> ReflectiveSession | None:
    return ReflectiveSession.objects.select_related("team").prefetch_related("attended").filter(pk=pk).first()
