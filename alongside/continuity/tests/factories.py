"""Factories for continuity: contacts, continuity facts, requests to change the named worker, slots and
appointment requests."""

from datetime import timedelta

import factory
from django.utils import timezone

from alongside.continuity.models import AppointmentRequest, ChangeRequest, Contact, ContinuityFacts, Slot
from alongside.core.tests.factories import UserFactory
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    person = factory.SubFactory(PersonFactory)
    practitioner = factory.SubFactory(UserFactory)
    kind = Contact.Kind.HOME_VISIT
    minutes = 30
    recorded_by = factory.SelfAttribute("practitioner")


class ContinuityFactsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContinuityFacts

    person = factory.SubFactory(PersonFactory)
    updated_by = factory.SubFactory(UserFactory)


class ChangeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeRequest

    person = factory.SubFactory(PersonFactory)
    team = factory.SubFactory(TeamFactory)
    asked_by = factory.SubFactory(UserFactory)
    asked_as = "staff"
    reason = "We have not got on since the spring."
    answer_due = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    team = factory.SubFactory(TeamFactory)
    practitioner = factory.SubFactory(UserFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    created_by = factory.SelfAttribute("practitioner")


class AppointmentRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppointmentRequest

    person = factory.SubFactory(PersonFactory)
    team = factory.SubFactory(TeamFactory)
    earliest = factory.LazyFunction(timezone.now)
    latest = factory.LazyAttribute(lambda o: o.earliest + timedelta(days=7))
    what_for = "Dressing change"
    asked_by = factory.SubFactory(UserFactory)
