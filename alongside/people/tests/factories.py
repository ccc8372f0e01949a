import factory

from alongside.core.tests.factories import PersonFactory  # noqa: F401  (one place for the person factory)
from alongside.people.models import CareRelationship, Entry, StoryVersion


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
