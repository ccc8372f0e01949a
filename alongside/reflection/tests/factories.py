"""Reflections as a worker would write them: a contact recorded through continuity, then reflected on through the
reflection action (tests may import any app)."""

import factory
from django.utils import timezone

from alongside.continuity.tests.factories import ContactFactory
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as
from alongside.people.tests.factories import PersonFactory
from alongside.reflection import actions
from alongside.reflection.models import Reflection


def reflect_on(contact, worker, hard=(), note=""):
    return actions.reflect(acting_as(worker), f"contact:{contact.pk}", list(hard), note)


def contact_with(person, worker, **more):
    return ContactFactory(person=person, practitioner=worker, recorded_by=worker, **more)


class ReflectionFactory(factory.django.DjangoModelFactory):
    """A reflection stored as it is, for lists and patterns (no contact behind it)."""

    class Meta:
        model = Reflection

    worker = factory.SubFactory(UserFactory)
    contact = factory.Sequence(lambda n: f"contact:{900000 + n}")
    person = factory.SubFactory(PersonFactory)
    contact_at = factory.LazyFunction(timezone.now)
    contact_kind = "Home visit"
    hard = factory.LazyFunction(list)
    written_at = factory.LazyFunction(timezone.now)
