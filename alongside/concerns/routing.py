"""Where a concern goes, and who acts on it: plain Python, no Django (checked by mypy strict).

A volunteer hub sets one route for each urgency (`Route`). When a hub has not set one, the defaults below apply:
today, a call to the team leader (answered within 4 hours); in the next few days, the coordinator's monthly
meeting (3 days); at the next meeting, the peer coffee morning (2 weeks).

Who acts on a concern depends on what kind of worry it is, not on its route: a health worry is for the person's
named worker, or if they have none their neighbourhood caseload team; a social worry or one about the home and
surroundings is for the hub's coordinators (for a community service). A health worry about someone with neither
still reaches the hub, so that nothing is lost. A call to the team leader also alerts that team leader at once; a
hub that has not named one alerts its coordinators instead.

The values are those of `alongside.concerns.models` (Kind, Urgency, RouteKind), written out here so that this
module needs no Django; a test holds the two the same.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

HEALTH, SOCIAL, ENVIRONMENTAL = "health", "social", "environmental"
KINDS = (HEALTH, SOCIAL, ENVIRONMENTAL)
NEXT_MEETING, FEW_DAYS, TODAY = "next_meeting", "few_days", "today"
URGENCIES = (TODAY, FEW_DAYS, NEXT_MEETING)  # the most urgent first
TEAM_LEADER_CALL, MONTHLY_MEETING, COFFEE_MORNING, MDT = "team_leader_call", "monthly_meeting", "coffee_morning", "mdt"
ROUTE_KINDS = (TEAM_LEADER_CALL, MONTHLY_MEETING, COFFEE_MORNING, MDT)

MIN_RESPONSE_HOURS = 1
MAX_RESPONSE_HOURS = 24 * 90  # three months: a coffee morning or an MDT may be weeks away, never longer


@dataclass(frozen=True)
class RouteSetting:
    """One urgency's route: what kind, how soon someone must answer, and for a call, which team leader."""

    kind: str
    response_hours: int
    team_leader_id: int | None = None
    configured: bool = False  # set by the hub's coordinator, rather than a default


DEFAULTS: Mapping[str, RouteSetting] = {
    TODAY: RouteSetting(TEAM_LEADER_CALL, 4),
    FEW_DAYS: RouteSetting(MONTHLY_MEETING, 72),
    NEXT_MEETING: RouteSetting(COFFEE_MORNING, 336),
}


def route_for(configured: Mapping[str, RouteSetting], urgency: str) -> RouteSetting:
    """The hub's route for this urgency: the one it set, else the default."""
    if urgency not in URGENCIES:
        raise ValueError(f"Unknown urgency: {urgency!r}")
    return configured.get(urgency) or DEFAULTS[urgency]


def routes_of(configured: Mapping[str, RouteSetting]) -> list[tuple[str, RouteSetting]]:
    """Every urgency with its route, the most urgent first: what the routes page shows."""
    return [(urgency, route_for(configured, urgency)) for urgency in URGENCIES]


@dataclass(frozen=True)
class Receiver:
    """Who acts on a concern: a named user (with their team), or a team (a caseload team or the hub)."""

    user_id: int | None
    team_id: int


def who_acts(kind: str, *, named_worker_id: int | None, caseload_team_id: int | None, hub_id: int) -> Receiver:
    """A health worry: the named worker (with the caseload team, if any), else the caseload team; else the hub.
    Any other worry: the hub's coordinators."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of worry: {kind!r}")
    if kind == HEALTH and named_worker_id is not None:
        return Receiver(named_worker_id, caseload_team_id if caseload_team_id is not None else hub_id)
    if kind == HEALTH and caseload_team_id is not None:
        return Receiver(None, caseload_team_id)
    return Receiver(None, hub_id)


def answer_by(raised_at: datetime, route: RouteSetting) -> datetime:
    """When the route's response target falls."""
    return raised_at + timedelta(hours=route.response_hours)


def alerted(route_kind: str, team_leader_id: int | None, coordinator_ids: Sequence[int]) -> list[int]:
    """Who is alerted at once: for a call, the named team leader, else the hub's coordinators; else nobody (the
    concern waits in its queue for the meeting)."""
    if route_kind != TEAM_LEADER_CALL:
        return []
    if team_leader_id is not None:
        return [team_leader_id]
    return sorted(set(coordinator_ids))


def call_team_leader(configured: Mapping[str, RouteSetting]) -> int | None:
    """The team leader a re-routed call goes to: the hub's most urgent call route that names one."""
    for _urgency, route in routes_of(configured):
        if route.kind == TEAM_LEADER_CALL and route.team_leader_id is not None:
            return route.team_leader_id
    return None


# How soon a concern sent down a route of this kind must be answered, when none of the hub's routes is of that kind.
HOURS_BY_KIND: Mapping[str, int] = {TEAM_LEADER_CALL: 4, MONTHLY_MEETING: 72, COFFEE_MORNING: 336, MDT: 336}


def hours_for_kind(configured: Mapping[str, RouteSetting], kind: str) -> int:
    """How soon a concern re-routed to this kind must be answered: the hub's most urgent route of that kind, else
    the usual time for the kind."""
    if kind not in ROUTE_KINDS:
        raise ValueError(f"Unknown route: {kind!r}")
    for _urgency, route in routes_of(configured):
        if route.kind == kind:
            return route.response_hours
    return HOURS_BY_KIND[kind]


def is_overdue(answer_by_at: datetime, now: datetime, open_: bool = True) -> bool:
    return open_ and answer_by_at < now


def valid_response_hours(hours: int) -> bool:
    return MIN_RESPONSE_HOURS <= hours <= MAX_RESPONSE_HOURS
