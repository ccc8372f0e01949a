"""Factories for continuity: contacts, continuity facts, requests to change the named worker, slots and
appointment requests; and the same states built through the continuity actions, as a user would build them."""

from datetime import timedelta

import factory
from django.utils import timezone

from alongside.continuity import actions
from alongside.continuity.models import AppointmentRequest, ChangeRequest, Contact, ContinuityFacts, Slot
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as
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


# --- states built as a user would build them, through the continuity actions ---------------------------------------


def record_contact(person, by, *, kind=Contact.Kind.HOME_VISIT, at=None, minutes=30, note="", practitioner=None):
    """Someone caring for the person records a contact with them (by default, a home visit just now)."""
    at = at or timezone.now()
    return actions.record_contact(
        acting_as(by), person, kind=kind, at=at, minutes=minutes, note=note, practitioner=practitioner
    )


def ask_for_appointment(person, by, *, team, earliest, latest, what_for="Dressing change", slot=None):
    """Someone in the team caring for the person asks for them to be seen; with `slot`, books that time now."""
    return actions.request_appointment(
        acting_as(by),
        person,
        team=team,
        earliest=earliest,
        latest=latest,
        what_for=what_for,
        slot_id=slot.pk if slot else None,
    )


def cancel_appointment(appointment, by):
    """Someone in the appointment's team who cares for the person cancels it (freeing its slot)."""
    return actions.cancel_appointment(acting_as(by), appointment.pk)
