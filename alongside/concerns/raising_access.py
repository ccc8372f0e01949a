"""Who may see a concern, for every page, panel and API call about concerns; every concern shown is audited.

The rule is the one access policy's `alongside.people.policy.concern_basis`, over facts from
`alongside.people.access.concern_facts`: staff caring for the person, the coordinators of the concern's hub, the
team leader it was phoned through to, and the volunteer who raised it while the person is still their client.
`visible_concerns` writes the same rule as one query, for lists. Anything else answers 404, exactly like a concern
that does not exist, doing the same work.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from alongside.core.numbers import whole_number
from alongside.people.access import (
    Read,
    cared_for,
    concern_facts,
    coordinated_hub_ids,
    my_clients,
    record_denied,
    record_each,
)
from alongside.people.access import record as record_for_person
from alongside.people.policy import Basis, ConcernFacts, concern_basis

from .models import Concern, Route, RouteKind

OBJECT_TYPE = "concern"


def call_hub_ids(request) -> list[int]:
    """The hubs whose call route names this user as the team leader to phone."""
    if not request.user.is_authenticated:
        return []
    return sorted(
        set(
            Route.objects.filter(team_leader=request.user, kind=RouteKind.TEAM_LEADER_CALL).values_list(
                "hub_id", flat=True
            )
        )
    )


def visible_concerns(request) -> QuerySet[Concern]:
    """The concerns this user may see, as one query: `policy.concern_basis` written as a filter."""
    user = request.user
    if not user.is_authenticated:
        return Concern.objects.none()
    seen = (
        Q(person_id__in=cared_for(request))
        | Q(hub_id__in=sorted(coordinated_hub_ids(request)))
        | Q(route_kind=RouteKind.TEAM_LEADER_CALL, hub_id__in=call_hub_ids(request))
        | Q(raised_by=user, person_id__in=my_clients(request))
    )
    return Concern.objects.filter(seen)


def facts_for(request, concern: Concern, call_hubs: list[int] | None = None) -> ConcernFacts:
    hubs = call_hub_ids(request) if call_hubs is None else call_hubs
    its_team_leader = concern.route_kind == RouteKind.TEAM_LEADER_CALL and concern.hub_id in hubs
    return concern_facts(request, concern.person_id, concern.raised_by_id, concern.hub_id, its_team_leader)


def basis_for(request, concern: Concern) -> Basis | None:
    return concern_basis(facts_for(request, concern))


def open_concern(request, concern_id, what: str, for_update: bool = False) -> tuple[Concern, Basis]:
    """One concern for this request, or 404 as if it did not exist. Audited either way.

    A missing concern and a refused one take the same path: one read of the concern, the same fact queries (about
    a concern that cannot exist, for a missing one), one audit write and the same 404.
    """
    found = Concern.objects.select_related("person", "raised_by", "recorded_by", "hub", "for_user", "for_team")
    if for_update:
        found = found.select_for_update(of=("self",))
    number = whole_number(str(concern_id))
    concern = found.filter(pk=number).first() if number is not None else None
    stand_in = concern or Concern(person_id=0, raised_by_id=0, hub_id=0, route_kind="")
    basis = basis_for(request, stand_in)
    if concern is None or basis is None:
        person_id = concern.person_id if concern is not None else None
        record_denied(request, what, person_id, object_type=OBJECT_TYPE, object_id=concern_id)
        raise Http404
    record(request, concern, what, basis)
    return concern, basis


def record(request, concern: Concern, what: str, basis: Basis | None, **detail) -> None:
    record_for_person(request, what, concern.person_id, basis, object_type=OBJECT_TYPE, object_id=concern.pk, **detail)


def record_list(request, concerns: list[Concern], what: str) -> None:
    """A list of concerns is a read of each: one audit row per concern shown, written in one insert. The basis of
    each is worked out without a query per concern (the people the user cares for, read once)."""
    if not concerns:
        return
    cared = set(
        cared_for(request).filter(person_id__in=[c.person_id for c in concerns]).values_list("person_id", flat=True)
    )
    hubs, call_hubs = coordinated_hub_ids(request), set(call_hub_ids(request))
    reads = []
    for concern in concerns:
        facts = ConcernFacts(
            raised_it=concern.raised_by_id == request.user.id,
            still_their_client=True,  # a list holds a volunteer's concerns only about their clients now
            cares_for_person=concern.person_id in cared,
            coordinates_its_hub=concern.hub_id in hubs,
            its_team_leader=concern.route_kind == RouteKind.TEAM_LEADER_CALL and concern.hub_id in call_hubs,
        )
        reads.append(Read(concern.person_id, concern_basis(facts), object_id=concern.pk))
    record_each(request, what, reads, OBJECT_TYPE)


def may_reroute(request, concern: Concern) -> bool:
    """The coordinators of its hub send a concern another way, while it is open."""
    return concern.status == Concern.Status.OPEN and concern.hub_id in coordinated_hub_ids(request)
