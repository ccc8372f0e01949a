"""Factories for sharing choices; and the same choices made through the consent actions, as the person (or the
proxy they chose) makes them on their sharing page."""

import factory

from alongside.consent import actions
from alongside.consent.models import ConsentProvision
from alongside.core.tests.requests import acting_as
from alongside.people.tests.factories import PersonFactory


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentProvision

    person = factory.SubFactory(PersonFactory)
    permit = True
    actor_kind = ConsentProvision.Actor.VOLUNTEERS
    categories = factory.LazyFunction(lambda: ["story"])


def choose(person, permit: bool, categories, *, by=None, organisation=None, actor_kind=None, until=None):
    """The person (or `by`, their proxy) records a choice from now: with an organisation, or else with volunteers."""
    by = by or person.user
    if by is None:
        raise ValueError("Only the person or their proxy records a sharing choice: give the person a user, or `by`.")
    if actor_kind is None:
        actor_kind = ConsentProvision.Actor.ORGANISATION if organisation else ConsentProvision.Actor.VOLUNTEERS
    data = {
        "permit": permit,
        "actor_kind": actor_kind,
        "organisation": organisation,
        "categories": list(categories),
        "until": until,
    }
    return actions.record_choice(acting_as(by), person, data)


def share(person, categories, **choice) -> ConsentProvision:
    """The person chooses to share these categories (see `choose`)."""
    return choose(person, True, categories, **choice)


def withhold(person, categories, **choice) -> ConsentProvision:
    """The person chooses not to share these categories (see `choose`)."""
    return choose(person, False, categories, **choice)
