"""Reading reviews: who may read an episode's reviews (the ward's team, or anyone the person's record lets read
their care, the person and their proxy included), audited; and the reviews themselves, in a fixed number of
queries."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from alongside.partners.roles import in_care_team
from alongside.people.access import decide, facts_for, record, record_denied
from alongside.people.models import Person
from alongside.people.policy import Action, Basis, Category, ward_basis

from . import access, chart_reviews, news2
from .models import Episode, Referral, Review

REVIEW_EVERY = timedelta(hours=24)  # reviews happen at least daily


@dataclass(frozen=True)
class Readable:
    referral: Referral
    basis: Basis
    as_ward_team: bool

    @property
    def episode(self) -> Episode:
        return self.referral.episode


def readable_episode(request, episode_id: int, what: str) -> Readable | None:
    """The episode if this user may read its reviews, audited as `what` on its basis; None (answer as missing,
    audited as refused) otherwise. The ward's team reads as the ward's team; anyone else by the person's record
    (CARE). Someone off the ward asking about a missing episode and about someone else's take the same path and
    the same queries (the record's facts about a stand-in person), so neither answer nor time tells them apart."""
    referral = access.with_everything().filter(episode__pk=episode_id).first()
    basis: Basis | None = None
    team = False
    if referral is not None and in_care_team(request, referral.ward.team_id):
        facts = access.facts_for_referrals(request, [referral])[referral.pk]
        team = ward_basis(facts) == Basis.WARD_TEAM
        basis = Basis.WARD_TEAM if team else None
    if basis is None:
        person = referral.person if referral is not None else Person(pk=0)
        decision = decide(request, person, Action.READ, Category.CARE, facts_for(request, person))
        basis = decision.basis if decision and referral is not None else None
    if basis is None or referral is None:
        record_denied(
            request, what, referral.person_id if referral else None, object_type="ward_episode", object_id=episode_id
        )
        return None
    record(request, what, referral.person_id, basis, object_type="ward_episode", object_id=episode_id)
    return Readable(referral, basis, team)


def reviews_of(episode_id: int) -> list[Review]:
    """Newest first, with who recorded each: one query."""
    return list(Review.objects.filter(episode_id=episode_id).select_related("by").order_by("-at", "-pk"))


def observations_of(review: Review) -> news2.Observations:
    return news2.Observations(
        respiration_rate=review.respiration_rate,
        spo2=review.spo2,
        spo2_scale=review.spo2_scale,
        on_oxygen=review.on_oxygen,
        systolic_bp=review.systolic_bp,
        pulse=review.pulse,
        consciousness=news2.Consciousness(review.consciousness) if review.consciousness else None,
        temperature=review.temperature,
    )


def overdue(episode: Episode, reviews: list[Review], now=None) -> bool:
    """An open episode whose last review (or admission, when none yet) was more than 24 hours ago."""
    now = now or timezone.now()
    if episode.ended_at is not None:
        return False
    last = reviews[0].at if reviews else episode.admitted_at
    return now - last > REVIEW_EVERY


def points(reviews: list[Review]) -> list[chart_reviews.Point]:
    """The chart's points, oldest first, in UK time (the chart names the first and last days and times)."""
    return [
        chart_reviews.Point(
            timezone.localtime(r.at), r.news2 if r.news2 is not None else r.news2_at_least, r.news2 is not None
        )
        for r in reversed(reviews)
    ]
