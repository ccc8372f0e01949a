import factory
from django.utils import timezone

from alongside.core.tests.requests import acting_as
from alongside.referrals.models import Channel, Referral, Source, Urgency


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    status = "received"
    source = Source.GP
    urgency = Urgency.ROUTINE
    channel = Channel.STAFF
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=100)
    postcode = "NV1 2AB"
    reason = "Struggling at home since a fall"
    received_at = factory.LazyFunction(timezone.now)


def request_for(user, method="post"):
    """A request as the middleware would leave it for this user: roles and memberships attached."""
    return acting_as(user, method)


def referral_fields(**overrides) -> dict:
    fields = {
        "source": Source.GP,
        "given_name": "Ada",
        "family_name": "Okafor",
        "birth_date": timezone.localdate().replace(year=1941, month=3, day=12),
        "postcode": "NV1 2AB",
        "reason": "More falls at home; her daughter is worried",
        "situation": "Lives alone with her cat. Loves the radio. Her daughter visits on Sundays.",
        "urgency": Urgency.SOON,
    }
    return fields | overrides
