"""Factories for the partnership: neighbourhoods, organisations, teams and memberships."""

import factory
from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Membership, Neighbourhood, Organisation, Team


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ["name"]

    name = factory.Iterator(["Riverside", "Hillcrest", "Old Town", "Meadowbank"])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.NHS_TRUST


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    kind = Team.Kind.NEIGHBOURHOOD


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = "clinician"
    started_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=30))
