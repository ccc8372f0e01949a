"""Who sees which virtual ward referral and episode: the one place the rule (people.policy `ward_basis`) meets the
database.

Pages, the board, the figures' lists and the API all ask `seen_referrals` (or `seen_referral` for one), so the
ward's team sees its current referrals and patients, and a referrer what became of their referral, wherever they
look. Each one shown is audited as a read of the person's data, on its basis, in one insert. The person and their
proxy read their own episode through their record (`own_episodes`), by the record's own rules.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from alongside.partners.roles import caring_team_ids
from alongside.people.access import Read, acting, facts_for_people, record_denied, record_each
from alongside.people.policy import Basis, WardFacts, care_kept_from, ward_basis

from .models import Referral, Ward

# How long after an episode ends its ward team still sees it: for the handover and the questions that follow.
SEEN_AFTER_THE_END = timedelta(days=7)


@dataclass(frozen=True)
class Seen:
    referral: Referral
    basis: Basis

    @property
    def as_ward_team(self) -> bool:
        return self.basis == Basis.WARD_TEAM


def my_wards(request) -> QuerySet[Ward]:
    """The wards whose team the user gives care in."""
    return Ward.objects.filter(team_id__in=caring_team_ids(request)).select_related("team")


def is_current(referral: Referral, now) -> bool:
    """Waiting for a decision, accepted and waiting for a bed, declined within SEEN_AFTER_THE_END (so the team can
    read what they decided), or admitted and not ended (or ended within SEEN_AFTER_THE_END)."""
    if not referral.decision:
        return True
    if referral.decision == Referral.Decision.DECLINED:
        return referral.decided_at is not None and referral.decided_at > now - SEEN_AFTER_THE_END
    episode = getattr(referral, "episode", None)
    if episode is None and referral.decision == Referral.Decision.ACCEPTED:
        return True  # accepted, waiting for a bed: the team still has to admit them
    return episode is not None and (episode.ended_at is None or episode.ended_at > now - SEEN_AFTER_THE_END)


def facts_for_referrals(request, referrals: list[Referral]) -> dict[int, WardFacts]:
    """The rule's facts for each referral: a fixed number of queries, however many (the referrals come with
    `ward`, `person` and `episode` selected)."""
    if not referrals:
        return {}
    now, how, teams = timezone.now(), acting(request), set(caring_team_ids(request))
    people = list({r.person_id: r.person for r in referrals}.values())
    person_facts = facts_for_people(request, people)
    return {
        r.pk: WardFacts(
            acting=how,
            on_ward_team=r.ward.team_id in teams,
            made_it=r.referred_by_id == request.user.pk,
            current=is_current(r, now),
            care_kept_from_user=care_kept_from(person_facts[r.person_id]),
        )
        for r in referrals
    }


def seen_referrals(request, referrals: list[Referral], what: str) -> list[Seen]:
    """The referrals this user may see, in the order given, each audited as `what` on its basis (one insert)."""
    facts = facts_for_referrals(request, referrals)
    seen = [Seen(r, basis) for r in referrals if (basis := ward_basis(facts[r.pk])) is not None]
    if seen:
        record_each(
            request,
            what,
            [Read(s.referral.person_id, s.basis, object_id=s.referral.pk) for s in seen],
            object_type="ward_referral",
        )
    return seen


def with_everything() -> QuerySet[Referral]:
    return Referral.objects.select_related("ward", "person", "episode", "referred_by")


def reachable(request) -> Q:
    """The referrals worth asking the rule about: the user's wards' and those they made."""
    return Q(ward__team_id__in=caring_team_ids(request)) | Q(referred_by=request.user)


def seen_referral(request, referral_id: int, what: str) -> Seen | None:
    """One referral if this user may see it, audited; None (answer as missing) otherwise. A missing referral and a
    refused one take the same path and the same queries up to the refusal."""
    return _seen_one(request, with_everything().filter(pk=referral_id).first(), referral_id, what)


def seen_episode(request, episode_id: int, what: str) -> Seen | None:
    """The referral of one episode if this user may see it, audited, as `seen_referral`."""
    return _seen_one(request, with_everything().filter(episode__pk=episode_id).first(), episode_id, what)


def _seen_one(request, referral: Referral | None, asked_id: int, what: str) -> Seen | None:
    mine = referral is not None and (
        referral.ward.team_id in caring_team_ids(request) or referral.referred_by_id == request.user.pk
    )
    seen = seen_referrals(request, [referral], what) if mine else []
    if not seen:
        record_denied(
            request, what, referral.person_id if referral else None, object_type="ward_referral", object_id=asked_id
        )
        return None
    return seen[0]
