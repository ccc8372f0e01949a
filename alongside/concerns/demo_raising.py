"""The raising part's step of building the demo borough: each volunteer hub's routes, and two open concerns the
'volunteer' login raised about their clients (a health worry for the client's named worker to act on, and a social
one in the coordinator's queue). The loop part adds concerns in every other state.

The demo hub's routes follow Living Well: today, a call to a neighbourhood team leader (the 'team_leader' login);
in the next few days, the coordinator's monthly meeting; at the next meeting, the peer coffee morning. A few rows,
written with the ORM once everyone is in.
"""

from datetime import timedelta

from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building
from alongside.people.models import CareRelationship
from alongside.people.policy import RelationshipKind

from . import routing
from .models import Concern, ConcernEvent, Route

DEMO_ROUTES = {
    routing.TODAY: (routing.TEAM_LEADER_CALL, 4),
    routing.FEW_DAYS: (routing.MONTHLY_MEETING, 72),
    routing.NEXT_MEETING: (routing.COFFEE_MORNING, 336),
}
HUB_KIND = "volunteer_hub"
WORRIES = [
    (
        routing.HEALTH,
        routing.FEW_DAYS,
        "She was out of breath walking to the door and her ankles looked swollen. She says it started last week.",
    ),
    (
        routing.SOCIAL,
        routing.NEXT_MEETING,
        "He has stopped going to the lunch club since his friend moved away and says the days feel long.",
    ),
]


class RaisingStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        return None

    def finish(self) -> None:
        ids = self.building.ids
        leader = ids.users.get("team_leader")
        coordinator = ids.users.get("coordinator")
        hubs = [ids.teams[t.name] for t in self.building.plan.teams if t.kind == HUB_KIND and t.name in ids.teams]
        if not hubs or coordinator is None:
            return
        routes = []
        for hub in hubs:
            for urgency, (kind, hours) in DEMO_ROUTES.items():
                call = kind == routing.TEAM_LEADER_CALL and leader is not None
                routes.append(
                    Route(
                        hub_id=hub,
                        urgency=urgency,
                        kind=kind if call or kind != routing.TEAM_LEADER_CALL else routing.MONTHLY_MEETING,
                        team_leader_id=leader if call else None,
                        response_hours=hours,
                        updated_by_id=coordinator,
                    )
                )
        Route.objects.bulk_create(routes)
        volunteer = ids.users.get("volunteer")
        if volunteer is not None:
            self._concerns(volunteer, hubs[0])

    def _concerns(self, volunteer: int, hub: int) -> None:
        now = self.building.now
        clients = list(
            CareRelationship.objects.active(now)
            .filter(user_id=volunteer, kind=RelationshipKind.VOLUNTEER)
            .order_by("person_id")
            .values_list("person_id", flat=True)
        )
        active = CareRelationship.objects.active(now).filter(person_id__in=clients)
        named = dict(active.filter(kind=RelationshipKind.NAMED_WORKER).values_list("person_id", "user_id"))
        caseload = dict(active.filter(kind=RelationshipKind.TEAM_CASELOAD).values_list("person_id", "team_id"))
        # the health worry about a client with a named worker (so that a named worker has one to act on)
        order = sorted(clients, key=lambda p: (p not in named, p))
        for (kind, urgency, words), person in zip(WORRIES, order, strict=False):
            setting = routing.route_for({u: routing.RouteSetting(k, h) for u, (k, h) in DEMO_ROUTES.items()}, urgency)
            receiver = routing.who_acts(
                kind, named_worker_id=named.get(person), caseload_team_id=caseload.get(person), hub_id=hub
            )
            raised_at = now - timedelta(hours=20)
            concern = Concern.objects.create(
                person_id=person,
                raised_by_id=volunteer,
                hub_id=hub,
                kind=kind,
                urgency=urgency,
                words=words,
                route_kind=setting.kind,
                for_user_id=receiver.user_id,
                for_team_id=receiver.team_id,
                answer_by=routing.answer_by(raised_at, setting),
            )
            Concern.objects.filter(pk=concern.pk).update(created_at=raised_at)
            event = ConcernEvent.objects.create(
                concern=concern,
                person_id=concern.person_id,
                what=ConcernEvent.What.RAISED,
                by_id=volunteer,
                route_kind=setting.kind,
            )
            ConcernEvent.objects.filter(pk=event.pk).update(at=raised_at)
