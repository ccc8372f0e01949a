import factory

from alongside.consent.models import ConsentProvision
from alongside.people.tests.factories import PersonFactory


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentProvision

    person = factory.SubFactory(PersonFactory)
    permit = True
    actor_kind = ConsentProvision.Actor.VOLUNTEERS
    categories = factory.LazyFunction(lambda: ["story"])
