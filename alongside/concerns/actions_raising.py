"""Every change of the raising part: a concern raised (by its volunteer, or recorded for them by a coordinator), a
concern sent another way, and a hub's route for an urgency. Each checks permission itself, runs in one transaction
and is audited; a refusal about a person answers 404, like a missing page.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import EditConflict, save_if_unchanged
from alongside.core.models import Alert
from alongside.partners.models import Membership, Role, Team
from alongside.people.access import coordinated_hub_ids
from alongside.people.models import CareRelationship
from alongside.people.policy import Basis, RelationshipKind

from . import raising_access, routing
from .models import Concern, ConcernEvent, Route, RouteKind


@dataclass(frozen=True)
class Worry:
    """What a volunteer tells: about whom, what kind of worry, how soon someone should look, and their words."""

    person_id: int
    kind: str
    urgency: str
    words: str = ""


def hub_routes(hub_id: int) -> dict[str, routing.RouteSetting]:
    """The routes a hub has set, by urgency (the defaults fill the rest: `routing.route_for`)."""
    return {
        r.urgency: routing.RouteSetting(r.kind, r.response_hours, r.team_leader_id, configured=True)
        for r in Route.objects.filter(hub_id=hub_id)
    }


def volunteer_hub_id(user_id: int) -> int | None:
    """The volunteer hub the user volunteers in (the first they joined, if more than one)."""
    membership = (
        Membership.objects.active()
        .filter(user_id=user_id, role=Role.VOLUNTEER, team__kind=Team.Kind.VOLUNTEER_HUB)
        .order_by("pk")
        .first()
    )
    return membership.team_id if membership else None


def coordinator_ids(hub_id: int) -> list[int]:
    return sorted(
        set(Membership.objects.active().filter(team_id=hub_id, role=Role.COORDINATOR).values_list("user_id", flat=True))
    )


def _is_client(person_id: int, volunteer_id: int) -> bool:
    return (
        CareRelationship.objects.active()
        .filter(person_id=person_id, user_id=volunteer_id, kind=RelationshipKind.VOLUNTEER)
        .exists()
    )


def _receiver(worry: Worry, hub_id: int) -> routing.Receiver:
    active = CareRelationship.objects.active().filter(person_id=worry.person_id).order_by("started_at", "pk")
    named = active.filter(kind=RelationshipKind.NAMED_WORKER).values_list("user_id", flat=True).first()
    caseload = active.filter(kind=RelationshipKind.TEAM_CASELOAD).values_list("team_id", flat=True).first()
    return routing.who_acts(worry.kind, named_worker_id=named, caseload_team_id=caseload, hub_id=hub_id)


@transaction.atomic
def raise_concern(request, worry: Worry, volunteer_id: int | None = None) -> Concern:
    """A concern about one of the volunteer's clients, sent down its hub's route for its urgency.

    `volunteer_id` is given when a coordinator records a concern a volunteer raised by phone or at a meeting: the
    volunteer must be in a hub the coordinator coordinates. Either way the person must be the volunteer's client
    now, or the answer is 404, as if they did not exist.
    """
    recorded_by = None
    if volunteer_id is None:
        if Role.VOLUNTEER not in request.roles:
            raise PermissionDenied("Only volunteers raise concerns about their clients.")
        volunteer_id = request.user.id
        basis = Basis.CONCERN_RAISER
    else:
        recorded_by = request.user
        basis = Basis.VOLUNTEER_HUB
    hub_id = volunteer_hub_id(volunteer_id)
    if hub_id is None or not _is_client(worry.person_id, volunteer_id):
        raise Http404
    if recorded_by is not None and hub_id not in coordinated_hub_ids(request):
        raise Http404
    if worry.kind not in routing.KINDS or worry.urgency not in routing.URGENCIES:
        raise ValueError("Unknown kind of worry or urgency")
    configured = hub_routes(hub_id)
    route = routing.route_for(configured, worry.urgency)
    receiver = _receiver(worry, hub_id)
    now = timezone.now()
    concern = Concern.objects.create(
        person_id=worry.person_id,
        raised_by_id=volunteer_id,
        recorded_by=recorded_by,
        hub_id=hub_id,
        kind=worry.kind,
        urgency=worry.urgency,
        words=worry.words.strip(),
        route_kind=route.kind,
        for_user_id=receiver.user_id,
        for_team_id=receiver.team_id,
        answer_by=routing.answer_by(now, route),
    )
    ConcernEvent.objects.create(
        concern=concern,
        person_id=concern.person_id,
        what=ConcernEvent.What.RAISED,
        by=request.user,
        route_kind=route.kind,
    )
    _alert(concern, route.team_leader_id, hub_id)
    raising_access.record(
        request, concern, "concern_raised", basis, kind=worry.kind, urgency=worry.urgency, route=route.kind
    )
    return concern


def _alert(concern: Concern, team_leader_id: int | None, hub_id: int) -> None:
    """A call to the team leader: they (or, with none named, the hub's coordinators) are alerted at once."""
    people = routing.alerted(concern.route_kind, team_leader_id, coordinator_ids(hub_id))
    hours = max(1, round((concern.answer_by - timezone.now()).total_seconds() / 3600))
    text = (
        f"A volunteer has passed on a {concern.get_kind_display().lower()} worry that needs a call today. "
        f"Please answer within {hours} hour{'s' if hours != 1 else ''}."
    )
    Alert.objects.bulk_create(
        [Alert(recipient_id=user_id, text=text, url=f"/concerns/{concern.pk}/") for user_id in people]
    )


@transaction.atomic
def reroute(request, concern_id: int, route_kind: str, version: int, words: str = "") -> Concern:
    """Send an open concern another way: its hub's coordinators only. A new answer-by time from now, by the new
    route's target; a call alerts the team leader at once."""
    concern, _basis = raising_access.open_concern(request, concern_id, "concern_reroute_saved", for_update=True)
    if not raising_access.may_reroute(request, concern):
        raise PermissionDenied("Only the hub's coordinators send an open concern another way.")
    if route_kind not in routing.ROUTE_KINDS:
        raise ValueError("Unknown route")
    configured = hub_routes(concern.hub_id)
    hours = routing.hours_for_kind(configured, route_kind)
    concern.route_kind = route_kind
    concern.answer_by = timezone.now() + timedelta(hours=hours)
    save_if_unchanged(concern, version, ["route_kind", "answer_by"])
    ConcernEvent.objects.create(
        concern=concern,
        person_id=concern.person_id,
        what=ConcernEvent.What.REROUTED,
        by=request.user,
        route_kind=route_kind,
        words=words.strip(),
    )
    _alert(concern, routing.call_team_leader(configured), concern.hub_id)
    return concern


@transaction.atomic
def save_route(
    request, hub_id: int, urgency: str, kind: str, team_leader_id: int | None, response_hours: int, version: int
) -> Route:
    """Set a hub's route for one urgency. `version` 0 means the route was the default when the edit began: a route
    saved by someone else meanwhile is a conflict, as a stale version is."""
    if hub_id not in coordinated_hub_ids(request):
        raise PermissionDenied("Only the hub's coordinators set its routes.")
    if urgency not in routing.URGENCIES or kind not in routing.ROUTE_KINDS:
        raise ValueError("Unknown urgency or route")
    if not routing.valid_response_hours(response_hours):
        raise ValueError("Response hours out of range")
    if kind == RouteKind.TEAM_LEADER_CALL and team_leader_id is None:
        raise ValueError("A call needs a team leader")
    leader = team_leader_id if kind == RouteKind.TEAM_LEADER_CALL else None
    current = Route.objects.select_for_update().filter(hub_id=hub_id, urgency=urgency).first()
    if current is None and version != 0:
        raise EditConflict(None)
    if current is None:
        try:
            with transaction.atomic():
                route = Route.objects.create(
                    hub_id=hub_id,
                    urgency=urgency,
                    kind=kind,
                    team_leader_id=leader,
                    response_hours=response_hours,
                    updated_by=request.user,
                )
        except IntegrityError:  # another coordinator saved the first route for this urgency at the same moment
            raise EditConflict(Route.objects.get(hub_id=hub_id, urgency=urgency)) from None
    else:
        if version == 0:
            raise EditConflict(current)
        route = current
        route.kind, route.team_leader_id, route.response_hours = kind, leader, response_hours
        route.updated_by, route.updated_at = request.user, timezone.now()
        save_if_unchanged(route, version, ["kind", "team_leader", "response_hours", "updated_by", "updated_at"])
    audit.record(
        request,
        "concern_route_saved",
        object_type="route",
        object_id=route.pk,
        detail={"hub": hub_id, "urgency": urgency, "kind": kind, "team_leader": leader, "hours": response_hours},
    )
    return route
