"""A small volunteer hub for the raising part's tests: a volunteer visiting a client who has a named worker in a
neighbourhood team (with its team leader), and the hub's coordinator."""

from dataclasses import dataclass

from alongside.core.tests.requests import acting_as
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from ..actions_raising import Worry, raise_concern


@dataclass
class Hub:
    hub: Team
    neighbourhood: Team
    volunteer: object
    coordinator: object
    named_worker: object
    team_leader: object
    person: object


def a_hub(member, *, named_worker: bool = True, given_name: str = "Edna", family_name: str = "Price") -> Hub:
    hub = TeamFactory(
        kind=Team.Kind.VOLUNTEER_HUB,
        name="Living Well hub",
        organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTARY),
    )
    neighbourhood = TeamFactory(kind=Team.Kind.NEIGHBOURHOOD, name="Riverside neighbourhood team")
    volunteer = member("volunteer", team=hub, first_name="Val", last_name="Green")
    coordinator = member("coordinator", team=hub, first_name="Cora", last_name="Hill")
    worker = member("clinician", team=neighbourhood, first_name="Nia", last_name="Okoro")
    leader = member("team_leader", team=neighbourhood, first_name="Tom", last_name="Lead")
    person = PersonFactory(given_name=given_name, family_name=family_name)
    RelationshipFactory(person=person, kind=CareRelationship.Kind.TEAM_CASELOAD, team=neighbourhood, user=None)
    if named_worker:
        RelationshipFactory(person=person, kind=CareRelationship.Kind.NAMED_WORKER, user=worker)
    RelationshipFactory(person=person, kind=CareRelationship.Kind.VOLUNTEER, user=volunteer)
    return Hub(hub, neighbourhood, volunteer, coordinator, worker, leader, person)


def raised(world: Hub, kind: str = "social", urgency: str = "few_days", words: str = "Seems low", person=None):
    """A concern the hub's volunteer raised, through the action."""
    person = person or world.person
    return raise_concern(acting_as(world.volunteer), Worry(person.pk, kind, urgency, words))
