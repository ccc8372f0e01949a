"""Every change to peer support's data: permission, audit and transaction together.

The audit rows are about sessions ("peer_session") and ideas ("idea"), never about a person: nothing here holds
a person supported, and the writing was checked for names before it reached here (naming.py).
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import save_if_unchanged

from . import hubs
from .models import Idea, PeerSession

SESSION_FIELDS = ["kind", "held_on", "place", "themes"]


def _check_attended(held_on: date, attended: list[int]) -> None:
    if attended and held_on > timezone.localdate():
        raise ValueError("No one can have come to a session that has not happened yet")


@transaction.atomic
def record_session(
    request, hub_id: int, *, kind: str, held_on: date, place: str, themes: str, attended: list[int]
) -> PeerSession:
    """A coordinator records a session of their hub: `attended` are user ids of the hub's volunteers (the form
    offers no one else)."""
    if not hubs.coordinates(request, hub_id):
        raise PermissionDenied
    _check_attended(held_on, attended)
    session = PeerSession.objects.create(
        hub_id=hub_id, kind=kind, held_on=held_on, place=place, themes=themes, recorded_by=request.user
    )
    session.attended.set(attended)
    audit.record(
        request,
        "peer_session_recorded",
        object_type="peer_session",
        object_id=session.pk,
        detail={"hub": hub_id, "kind": kind, "came": len(attended)},
    )
    return session


@transaction.atomic
def edit_session(
    request, session: PeerSession, version: int, *, kind, held_on, place, themes, attended: list[int]
) -> PeerSession:
    """Change a session's details and who came, unless someone saved it since `version` (EditConflict)."""
    if not hubs.coordinates(request, session.hub_id):
        raise PermissionDenied
    _check_attended(held_on, attended)
    session.kind, session.held_on, session.place, session.themes = kind, held_on, place, themes
    save_if_unchanged(session, version, SESSION_FIELDS)
    session.attended.set(attended)
    audit.record(
        request,
        "peer_session_changed",
        object_type="peer_session",
        object_id=session.pk,
        detail={"hub": session.hub_id, "came": len(attended)},
    )
    return session


@transaction.atomic
def send_idea(request, hub_id: int, *, about: str, words: str) -> Idea:
    """A volunteer sends their hub an idea about how volunteers are trained or deployed."""
    if not hubs.volunteers_in(request, hub_id):
        raise PermissionDenied
    idea = Idea.objects.create(hub_id=hub_id, sent_by=request.user, about=about, words=words)
    audit.record(request, "idea_sent", object_type="idea", object_id=idea.pk, detail={"hub": hub_id, "about": about})
    return idea


@transaction.atomic
def answer_idea(request, idea: Idea, version: int, *, answer: str, words: str) -> Idea:
    """A coordinator of the idea's hub answers it, or changes the answer ("we will" becomes "we did"), unless
    someone answered it since `version` (EditConflict)."""
    if not hubs.coordinates(request, idea.hub_id):
        raise PermissionDenied
    first = not idea.answer
    idea.answer, idea.answer_words = answer, words
    idea.answered_by, idea.answered_at = request.user, timezone.now()
    save_if_unchanged(idea, version, ["answer", "answer_words", "answered_by", "answered_at"])
    audit.record(
        request,
        "idea_answered" if first else "idea_answer_changed",
        object_type="idea",
        object_id=idea.pk,
        detail={"hub": idea.hub_id, "answer": answer},
    )
    return idea
