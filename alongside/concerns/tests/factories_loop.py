"""Concerns for the loop's tests, made with the model directly (raising them is the raising part's): a hub with a
coordinator, a neighbourhood team with a named worker, a person on its caseload, and their volunteer."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from alongside.concerns.models import Concern, Kind, RouteKind, Urgency
from alongside.core.tests.factories import enrol_totp
from alongside.partners.models import Organisation, Role, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory


@dataclass
class Around:
    """The people around one person's concerns."""

    hub: Team
    neighbourhood: Team
    person: object
    volunteer: object
    named_worker: object
    coordinator: object
    team_leader: object


def member(role, team, **user):
    user = MembershipFactory(role=role, team=team, **{f"user__{k}": v for k, v in user.items()}).user
    enrol_totp(user)
    return user


def around(given_name="Ada", family_name="Lovelace", **person) -> Around:
    hub = TeamFactory(
        kind=Team.Kind.VOLUNTEER_HUB,
        name="Living Well hub",
        organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTARY),
    )
    neighbourhood = TeamFactory(kind=Team.Kind.NEIGHBOURHOOD, name="Riverside neighbourhood team")
    person = PersonFactory(given_name=given_name, family_name=family_name, **person)
    volunteer = member(Role.VOLUNTEER, hub, first_name="Priya", last_name="Shah", email="priya@example.org")
    named = member(Role.CLINICIAN, neighbourhood, first_name="Sam", last_name="Okoro", email="sam@example.org")
    coordinator = member(Role.COORDINATOR, hub, first_name="Cath", last_name="Reid", email="cath@example.org")
    leader = member(Role.TEAM_LEADER, neighbourhood, first_name="Lee", last_name="Tan", email="")
    start = timezone.now() - timedelta(days=60)
    RelationshipFactory(person=person, kind=CareRelationship.Kind.TEAM_CASELOAD, team=neighbourhood, started_at=start)
    RelationshipFactory(person=person, kind=CareRelationship.Kind.NAMED_WORKER, user=named, started_at=start)
    RelationshipFactory(person=person, kind=CareRelationship.Kind.VOLUNTEER, user=volunteer, started_at=start)
    return Around(hub, neighbourhood, person, volunteer, named, coordinator, leader)


def concern(world: Around, *, health=True, hours=72, **fields) -> Concern:
    values = {
        "person": world.person,
        "raised_by": world.volunteer,
        "hub": world.hub,
        "kind": Kind.HEALTH if health else Kind.SOCIAL,
        "urgency": Urgency.FEW_DAYS,
        "words": "Ada seemed more breathless than usual.",
        "route_kind": RouteKind.TEAM_LEADER_CALL,
        "for_user": world.named_worker if health else None,
        "for_team": world.neighbourhood if health else world.hub,
        "answer_by": timezone.now() + timedelta(hours=hours),
    }
    return Concern.objects.create(**(values | fields))
