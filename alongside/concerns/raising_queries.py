"""What the raising part's pages, panels and API read: each function reads through the one access policy (or the
concerns' own rule, `raising_access`) and audits every person it shows."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst

from alongside.partners.models import Membership, Role, Team
from alongside.partners.roles import caring_team_ids
from alongside.people.access import (
    Read,
    coordinated_hub_ids,
    my_clients,
    names_for_visitor,
    record_denied,
    record_each,
    record_list_access,
    visible_people,
)
from alongside.people.models import CareRelationship
from alongside.people.policy import Basis, Category, RelationshipKind

from . import raising_access, routing
from .actions_raising import hub_routes
from .models import Concern, ConcernEvent, Kind, Route, RouteKind, Urgency

PAGE_SIZE = 50
PANEL_SIZE = 8
CONCERN_RELATED = ("person", "raised_by", "for_user", "for_team", "hub")


# --- raising ------------------------------------------------------------------------------------------------------


def clients_of(request) -> list[tuple[int, str]]:
    """The people the volunteer visits now, as choices: by name, each a read of their name (audited); someone who
    keeps their name from volunteers is still offered, as "the person you visit" with the day the visits began, so
    that a worry about them can always be passed on. Three queries."""
    visits = dict(
        CareRelationship.objects.active()
        .filter(user=request.user, kind=RelationshipKind.VOLUNTEER, person_id__in=my_clients(request))
        .order_by("person_id", "started_at")
        .distinct("person_id")
        .values_list("person_id", "started_at")
    )
    named = list(
        visible_people(request, Category.NAME).filter(pk__in=list(visits)).order_by("given_name", "family_name", "pk")
    )
    record_list_access(request, named, "concern_clients_listed", Basis.RELATIONSHIP)
    kept_back = sorted((started, pk) for pk, started in visits.items() if pk not in {p.pk for p in named})
    unnamed = [(pk, f"The person you visit (visits began {timezone.localtime(at):%-d %B %Y})") for at, pk in kept_back]
    return [(p.pk, p.full_name) for p in named] + unnamed


def refuse_raising(request, person_id: str) -> None:
    """A concern asked about someone who is not the volunteer's client (or nobody): audited, then 404, the same
    for both (the id is kept as the thing asked for, never as a person)."""
    record_denied(request, "concern_raise", None, object_id=person_id[:20])
    raise Http404


def hubs_of(request) -> list[Team]:
    """The volunteer hubs the user coordinates, by name."""
    return list(Team.objects.filter(pk__in=sorted(coordinated_hub_ids(request))).order_by("name", "pk"))


def allocations_for(request, volunteer_id: int | None = None) -> list[tuple[str, str]]:
    """For a coordinator: each active allocation of a volunteer in their hubs, as "volunteer:person" choices. Each
    is a read of the person's name, on the basis of coordinating their volunteer's hub; audited."""
    hubs = sorted(coordinated_hub_ids(request))
    volunteers = Membership.objects.active().filter(team_id__in=hubs, role=Role.VOLUNTEER).values("user_id")
    allocations = (
        CareRelationship.objects.active()
        .filter(kind=RelationshipKind.VOLUNTEER, user_id__in=volunteers)
        .select_related("person", "user")
        .order_by("person__given_name", "person__family_name", "pk")
    )
    if volunteer_id is not None:
        allocations = allocations.filter(user_id=volunteer_id)
    found = list(allocations)
    record_each(request, "concern_allocations_listed", [Read(a.person_id, Basis.VOLUNTEER_HUB) for a in found])
    return [(f"{a.user_id}:{a.person_id}", f"{a.person.full_name}, visited by {a.user.display_name}") for a in found]


def sent_page(request, concern: Concern, basis: Basis) -> dict:
    """What the volunteer is told once their concern is sent: where it went and when to expect an answer."""
    who = who_acts_words(concern, for_volunteer=concern.raised_by_id == request.user.id)
    name = name_on_page(request, concern, basis)
    return {"concern": concern, "name": name, "route_words": route_words(concern.route_kind), "who": who}


def name_on_page(request, concern: Concern, basis: Basis) -> str:
    """The person's name on a concern's pages: the volunteer who raised it sees it as on their home page (kept back
    if the person has refused volunteers their name); staff see it."""
    if basis == Basis.CONCERN_RAISER:
        return names_for_visitor(request, [concern.person])[concern.person_id]
    return concern.person.full_name


# --- one concern --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConcernPage:
    concern: Concern
    name: str
    events: list[ConcernEvent]
    overdue: bool
    who: str
    may_reroute: bool


def concern_page(request, concern: Concern, basis: Basis) -> ConcernPage:
    events = list(ConcernEvent.objects.filter(concern=concern).select_related("by"))
    return ConcernPage(
        concern,
        name_on_page(request, concern, basis),
        events,
        routing.is_overdue(concern.answer_by, timezone.now(), concern.status == Concern.Status.OPEN),
        who_acts_words(concern, for_volunteer=basis == Basis.CONCERN_RAISER),
        raising_access.may_reroute(request, concern),
    )


def who_acts_words(concern: Concern, for_volunteer: bool = False) -> str:
    """Who acts on it, in words. The volunteer has only the minimal view of the person: who cares for them is not
    part of it, so they are told the part, not the name."""
    if for_volunteer and concern.for_team_id != concern.hub_id:
        return "their named worker" if concern.for_user_id is not None else "their neighbourhood team"
    if concern.for_user_id is not None:
        return f"{concern.for_user.display_name}, named worker" + (
            f" ({concern.for_team.name})" if concern.for_team_id and concern.for_team_id != concern.hub_id else ""
        )
    if concern.for_team_id == concern.hub_id:
        return f"The coordinators of {concern.hub.name}"
    return f"{concern.for_team.name}" if concern.for_team_id else ""


def route_words(route_kind: str) -> str:
    return RouteKind(route_kind).label if route_kind in RouteKind.values else ""


# --- the coordinator's queue ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueuePage:
    rows: list[Concern]
    count: int
    overdue: int
    page: int
    pages: int
    now: datetime


def queue_page(request, *, kind: str = "", urgency: str = "", route: str = "", overdue: bool = False, page: int = 1):
    """The open concerns of the hubs the user coordinates, soonest answer first, 50 a page, in the same queries
    whatever the size: the counts (all and overdue, in one), the page with its people and staff, and the audit of
    those shown (with the two reads its bases need)."""
    now = timezone.now()
    found = Concern.objects.filter(hub_id__in=sorted(coordinated_hub_ids(request)), status=Concern.Status.OPEN)
    if kind in Kind.values:
        found = found.filter(kind=kind)
    if urgency in Urgency.values:
        found = found.filter(urgency=urgency)
    if route in RouteKind.values:
        found = found.filter(route_kind=route)
    counted = found.aggregate(count=Count("pk"), late=Count("pk", filter=Q(answer_by__lt=now)))
    if overdue:
        found = found.filter(answer_by__lt=now)
    count = counted["late"] if overdue else counted["count"]
    pages = max(1, -(-count // PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * PAGE_SIZE
    rows = list(found.select_related(*CONCERN_RELATED).order_by("answer_by", "pk")[start : start + PAGE_SIZE])
    raising_access.record_list(request, rows, "concern_queue_listed")
    return QueuePage(rows, count, counted["late"], page, pages, now)


# --- home panels --------------------------------------------------------------------------------------------------


def volunteer_home(request) -> dict:
    """The volunteer's own open concerns, newest first (the loop part shows what became of closed ones)."""
    mine = list(
        Concern.objects.filter(raised_by=request.user, status=Concern.Status.OPEN, person_id__in=my_clients(request))
        .select_related(*CONCERN_RELATED)
        .order_by("-created_at", "-pk")[:PANEL_SIZE]
    )
    raising_access.record_list(request, mine, "concern_home_listed")
    # Their names as the one access policy allows now (a person may since have refused volunteers their name).
    names = names_for_visitor(request, [c.person for c in mine])
    return {"open": mine, "names": {pk: capfirst(name) for pk, name in names.items()}}


def for_me_to_act_on(request) -> dict | None:
    """Staff: open concerns for them to act on: health worries where they are the named worker, or for a caseload
    team they give care in with no named worker; and, for a team leader, those phoned through to them."""
    teams = caring_team_ids(request)
    call_hubs = raising_access.call_hub_ids(request)
    mine = (
        Q(for_user=request.user)
        | Q(for_user__isnull=True, for_team_id__in=teams, kind=Kind.HEALTH)
        | Q(route_kind=RouteKind.TEAM_LEADER_CALL, hub_id__in=call_hubs)
    )
    hubs = coordinated_hub_ids(request)
    found = raising_access.visible_concerns(request).filter(mine, status=Concern.Status.OPEN).exclude(hub_id__in=hubs)
    rows = list(found.select_related(*CONCERN_RELATED).order_by("answer_by", "pk")[:PANEL_SIZE])
    if not rows:
        return None
    raising_access.record_list(request, rows, "concern_home_listed")
    return {"rows": rows, "count": found.count() if len(rows) == PANEL_SIZE else len(rows), "now": timezone.now()}


def coordinator_home(request) -> dict:
    hubs = sorted(coordinated_hub_ids(request))
    now = timezone.now()
    open_ = Concern.objects.filter(hub_id__in=hubs, status=Concern.Status.OPEN)
    return {"open": open_.count(), "overdue": open_.filter(answer_by__lt=now).count(), "hubs": hubs}


# --- routes ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteRow:
    urgency: str
    urgency_words: str
    setting: routing.RouteSetting
    kind_words: str
    team_leader: str
    version: int


def hub_for(request, hub_id: int) -> Team | None:
    """The hub, if the user coordinates it (else None: the page answers as missing)."""
    if hub_id not in coordinated_hub_ids(request):
        return None
    return Team.objects.filter(pk=hub_id).first()


def routes_page(hub_id: int) -> list[RouteRow]:
    configured = hub_routes(hub_id)
    versions = dict(Route.objects.filter(hub_id=hub_id).values_list("urgency", "version"))
    leaders = _names([r.team_leader_id for r in configured.values() if r.team_leader_id])
    return [
        RouteRow(
            urgency,
            Urgency(urgency).label,
            setting,
            RouteKind(setting.kind).label,
            leaders.get(setting.team_leader_id or 0, ""),
            versions.get(urgency, 0),
        )
        for urgency, setting in routing.routes_of(configured)
    ]


def route_row(hub_id: int, urgency: str) -> RouteRow | None:
    return next((row for row in routes_page(hub_id) if row.urgency == urgency), None)


def team_leaders() -> list[tuple[int, str]]:
    """Who a call may go to: the team leaders of neighbourhood teams, with their team."""
    memberships = (
        Membership.objects.active()
        .filter(role=Role.TEAM_LEADER, team__kind=Team.Kind.NEIGHBOURHOOD)
        .select_related("user", "team")
        .order_by("team__name", "user__last_name", "user__first_name", "pk")
    )
    seen: dict[int, str] = {}
    for m in memberships:
        seen.setdefault(m.user_id, f"{m.user.display_name}, {m.team.name}")
    return list(seen.items())


def _names(user_ids: list[int]) -> dict[int, str]:
    return {u.pk: u.display_name for u in get_user_model().objects.filter(pk__in=user_ids)}


def concerns_page(request, offset: int, limit: int) -> tuple[int, list[Concern]]:
    """For the API: the concerns the caller may see, newest first, one page; each audited."""
    found = raising_access.visible_concerns(request)
    rows = list(found.select_related(*CONCERN_RELATED).order_by("-created_at", "-pk")[offset : offset + limit])
    raising_access.record_list(request, rows, "concern_listed_api")
    return found.count(), rows
