"""The demo borough's concerns in every state of the loop, through every route: open, overdue and reminded about,
overdue and not yet reminded, answered with good news, answered and thanked, and reopened because the volunteer is
still worried. Each is raised by a volunteer of the Living Well volunteer hub about one of their own current
clients; a health worry is for the person's named worker (else their neighbourhood team), any other for the hub.

The 'volunteer' login has one concern still open and one answered with good news, waiting for their reply.

As the borough streams past, the step keeps the people with a volunteer now (a few hundred at most); at the end it
writes the concerns and their events, one COPY each.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection

from alongside.demo.borough import PersonCare, PersonRow, caseload_team
from alongside.demo.steps import Building, copy_rows, reserve

from .models import Concern, ConcernEvent, Kind, RouteKind, Urgency

HUB = "Living Well volunteer hub"
STATES = ["open", "overdue, reminded", "overdue", "good news", "thanked", "still worried"]
KEPT = 400  # people with a volunteer kept as the borough streams past: plenty to choose from

WORRIES = {
    Kind.HEALTH: [
        "{name} seemed more breathless than usual walking to the door.",
        "{name} has a sore on one ankle that does not seem to be healing.",
        "{name} was muddled about which tablets to take today.",
        "{name} had a fall last week and did not tell anyone.",
    ],
    Kind.SOCIAL: [
        "{name} has not been out of the house for two weeks and seems low.",
        "{name} said the family have not visited since the summer.",
        "{name} is worried about paying the gas bill this winter.",
    ],
    Kind.ENVIRONMENTAL: [
        "The stair rail at {name}'s house is coming away from the wall.",
        "{name}'s heating is not working and the house is cold.",
        "There are piles of post and papers by {name}'s front door, easy to trip on.",
    ],
}
GOOD_NEWS = {
    Kind.HEALTH: [
        "{name} has a new walking frame \u2013 thank you for noticing.",
        "The district nurse is dressing {name}'s ankle twice a week now. Thank you for telling us.",
        "{name} now has the tablets in a weekly box, and the pharmacy checks in. Thank you.",
    ],
    Kind.SOCIAL: [
        "{name} has started going to the lunch club on Thursdays. Thank you for noticing.",
        "We helped {name} apply for help with the heating bills. Thank you for passing it on.",
    ],
    Kind.ENVIRONMENTAL: [
        "The council fixed {name}'s stair rail on Tuesday \u2013 thank you for spotting it.",
        "{name}'s boiler has been repaired. Thank you for letting us know.",
    ],
}
STILL_WORRIED = "Thank you, but it has not changed: {name} still seems unwell when I visit."
THANKS = "Thank you, that is good to hear."
# the 'volunteer' login's worry routed to the MDT a fortnight ago: the last meeting (a week or two ago) agreed an
# action about it, still open, for the 'clinician' login (the MDT step, which finds it as an agenda suggestion)
AT_THE_MDT = "at the MDT"
MDT_WORRY = "{name} gets out of breath on the stairs now and has stopped going up to bed. She sleeps in the chair."
CONCERN_FIELDS = [
    "id",
    "person",
    "raised_by",
    "hub",
    "kind",
    "urgency",
    "words",
    "route_kind",
    "for_user",
    "for_team",
    "status",
    "answer_by",
    "outcome",
    "closed_by",
    "closed_at",
    "overdue_reminded_at",
    "version",
    "created_at",
]
EVENT_FIELDS = ["concern", "person", "what", "by", "words", "route_kind", "at"]
URGENCY_OF = {
    RouteKind.TEAM_LEADER_CALL: Urgency.TODAY,
    RouteKind.MONTHLY_MEETING: Urgency.NEXT_MEETING,
    RouteKind.COFFEE_MORNING: Urgency.FEW_DAYS,
    RouteKind.MDT: Urgency.FEW_DAYS,
}
HOURS_OF = {Urgency.TODAY: 4, Urgency.FEW_DAYS: 72, Urgency.NEXT_MEETING: 24 * 28}


@dataclass(frozen=True)
class Client:
    index: int
    given_name: str
    volunteer: str  # username
    named_worker: str | None
    team: str  # their neighbourhood team


@dataclass
class Planned:
    client: Client
    kind: str
    route: str
    state: str


class LoopStep:
    """One build's concerns: `person` keeps the people with a volunteer now; `finish` writes the concerns."""

    def __init__(self, building: Building):
        self.building = building
        self.rng = random.Random(building.seed * 104_729 + 13)
        self.clients: list[Client] = []
        self.login_clients: list[Client] = []
        self.coordinators = [p.username for p in building.plan.personas if p.team == HUB and p.role == "coordinator"]

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        volunteers = [r.user for r in care.relationships if r.kind == "volunteer" and r.ended_at is None and r.user]
        if not volunteers:
            return
        named = [r.user for r in care.relationships if r.kind == "named_worker" and r.ended_at is None]
        client = Client(
            index, row.given_name, volunteers[0], named[-1] if named else None, caseload_team(row.neighbourhood_index)
        )
        if "volunteer" in volunteers:
            self.login_clients.append(Client(index, row.given_name, "volunteer", client.named_worker, client.team))
        elif len(self.clients) < KEPT:
            self.clients.append(client)

    def plan(self) -> list[Planned]:
        """Every state through every route, by other volunteers; and the login's open one and good news."""
        planned = []
        others = list(self.clients)
        self.rng.shuffle(others)
        kinds = list(Kind.values)
        for i, (route, state) in enumerate((r, s) for r in RouteKind.values for s in STATES):
            if not others:
                break
            planned.append(Planned(others.pop(), kinds[i % len(kinds)], route, state))
        login = self.login_clients
        if login:
            planned.append(Planned(login[0], Kind.HEALTH, RouteKind.TEAM_LEADER_CALL, "open"))
            planned.append(Planned(login[-1], Kind.SOCIAL, RouteKind.COFFEE_MORNING, "good news"))
            planned.append(Planned(login[min(1, len(login) - 1)], Kind.HEALTH, RouteKind.MDT, AT_THE_MDT))
        return planned

    def finish(self) -> None:
        planned = self.plan()
        if not planned or not self.coordinators:
            return
        ids, now = self.building.ids, self.building.now
        user, team = ids.users.get, ids.teams.get
        hub = team(HUB)
        with connection.cursor() as cursor:
            first = reserve(cursor, Concern, len(planned))
            concerns, events = [], []
            for number, p in enumerate(planned):
                row, made = self._concern(first + number, p, now, user, team, hub)
                concerns.append(row)
                events += made
            copy_rows(cursor, Concern, CONCERN_FIELDS, concerns)
            copy_rows(cursor, ConcernEvent, EVENT_FIELDS, events)

    def _concern(self, pk: int, p: Planned, now: datetime, user, team, hub) -> tuple[tuple, list[tuple]]:
        rng, client = self.rng, p.client
        name = client.given_name
        health = p.kind == Kind.HEALTH
        for_user = user(client.named_worker) if health and client.named_worker else None
        for_team = team(client.team) if health else hub
        coordinator = user(self.coordinators[pk % len(self.coordinators)])
        answerer = for_user or coordinator
        urgency = URGENCY_OF[RouteKind(p.route)]
        hours = HOURS_OF[urgency]
        volunteer = user(client.volunteer)
        words = rng.choice(WORRIES[Kind(p.kind)]).format(name=name)
        overdue = p.state.startswith("overdue")
        created = (
            now - timedelta(hours=hours + rng.randint(2, 48)) if overdue else now - timedelta(hours=rng.randint(1, 3))
        )
        if p.state in ("good news", "thanked", "still worried"):
            created = now - timedelta(days=rng.randint(5, 40), hours=rng.randint(0, 8))
        answer_by = created + timedelta(hours=hours)
        if p.state == AT_THE_MDT:  # raised before the last meeting (every other Tuesday); answered by its action
            words = MDT_WORRY.format(name=name)
            created = now - timedelta(days=15, hours=3)
            answer_by = now + timedelta(days=4)
        status, outcome, closed_by, closed_at, reminded = "open", "", None, None, None
        person = self.building.person_id(client.index)
        events = [(pk, person, "raised", volunteer, words, p.route, created)]
        if p.state == "overdue, reminded":
            reminded = answer_by + timedelta(minutes=rng.randint(5, 55))
            events.append((pk, person, "reminded", None, "", "", reminded))
        if p.state in ("good news", "thanked", "still worried"):
            closed_at = created + timedelta(hours=rng.randint(2, min(hours, 96)))  # days before now
            outcome = rng.choice(GOOD_NEWS[Kind(p.kind)]).format(name=name)
            events.append((pk, person, "closed", answerer, outcome, "", closed_at))
            status, closed_by = "closed", answerer
            if p.state == "thanked":
                events.append((pk, person, "thanked", volunteer, THANKS, "", closed_at + timedelta(hours=5)))
            if p.state == "still worried":
                worried_at = now - timedelta(hours=rng.randint(2, 20))
                events.append((pk, person, "still_worried", volunteer, STILL_WORRIED.format(name=name), "", worried_at))
                status, outcome, closed_by, closed_at = "open", "", None, None
                answer_by = worried_at + timedelta(hours=hours)
        row = (
            pk,
            person,
            volunteer,
            hub,
            p.kind,
            urgency,
            words,
            p.route,
            for_user,
            for_team,
            status,
            answer_by,
            outcome,
            closed_by,
            closed_at,
            reminded,
            len(events),
            created,
        )
        return row, events
