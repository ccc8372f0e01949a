"""The episodes part's test worlds: a ward with a nurse and a team leader, a person with a GP who is their named
worker (so may refer), and requests as the middleware leaves them. Changes go through actions_episodes."""

from dataclasses import dataclass

from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import MembershipFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.virtual_ward import actions_episodes as actions
from alongside.virtual_ward.models import Referral, Ward

from .factories import WardFactory, nurse

REASON = "Chest infection, breathless at rest, wants to stay at home"


@dataclass
class WardWorld:
    ward: Ward
    nurse: object
    leader: object
    gp: object
    person: object


def ward_world(beds: int = 3, person=None) -> WardWorld:
    ward = WardFactory(beds=beds)
    gp = MembershipFactory(role="gp").user
    person = person or PersonFactory()
    RelationshipFactory(person=person, user=gp, kind=CareRelationship.Kind.NAMED_WORKER)
    return WardWorld(ward, nurse(ward), nurse(ward, "team_leader"), gp, person)


def referred(world: WardWorld, person=None, by=None) -> Referral:
    person = person or world.person
    if by is None:
        by = MembershipFactory(role="gp").user
        RelationshipFactory(person=person, user=by, kind=CareRelationship.Kind.CARE_TEAM)
    return actions.refer(
        acting_as(by),
        person,
        actions.ReferralIn(world.ward.pk, Referral.Source.GP, Referral.Direction.STEP_UP, REASON),
    )


def accepted(world: WardWorld, person=None) -> Referral:
    referral = referred(world, person)
    return actions.decide_referral(acting_as(world.nurse), referral.pk, "accepted", "Safe at home with visits", 1)
