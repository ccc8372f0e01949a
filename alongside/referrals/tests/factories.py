"""Factories for referrals; and referrals sent and moved along their lifecycle through the actions, as the
referrer and the single point of access move them."""

import factory
from django.utils import timezone

from alongside.core.tests.requests import acting_as
from alongside.referrals import actions
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


# --- a referral moved along its lifecycle through the actions, as its users move it --------------------------------


def referred(by, **fields) -> Referral:
    """`by` (a GP or other member of staff) sends a referral from the staff form; see `referral_fields`."""
    return actions.receive(acting_as(by), referral_fields(**fields), channel=Channel.STAFF)


def accepted(team, triage, *, by, reason="Falls and living alone", share_named_worker=True, **fields) -> Referral:
    """A referral `by` sent, for which `triage` (at the single point of access) makes a new record and accepts it
    for `team`: the person joins the team's caseload and the referrer is told."""
    made = referred(by, **fields)
    as_triage = acting_as(triage)
    made = actions.create_person(as_triage, made.pk, made.version)
    return actions.accept(as_triage, made.pk, team.pk, reason, share_named_worker, made.version)
