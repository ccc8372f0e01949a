"""The reads behind peer support's pages and panels: each a fixed number of queries, however many sessions,
volunteers or ideas there are. None reads a person supported: sessions and ideas hold no one's name."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, F, Max, OuterRef, Q

from alongside.core.models import User
from alongside.partners.models import Membership, Role

from .models import Idea, PeerSession


def volunteers(hub_id: int) -> list[User]:
    """The hub's volunteers now, by name: the list a coordinator ticks who came from. One query."""
    ids = Membership.objects.active().filter(team_id=hub_id, role=Role.VOLUNTEER).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "pk"))


def sessions(hub_id: int, user) -> list[PeerSession]:
    """The hub's sessions, newest first, each with how many came and whether this user did. One query."""
    came = PeerSession.attended.through.objects.filter(peersession_id=OuterRef("pk"), user_id=user.pk)
    return list(
        PeerSession.objects.filter(hub_id=hub_id)
        .annotate(came=Exists(came), how_many=Count("attended"))
        .order_by("-held_on", "-pk")
    )


def session(pk: int) -> PeerSession | None:
    return PeerSession.objects.select_related("hub", "recorded_by").filter(pk=pk).first()


def attended(session: PeerSession) -> list[User]:
    return list(session.attended.order_by("first_name", "last_name", "pk"))


def came(session: PeerSession, user) -> bool:
    return session.attended.filter(pk=user.pk).exists()


@dataclass(frozen=True)
class NotSeen:
    volunteer: User
    last_came: date | None  # None: never, since they joined
    joined: datetime


def not_seen(hub_id: int, today: date, since: date) -> list[NotSeen]:
    """The hub's volunteers who have come to no session since `since`, longest first (never first, then the
    earliest last time), each with the last session they came to. Those who joined since then are left out: they
    have not been away for a while. One query."""
    rows = (
        Membership.objects.active()
        .filter(team_id=hub_id, role=Role.VOLUNTEER, started_at__date__lt=since)
        .select_related("user")
        .annotate(
            last_came=Max(
                "user__peer_sessions_attended__held_on",
                filter=Q(user__peer_sessions_attended__hub_id=hub_id, user__peer_sessions_attended__held_on__lte=today),
            )
        )
        .filter(Q(last_came__isnull=True) | Q(last_came__lt=since))
        .order_by(F("last_came").asc(nulls_first=True), "started_at", "user__first_name", "user__last_name", "pk")
    )
    return [NotSeen(m.user, m.last_came, m.started_at) for m in rows]


def ideas(hub_id: int) -> list[Idea]:
    """Every idea sent to the hub: waiting for an answer first (oldest first), then the answered, latest answer
    first. One query."""
    found = list(Idea.objects.filter(hub_id=hub_id).select_related("sent_by", "answered_by"))
    waiting = sorted((i for i in found if not i.answer), key=lambda i: (i.sent_at, i.pk))
    answered = sorted((i for i in found if i.answer), key=lambda i: (i.answered_at, i.pk), reverse=True)
    return waiting + answered


def idea(pk: int) -> Idea | None:
    return Idea.objects.select_related("hub", "sent_by", "answered_by").filter(pk=pk).first()


def waiting(hub_ids: list[int], shown: int) -> tuple[list[Idea], int]:
    """Ideas waiting for an answer in these hubs, oldest first: the first `shown`, and how many. Two queries."""
    queryset = Idea.objects.filter(hub_id__in=hub_ids, answer="")
    return list(queryset.select_related("hub").order_by("sent_at", "pk")[:shown]), queryset.count()


def own_ideas(user, shown: int) -> list[Idea]:
    """The user's own ideas: the latest answers first, then those waiting, newest first. One query."""
    return list(
        Idea.objects.filter(sent_by=user).order_by(F("answered_at").desc(nulls_last=True), "-sent_at", "-pk")[:shown]
    )


def next_session(hub_ids: list[int], today: date) -> PeerSession | None:
    return PeerSession.objects.filter(hub_id__in=hub_ids, held_on__gte=today).order_by("held_on", "pk").first()
