"""The concern as a subject of the authorisation matrix: one concern in each state, and the kinds of user around
it, shared by both parts' rows (authorisation_raising.py and authorisation_loop.py).

Every state has the same people: the person the concern is about (named "Matrix Subject"), on the caseload of a
neighbourhood team, with a named worker in it and a volunteer from the hub allocated to them, who raised the
concern. The kind of user decides who the user is in that picture: the raising volunteer, the named worker, the
hub's coordinator, or someone outside it.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from alongside.concerns.models import Concern, Kind, RouteKind, Urgency
from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Organisation, Role, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from tests.authorisation.machinery import NAME, World, make_user

# kind of user -> (role, which of the world's teams)
USERS = {
    "raising volunteer": ("volunteer", "hub"),  # the person's volunteer, who raised it
    "another volunteer": ("volunteer", "hub"),  # in the same hub, not the person's volunteer
    "hub coordinator": ("coordinator", "hub"),
    "other hub coordinator": ("coordinator", "other hub"),
    "named worker": ("clinician", "neighbourhood"),  # the person's named worker
    "neighbourhood team leader": ("team_leader", "neighbourhood"),
    "other clinician": ("clinician", "other"),
    "ig reviewer": ("ig_reviewer", "other"),
    "admin": ("admin", "other"),
}
STATES = [
    "open health worry",  # for the named worker to act on
    "open social worry",  # for the coordinator
    "closed with good news",
    "raised before the allocation ended",  # the volunteer no longer visits the person
]


def concern_world(state, kind, users, member) -> World:
    voluntary = OrganisationFactory(kind=Organisation.Kind.VOLUNTARY)
    teams = {
        "hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, organisation=voluntary),
        "other hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB),
        "neighbourhood": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
        "other": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
    }
    user = make_user(kind, teams, users, member)
    given, family = NAME.split()
    person = PersonFactory(given_name=given, family_name=family)
    RelationshipFactory(person=person, kind=CareRelationship.Kind.TEAM_CASELOAD, team=teams["neighbourhood"])
    named = user if kind == "named worker" else MembershipFactory(role=Role.CLINICIAN, team=teams["neighbourhood"]).user
    RelationshipFactory(person=person, kind=CareRelationship.Kind.NAMED_WORKER, user=named)
    volunteer = user if kind == "raising volunteer" else MembershipFactory(role=Role.VOLUNTEER, team=teams["hub"]).user
    ended = timezone.now() - timedelta(days=1) if state == "raised before the allocation ended" else None
    RelationshipFactory(person=person, kind=CareRelationship.Kind.VOLUNTEER, user=volunteer, ended_at=ended)
    health = state == "open health worry"
    fields = {
        "person": person,
        "raised_by": volunteer,
        "hub": teams["hub"],
        "kind": Kind.HEALTH if health else Kind.SOCIAL,
        "urgency": Urgency.FEW_DAYS,
        "words": "Matrix Subject seemed confused about her tablets.",
        "route_kind": RouteKind.MONTHLY_MEETING,
        "for_user": named if health else None,
        "for_team": teams["neighbourhood"] if health else teams["hub"],
        "answer_by": timezone.now() + timedelta(days=3),
    }
    if state == "closed with good news":
        fields.update(
            status=Concern.Status.CLOSED,
            outcome="Matrix Subject has a new dosette box - thank you for noticing.",
            closed_by=named,
            closed_at=timezone.now(),
        )
    concern = Concern.objects.create(**fields)
    page = reverse("concerns:concern", args=[concern.pk])
    return World(user, teams, {"concern": concern, "person": person}, page=page, listing=f"concern-{concern.pk}")


def someone_elses_concern() -> Concern:
    """A concern about someone else, raised by another volunteer in another hub: for REFUSED_LIKE_MISSING."""
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB)
    return Concern.objects.create(
        person=PersonFactory(),
        raised_by=UserFactory(),
        hub=hub,
        kind=Kind.SOCIAL,
        urgency=Urgency.NEXT_MEETING,
        route_kind=RouteKind.MONTHLY_MEETING,
        for_team=hub,
        answer_by=timezone.now() + timedelta(days=30),
    )


WORLDS = {"concern": concern_world}
SUBJECTS = {"concern": someone_elses_concern}
