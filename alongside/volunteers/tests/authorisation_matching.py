"""Volunteers: rows of the authorisation matrix for asking for a volunteer, matching and allocating (see
authorisation.py). What each kind of user SHOULD be allowed, by the care model:

- staff who look after the person (their named worker) may ask for a volunteer for them, whatever the state;
  a volunteer, the single point of access without a relationship, governance and administrators may not;
- a volunteer hub's coordinator sees only the people who asked their hub, or whom their hub's volunteers visit,
  and only what matching needs; they allocate their own hub's volunteers to people waiting, end their own hub's
  allocations, and see the ranked matches (API) for someone waiting; another hub's coordinator sees none of it;
- no one else reaches the coordinator's pages or the matches API (403 for roles that never match).

The subject is a "volunteer request": the person ("Matrix Subject") on a neighbourhood team's caseload with a
named worker, and a request for a volunteer in one of four states. A volunteer in good standing in the hub is
there to be chosen ("candidate").
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from alongside.partners.models import Organisation, Role, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.volunteers.models import VolunteerRequest
from tests.authorisation.machinery import NAME, World, make_user

from .matching_factories import volunteer

SUBJECT = "volunteer request"
# kind of user -> (role, which of the world's teams)
USERS = {
    "coordinator of the hub asked": ("coordinator", "hub"),
    "coordinator of another hub": ("coordinator", "other hub"),
    "their named worker": ("clinician", "neighbourhood"),
    "a volunteer of the hub": ("volunteer", "hub"),
    "single point of access": ("spa_triage", "spa"),
    "information governance": ("ig_reviewer", "neighbourhood"),
    "administrator": ("admin", "neighbourhood"),
}
STATES = ["asked this hub", "asked another hub", "allocated from this hub", "withdrawn"]


def request_world(state, kind, users, member) -> World:
    voluntary = OrganisationFactory(kind=Organisation.Kind.VOLUNTARY)
    teams = {
        "hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, organisation=voluntary),
        "other hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB),
        "neighbourhood": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
        "spa": TeamFactory(kind=Team.Kind.SPA),
    }
    user = make_user(kind, teams, users, member)
    given, family = NAME.split()
    person = PersonFactory(given_name=given, family_name=family)
    RelationshipFactory(person=person, kind=CareRelationship.Kind.TEAM_CASELOAD, team=teams["neighbourhood"])
    named = user if kind == "their named worker" else MembershipFactory(role=Role.CLINICIAN).user
    RelationshipFactory(person=person, kind=CareRelationship.Kind.NAMED_WORKER, user=named)
    candidate = volunteer(teams["hub"], first_name="Chosen", last_name="Volunteer")
    visitor = user if kind == "a volunteer of the hub" else volunteer(teams["hub"], first_name="Visiting")
    now = timezone.now()
    allocated = state == "allocated from this hub"
    allocation = RelationshipFactory(
        person=person,
        kind=CareRelationship.Kind.VOLUNTEER,
        user=visitor,
        started_at=now - timedelta(days=60),
        ended_at=None if allocated else now - timedelta(days=1),
    )
    status = {"allocated from this hub": "allocated", "withdrawn": "withdrawn"}.get(state, "waiting")
    found = VolunteerRequest.objects.create(
        person=person,
        hub=teams["other hub"] if state == "asked another hub" else teams["hub"],
        asked_by=named,
        asked_as="staff",
        what_would_help="Someone to chat with",
        status=status,
        volunteer=visitor if allocated else None,
        relationship=allocation if allocated else None,
        answered_at=now if allocated else None,
    )
    objects = {"person": person, "request": found, "candidate": candidate, "allocation": allocation}
    page = reverse("people:person", args=[person.pk])
    return World(user, teams, objects, page=page, listing=NAME)


def allocate_the_candidate(client, world) -> bool:
    found, candidate = world["request"], world["candidate"]
    client.post(reverse("volunteers:allocate", args=[found.pk, candidate.pk]))
    return CareRelationship.objects.active().filter(person=found.person, user=candidate, kind="volunteer").exists()


def end_the_allocation(client, world) -> bool:
    allocation = world["allocation"]
    client.post(reverse("volunteers:end_allocation", args=[allocation.pk]), {"reason": "Moved away"})
    allocation.refresh_from_db()
    return allocation.ended_at is not None and allocation.ended_reason == "Moved away"


WORLDS = {SUBJECT: request_world}
ENDPOINTS = {
    "ask": {"url": "volunteers:ask", "args": ["{person.pk}"]},
    "requests": {"url": "volunteers:requests", "answer": "listed"},
    "match": {"url": "volunteers:match", "args": ["{request.pk}"]},
    "allocate": {"url": "volunteers:allocate", "args": ["{request.pk}", "{candidate.pk}"]},
    "end": {"url": "volunteers:end_allocation", "args": ["{allocation.pk}"]},
    "matches api": {"url": "api:volunteer_matches", "query": {"person_id": "{person.pk}"}, "answer": "status"},
    "allocate it": {"url": "volunteers:allocate", "answer": "changed", "change": allocate_the_candidate},
    "end it": {"url": "volunteers:end_allocation", "answer": "changed", "change": end_the_allocation, "last": True},
}

NOTHING = {
    "ask": False,
    "requests": False,
    "match": False,
    "allocate": False,
    "end": False,
    "allocate it": False,
    "end it": False,
}


def _row(state, kind, **cells):
    return (SUBJECT, state, kind, NOTHING | cells)


ROWS = [
    # the coordinator of the hub asked: the request, its matches and allocating, while it waits
    _row(
        "asked this hub",
        "coordinator of the hub asked",
        requests=True,
        match=True,
        allocate=True,
        **{"allocate it": True, "matches api": 200},
    ),
    _row(
        "allocated from this hub",
        "coordinator of the hub asked",
        requests=True,
        match=True,
        end=True,
        **{"end it": True, "matches api": 404},
    ),
    _row("asked another hub", "coordinator of the hub asked", **{"matches api": 404}),
    _row("withdrawn", "coordinator of the hub asked", **{"matches api": 404}),
    # another hub's coordinator: only what was asked of their hub, and never this hub's volunteers
    _row("asked this hub", "coordinator of another hub", **{"matches api": 404}),
    _row("allocated from this hub", "coordinator of another hub", **{"matches api": 404}),
    _row("asked another hub", "coordinator of another hub", requests=True, match=True, **{"matches api": 200}),
    # the named worker asks; matching and allocating are the hub's
    *[_row(state, "their named worker", ask=True, **{"matches api": 403}) for state in STATES],
    # a volunteer, the single point of access without a relationship, governance and administrators: nothing
    *[
        _row(state, kind, **{"matches api": 403})
        for state in STATES
        for kind in ("a volunteer of the hub", "single point of access", "information governance", "administrator")
    ],
]
