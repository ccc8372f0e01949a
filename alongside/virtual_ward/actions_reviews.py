"""Recording a review on the virtual ward: the one writer of reviews (pages and API). Only the ward's team, only
while the episode is open; NEWS2 is scored once, here, and kept with the readings (ADR 0035). A score that calls
for an urgent review or an emergency response is saved only with what was done about it. Audited, in one
transaction."""

from django.db import transaction
from django.utils import timezone

from alongside.people.access import record
from alongside.people.policy import Basis, ward_basis

from . import access, news2
from .models import Episode, Review
from .words_reviews import Escalation, escalation


class NotAllowed(Exception):
    """Not the ward's team for this episode (or no such episode): answer as missing."""


class Ended(Exception):
    """The episode has ended: no more reviews."""


class EscalationNeeded(Exception):
    """The score calls for an urgent review or an emergency response, and nothing says what was done."""


def may_review(request, episode_id: int) -> Episode | None:
    """The episode if this user is on its ward's team now (whether or not it is open), else None. No audit."""
    referral = access.with_everything().filter(episode__pk=episode_id).first()
    if referral is None:
        return None
    facts = access.facts_for_referrals(request, [referral])[referral.pk]
    return referral.episode if ward_basis(facts) == Basis.WARD_TEAM else None


def record_review(
    request,
    episode_id: int,
    obs: news2.Observations,
    note: str = "",
    done: str = "",
    *,
    done_required: bool = True,
    what: str = "ward_review_recorded",
) -> Review:
    """Save a review with its NEWS2. `done`: what was done about a score that needs it (escalation), required on
    the page; the API records readings sent from another system, which say what was done in their own way."""
    score = news2.score(obs)  # ValueError for a scale other than 1 or 2, before anything is written
    if may_review(request, episode_id) is None:
        raise NotAllowed
    if done_required and escalation(score.at_least, score.any_three) != Escalation.NONE and not done.strip():
        raise EscalationNeeded
    with transaction.atomic():
        episode = Episode.objects.select_for_update().get(pk=episode_id)
        if episode.ended_at is not None:
            raise Ended
        review = Review.objects.create(
            episode=episode,
            person_id=episode.person_id,
            at=timezone.now(),
            by=request.user,
            respiration_rate=obs.respiration_rate,
            spo2=obs.spo2,
            spo2_scale=obs.spo2_scale,
            on_oxygen=obs.on_oxygen,
            systolic_bp=obs.systolic_bp,
            pulse=obs.pulse,
            consciousness=obs.consciousness.value if obs.consciousness else "",
            temperature=obs.temperature,
            news2=score.total,
            news2_at_least=score.at_least,
            response=score.response.value if score.response else "",
            note=note.strip(),
            escalation=done.strip(),
        )
        record(
            request,
            what,
            episode.person_id,
            Basis.WARD_TEAM,
            object_type="ward_review",
            object_id=review.pk,
            episode=episode.pk,
            news2=score.total,
            at_least=score.at_least,
        )
    return review
