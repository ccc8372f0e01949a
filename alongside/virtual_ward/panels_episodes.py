"""The episodes part's home-page panels: for staff, the referrals to the virtual ward they made in the last 14 days
and what became of each; for the person on the ward (and their proxy), that they are on it, until when, the next
visit or call, the ward team's phone and what to do if they feel worse.

Both are free for the users they are not for (no query), and read in a fixed number of queries however many there
are. Each shown is audited as a read of the person's data."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from alongside.people.access import acting, decide, facts_for_people, record
from alongside.people.models import CareRelationship
from alongside.people.policy import Acting, Action, Category, RelationshipKind

from . import queries_episodes as queries
from .access import seen_referrals, with_everything
from .models import Episode, PlannedContact, Referral

REFERRALS_SHOWN_FOR = timedelta(days=14)


@dataclass(frozen=True)
class MyReferral:
    referral: Referral
    status: str  # "Waiting for a decision", "Declined: ...", "On the ward", ...
    tag: str  # the NHS tag's colour


def status_of(referral: Referral) -> tuple[str, str]:
    """What became of a referral, in words, with a tag colour."""
    episode = getattr(referral, "episode", None)
    if episode is not None:
        if episode.ended_at is None:
            return "Admitted: on the ward now", "green"
        return f"Stay ended: {episode.get_outcome_display().lower()}", "grey"
    if referral.decision == Referral.Decision.DECLINED:
        return f"Declined: {referral.decision_reason}", "red"
    if referral.decision == Referral.Decision.ACCEPTED:
        return "Accepted: waiting for a bed", "blue"
    return "Waiting for a decision", "yellow"


def my_referrals(request) -> dict | None:
    """The referrals to a virtual ward this member of staff made in the last 14 days, newest first. No query for
    anyone not acting as staff; one query (and, when there are some, the rule's few and one audit insert)."""
    if acting(request) != Acting.STAFF:
        return None
    since = timezone.now() - REFERRALS_SHOWN_FOR
    made = list(
        with_everything().filter(referred_by=request.user, referred_at__gte=since).order_by("-referred_at", "-pk")
    )
    if not made:
        return None
    seen = seen_referrals(request, made, "ward_referrals_on_home")
    rows = [MyReferral(s.referral, *status_of(s.referral)) for s in seen]
    return {"referrals": rows, "clock": queries.sent} if rows else None


@dataclass(frozen=True)
class OnTheWard:
    episode: Episode
    own: bool  # the person themself, not their proxy
    ends: str
    next_contact: PlannedContact | None
    next_at: str
    phone: str


def on_the_ward(request) -> dict | None:
    """For the person and for their proxy: the open stays on a virtual ward of the people they are (or act for).
    No query for staff; for anyone else one query, and when someone is on the ward a few more, fixed."""
    if acting(request) == Acting.STAFF:
        return None
    user = request.user
    proxied = CareRelationship.objects.active().filter(user=user, kind=RelationshipKind.PROXY).values("person_id")
    episodes = list(
        Episode.objects.filter(ended_at__isnull=True)
        .filter(Q(person__user=user) | Q(person_id__in=proxied))
        .select_related("ward__team", "person")
        .order_by("admitted_at", "pk")
    )
    if not episodes:
        return None
    facts = facts_for_people(request, [e.person for e in episodes])
    now = timezone.now()
    upcoming: dict[int, PlannedContact] = {}
    for contact in (
        PlannedContact.objects.filter(episode__in=episodes, done_at__isnull=True, due_at__gte=now)
        .filter(kind__in=(PlannedContact.Kind.VISIT, PlannedContact.Kind.CALL))
        .select_related("nurse")
        .order_by("due_at", "pk")
    ):
        upcoming.setdefault(contact.episode_id, contact)
    stays = []
    for episode in episodes:
        decision = decide(request, episode.person, Action.READ, Category.CARE, facts[episode.person_id])
        if not decision:
            continue  # kept from their proxy
        record(request, "ward_episode_on_home", episode.person_id, decision.basis)
        contact = upcoming.get(episode.pk)
        stays.append(
            OnTheWard(
                episode,
                own=facts[episode.person_id].is_self,
                ends=queries.when(episode.due_end_at),
                next_contact=contact,
                next_at=queries.when(contact.due_at) if contact else "",
                phone=episode.ward.team.phone,
            )
        )
    return {"stays": stays} if stays else None
