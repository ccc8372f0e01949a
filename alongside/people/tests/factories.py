"""Factories for the person record: people, their care relationships, their story and the entries about them; and
the same states built through the record's actions, as a user would build them."""

import factory

from alongside.core.tests.requests import acting_as
from alongside.partners.models import Membership
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people import actions
from alongside.people.models import CareRelationship, Entry, Person, StoryVersion, Supporter
from alongside.people.policy import Basis, RelationshipKind

STORY = "I was a bus driver for thirty years and I like to be out and about."
ENTRY = "Visited at home; leg dressing changed; Ada in good spirits."


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=100)
    postcode = "NV1 2AB"


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareRelationship

    person = factory.SubFactory(PersonFactory)
    kind = CareRelationship.Kind.NAMED_WORKER


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryVersion

    person = factory.SubFactory(PersonFactory)
    part = StoryVersion.Part.MY_STORY
    number = 1
    text = factory.LazyFunction(lambda: STORY)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    person = factory.SubFactory(PersonFactory)
    text = factory.LazyFunction(lambda: ENTRY)
    # Someone in Alongside wrote it: only a community service's answer, through its link, has no author.
    author = factory.SubFactory("alongside.core.tests.factories.UserFactory")


# --- states built as a user would build them ----------------------------------------------------------------------
# Each goes through the action the page calls (permission, audit, one transaction), acting as the user who would
# have done it. The factories above are for what no page makes now: back-dated relationships, a story without an
# author, a state the policy would refuse.


def team_leader_of(team):
    """The team's leader: the first active one, or a new one if the team has none."""
    leading = Membership.objects.active().filter(team=team, role="team_leader").select_related("user").first()
    return leading.user if leading else MembershipFactory(role="team_leader", team=team).user


def allocate(person, kind=RelationshipKind.NAMED_WORKER, *, user=None, team=None, leader=None) -> CareRelationship:
    """A team leader gives someone (or their team, for a caseload) a part in the person's care from today, as
    allocating a referral or changing the named worker does. `leader` defaults to the leader of the user's team
    (or of `team`), made if there is none."""
    if leader is None:
        membership = user.memberships.select_related("team").first() if user is not None else None
        leader = team_leader_of(team or (membership.team if membership else TeamFactory()))
    return actions.start_relationship(acting_as(leader), person, kind, basis=Basis.TEAM_LEADER, user=user, team=team)


def make_named_worker(person, worker, leader=None) -> CareRelationship:
    """The worker becomes the person's named worker today, made so by their team leader (see `allocate`)."""
    return allocate(person, RelationshipKind.NAMED_WORKER, user=worker, leader=leader)


def give_part(person, kind, *, by, user=None, team=None) -> CareRelationship:
    """`by` adds someone to the person's care from the record's page: someone already caring for the person adds
    staff, a team or a volunteer; the person (or a proxy they chose) adds a proxy."""
    return actions.add_relationship(acting_as(by), person, kind, user=user, team=team)


def write_story(person, by, text=STORY, part=StoryVersion.Part.MY_STORY, reason="First told"):
    """`by` (the person, or someone caring for them) writes the next version of a part of the story."""
    numbers = person.story_versions.filter(part=part).order_by("-number").values_list("number", flat=True)
    latest = numbers.first() or 0
    return actions.add_story_version(acting_as(by), person, part, text, reason, with_person=True, based_on=latest)


def add_entry(person, by, text=ENTRY, restricted=False, kind=Entry.Kind.NOTE) -> Entry:
    """Someone caring for the person adds to their timeline; the person or their proxy adds a note of their own."""
    if kind == Entry.Kind.OWN_NOTE:
        return actions.add_own_note(acting_as(by), person, text)
    return actions.add_entry(acting_as(by), person, kind, text, restricted)


def add_supporter(person, by, name="Grace Okafor", relationship="Daughter", phone="", is_carer=False) -> Supporter:
    """Someone who may write the person's key contacts adds one of the people around them."""
    data = {"name": name, "relationship": relationship, "phone": phone, "is_carer": is_carer}
    return actions.add_supporter(acting_as(by), person, data)
