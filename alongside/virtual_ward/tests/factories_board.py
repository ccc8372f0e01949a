"""Factories for the board part: a ward with people in its beds, each with a review and a visit planned, on the
ward team's caseload (as admission puts them), so that its nurses may record contacts with them."""

from datetime import timedelta

from django.utils import timezone

from alongside.people.models import CareRelationship
from alongside.people.tests.factories import RelationshipFactory
from alongside.virtual_ward.models import Episode, Ward

from .factories import EpisodeFactory, PlannedContactFactory, ReferralFactory, ReviewFactory


def admitted(ward: Ward, bed: int, hours_ago: int = 10, **episode) -> Episode:
    """Someone in a bed of the ward, admitted `hours_ago`, on the ward team's caseload."""
    now = timezone.now()
    episode = {(f"referral__{k}" if k.startswith("person__") else k): v for k, v in episode.items()}
    found = EpisodeFactory(
        referral__ward=ward,
        bed=bed,
        admitted_at=now - timedelta(hours=hours_ago),
        referral__referred_at=now - timedelta(hours=hours_ago + 1),
        referral__decided_at=now - timedelta(hours=hours_ago, minutes=30),
        **episode,
    )
    RelationshipFactory(person=found.person, kind=CareRelationship.Kind.TEAM_CASELOAD, team=ward.team)
    return found


def full_ward(ward: Ward, count: int, by) -> list[Episode]:
    """`count` people in beds 1.. of the ward at different hours of their stay, each reviewed by `by` and with a
    visit planned later today without a nurse."""
    episodes = []
    for bed in range(1, count + 1):
        episode = admitted(ward, bed, hours_ago=(bed * 7) % 70 + 1, admitted_by=by)
        ReviewFactory(episode=episode, by=by, at=timezone.now() - timedelta(hours=bed % 30))
        PlannedContactFactory(episode=episode, due_at=timezone.now() + timedelta(minutes=30 + bed))
        episodes.append(episode)
    return episodes


def waiting_referral(ward: Ward, **more):
    """A referral to the ward waiting for a decision."""
    return ReferralFactory(ward=ward, **more)
