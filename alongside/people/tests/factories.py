"""Factories for the person record: people, their care relationships, their story and the entries about them."""

import factory

from alongside.people.models import CareRelationship, Entry, Person, StoryVersion


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
    text = "I was a bus driver for thirty years and I like to be out and about."


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    person = factory.SubFactory(PersonFactory)
    text = "Visited at home; leg dressing changed; Ada in good spirits."
