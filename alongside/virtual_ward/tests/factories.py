"""Factories for the virtual ward: a ward (with its team), a referral waiting for a decision, an episode (an
accepted referral admitted to a bed), a part of its plan and a review with observations; and `nurse(ward)`, a
clinician on the ward's team.

The factories write the tables directly: for what the pages make, tests go through the app's actions.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from alongside.partners.models import Team
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.virtual_ward import news2
from alongside.virtual_ward.models import Episode, PlannedContact, Referral, Review, Ward


class WardFactory(factory.django.DjangoModelFactory):
    """A 20-bed ward, 2 hours to decide, 72-hour episodes."""

    class Meta:
        model = Ward

    team = factory.SubFactory(TeamFactory, kind=Team.Kind.VIRTUAL_WARD, name=factory.Sequence(lambda n: f"Ward {n}"))
    name = factory.Sequence(lambda n: f"Riverside virtual ward {n}")
    beds = 20


def nurse(ward: Ward, role: str = "clinician"):
    """A member of the ward's team (a clinician unless told)."""
    return MembershipFactory(team=ward.team, role=role).user


class ReferralFactory(factory.django.DjangoModelFactory):
    """A step-up referral from a GP an hour ago, waiting for a decision."""

    class Meta:
        model = Referral

    ward = factory.SubFactory(WardFactory)
    person = factory.SubFactory(PersonFactory)
    source = Referral.Source.GP
    direction = Referral.Direction.STEP_UP
    reason = "Chest infection, breathless at rest, wants to stay at home"
    referred_by = factory.LazyFunction(lambda: MembershipFactory(role="gp").user)
    referred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    decision_due = factory.LazyAttribute(lambda r: r.referred_at + timedelta(hours=r.ward.decision_hours))


class EpisodeFactory(factory.django.DjangoModelFactory):
    """An open episode in bed 1, admitted 10 hours ago, from an accepted referral."""

    class Meta:
        model = Episode

    referral = factory.SubFactory(
        ReferralFactory,
        decision=Referral.Decision.ACCEPTED,
        decided_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=10, minutes=30)),
        decision_reason="Safe to stay at home with daily visits",
        referred_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=11)),
    )
    ward = factory.LazyAttribute(lambda e: e.referral.ward)
    person = factory.LazyAttribute(lambda e: e.referral.person)
    step_up = factory.LazyAttribute(lambda e: e.referral.direction == Referral.Direction.STEP_UP)
    bed = 1
    admitted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=10))
    admitted_by = factory.LazyAttribute(lambda e: nurse(e.ward))
    due_end_at = factory.LazyAttribute(lambda e: e.admitted_at + timedelta(hours=e.ward.episode_hours))


class PlannedContactFactory(factory.django.DjangoModelFactory):
    """A home visit in two hours, no nurse yet."""

    class Meta:
        model = PlannedContact

    episode = factory.SubFactory(EpisodeFactory)
    person = factory.LazyAttribute(lambda p: p.episode.person)
    kind = PlannedContact.Kind.VISIT
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
    minutes = 30
    what_for = "Check breathing and antibiotics"


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review an hour ago with a full set of normal observations (NEWS2 0), scored as the app scores them."""

    class Meta:
        model = Review
        skip_postgeneration_save = True

    episode = factory.SubFactory(EpisodeFactory)
    person = factory.LazyAttribute(lambda r: r.episode.person)
    at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    by = factory.LazyAttribute(lambda r: r.episode.admitted_by)
    respiration_rate = 16
    spo2 = 97
    spo2_scale = 1
    on_oxygen = False
    systolic_bp = 128
    pulse = 72
    consciousness = Review.Consciousness.ALERT
    temperature = Decimal("36.8")

    @factory.post_generation
    def scored(review, create, extracted, **kwargs):
        score = news2.score(
            news2.Observations(
                respiration_rate=review.respiration_rate,
                spo2=review.spo2,
                spo2_scale=review.spo2_scale,
                on_oxygen=review.on_oxygen,
                systolic_bp=review.systolic_bp,
                pulse=review.pulse,
                consciousness=news2.Consciousness(review.consciousness) if review.consciousness else None,
                temperature=review.temperature,
            )
        )
        review.news2, review.news2_at_least = score.total, score.at_least
        review.response = score.response.value if score.response else ""
        if create:
            review.save(update_fields=["news2", "news2_at_least", "response"])
