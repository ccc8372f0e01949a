"""Factories for the virtual ward's figures: a ward with a year's baseline, a GP practice with people registered,
and ended stays made quickly."""

from datetime import datetime

from django.utils import timezone

from alongside.partners.models import Organisation
from alongside.partners.tests.factories import OrganisationFactory
from alongside.people.tests.factories import PersonFactory
from alongside.virtual_ward.models import Episode, Referral

from .factories import EpisodeFactory, WardFactory


def at(*parts: int) -> datetime:
    """A moment in UK time."""
    return timezone.make_aware(datetime(*parts))


def ward_with_practice(registered: int = 4, **fields):
    """A ward serving one GP practice with `registered` people registered at it."""
    ward = WardFactory(**fields)
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    ward.practices.add(practice)
    PersonFactory.create_batch(registered, gp_practice=practice)
    return ward


def stay(ward, admitted_at, ended_at=None, *, step_up=True, outcome="home", bed=1) -> Episode:
    """One episode on the ward, ended with `outcome` when `ended_at` is given."""
    direction = Referral.Direction.STEP_UP if step_up else Referral.Direction.STEP_DOWN
    return EpisodeFactory(
        referral__ward=ward,
        referral__direction=direction,
        bed=bed,
        admitted_at=admitted_at,
        ended_at=ended_at,
        outcome=outcome if ended_at else "",
    )
