import factory
from django.utils import timezone

from alongside.breakglass.models import DEFAULT_DURATION, BreakGlass
from alongside.core.tests.factories import UserFactory
from alongside.people.tests.factories import PersonFactory


class BreakGlassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakGlass

    user = factory.SubFactory(UserFactory)
    person = factory.SubFactory(PersonFactory)
    reason_code = BreakGlass.Reason.EMERGENCY
    reason_text = "Called by the ambulance service; she was found confused at home."
    started_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.started_at + DEFAULT_DURATION)
