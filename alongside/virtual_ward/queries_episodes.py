"""What the episodes part's pages read: the ward team's waiting referrals (through `access.seen_referrals`), one
ward's beds today, an episode with its plan, and the person's own episode for their record's section."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from alongside.partners.roles import caring_team_ids
from alongside.people.models import Person

from . import rules_episodes as rules
from . import words_reviews as words
from .access import Seen, seen_referrals, with_everything
from .actions_episodes import capacity_on, taken_beds
from .models import Episode, PlannedContact, Referral, Review, Ward


@dataclass(frozen=True)
class Waiting:
    seen: Seen
    accepted: bool  # accepted, waiting for a bed
    left: str  # "35 minutes left" or "Overdue by 12 minutes"
    overdue: bool


def waiting_referrals(request) -> list[Waiting]:
    """The user's wards' referrals waiting for a decision or for a bed, oldest first: a fixed number of queries."""
    found = list(
        with_everything()
        .filter(ward__team_id__in=caring_team_ids(request))
        .filter(Q(decision="") | Q(decision=Referral.Decision.ACCEPTED, episode__isnull=True))
        .order_by("referred_at", "pk")
    )
    now = timezone.now()
    shown = []
    for seen in seen_referrals(request, found, "ward_referrals_listed"):
        if not seen.as_ward_team:
            continue
        left, overdue = rules.time_left(seen.referral.decision_due, now)
        shown.append(Waiting(seen, bool(seen.referral.decision), left, overdue))
    return shown


@dataclass(frozen=True)
class Beds:
    capacity: int
    taken: set[int]

    @property
    def free(self) -> list[int]:
        return rules.free_beds(self.capacity, self.taken)

    @property
    def lowest_free(self) -> int | None:
        free = self.free
        return free[0] if free else None


def beds_today(ward: Ward) -> Beds:
    return Beds(capacity_on(ward, timezone.localdate()), taken_beds(ward))


@dataclass(frozen=True)
class Progress:
    hour: int
    hours: int
    percent: int
    over: bool  # past its planned end, still open


def progress(episode: Episode, now=None) -> Progress:
    now = now or timezone.now()
    end = episode.ended_at or now
    hours = rules.episode_hours(episode.admitted_at, episode.due_end_at)
    return Progress(
        hour=rules.hour_of_episode(episode.admitted_at, end),
        hours=hours,
        percent=rules.percent_through(episode.admitted_at, episode.due_end_at, end),
        over=episode.ended_at is None and now > episode.due_end_at,
    )


def plan(episode: Episode) -> list[PlannedContact]:
    return list(PlannedContact.objects.filter(episode=episode).select_related("nurse").order_by("due_at", "pk"))


REVIEW_DUE_EVERY = timedelta(hours=24)  # the episode page warns when the last review is older than this


@dataclass(frozen=True)
class Risk:
    """The latest NEWS2 for the episode page: the score in words, its response as a tag, and when it was taken."""

    score: str  # "NEWS2 3", or "Incomplete: at least 2"
    tag_words: str  # "Low", "Medium", ..., "Not known"
    tag_class: str
    response: str  # what the response asks for, in words
    at: str
    stale: bool  # older than REVIEW_DUE_EVERY (a warning on the page)


def latest_risk(episode: Episode, now=None) -> Risk | None:
    """The last review's NEWS2 and response, or None when there is no review yet. One query."""
    review = Review.objects.filter(episode=episode).order_by("-at", "-pk").first()
    if review is None:
        return None
    now = now or timezone.now()
    response = words.response_of(review.response)
    score = f"NEWS2 {review.news2}" if review.news2 is not None else f"Incomplete: at least {review.news2_at_least}"
    return Risk(
        score=score,
        tag_words=words.TAG_WORDS[response],
        tag_class=words.TAG[response],
        response=words.RESPONSE[response] if response else words.UNKNOWN,
        at=when(review.at),
        stale=now - review.at > REVIEW_DUE_EVERY,
    )


def latest_episode(person_id: int) -> Episode | None:
    return (
        Episode.objects.filter(person_id=person_id)
        .select_related("ward__team", "referral")
        .order_by("-admitted_at", "-pk")
        .first()
    )


def waiting_referral(person_id: int) -> Referral | None:
    """The person's referral waiting for a decision or a bed, if any."""
    return (
        Referral.objects.filter(person_id=person_id)
        .filter(Q(decision="") | Q(decision=Referral.Decision.ACCEPTED, episode__isnull=True))
        .select_related("ward")
        .order_by("-referred_at")
        .first()
    )


def under_way(person_id: int) -> str:
    """Why a new referral is not offered, in words ("A referral to Northvale virtual ward is waiting for a decision,
    sent at 14:02"), or "" when nothing stops one: a referral waiting for a decision or a bed, or a stay not ended.
    Two queries at most."""
    episode = Episode.objects.filter(person_id=person_id, ended_at__isnull=True).select_related("ward").first()
    if episode is not None:
        return f"They are on {episode.ward.name} now. They were admitted {sent(episode.admitted_at)}"
    waiting = waiting_referral(person_id)
    if waiting is None:
        return ""
    if waiting.decision:
        return f"A referral to {waiting.ward.name} was accepted. They are waiting for a bed"
    return f"A referral to {waiting.ward.name} is waiting for a decision, sent {sent(waiting.referred_at)}"


def sent(at) -> str:
    """'at 14:02' today, else 'on Thursday 10 December at 10:15'."""
    if timezone.localdate(at) == timezone.localdate():
        return f"at {clock(at)}"
    return f"on {when(at)}"


def when(at) -> str:
    """'Thursday 10 December at 10:15', in UK time."""
    local = timezone.localtime(at)
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M}"


def clock(at) -> str:
    return f"{timezone.localtime(at):%H:%M}"


def person(person_id: int) -> Person | None:
    """The person to refer, before the access policy is asked (a missing one is refused as one may not refer)."""
    return Person.objects.filter(pk=person_id).first()


def all_wards() -> list[Ward]:
    """Every ward one may refer to."""
    return list(Ward.objects.order_by("name"))
