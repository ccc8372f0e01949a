"""Every change to supervision's data: permission, audit and transaction together.

The audit rows are about sessions, never about what was said: there is nothing said to record.
"""

from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import save_if_unchanged

from . import teams
from .models import ReflectiveSession, Supervisee, SupervisionSession


class NotBooked(Exception):
    """The session was already recorded as happened or not: it cannot be moved or recorded again."""


@transaction.atomic
def book(
    request,
    team_id: int,
    *,
    kind: str,
    supervisor_id: int,
    supervisee_ids: list[int],
    held_on: date,
    starts_at: time,
    minutes: int,
) -> SupervisionSession:
    """Book a session in protected time. A leader books anyone's; anyone else who gives care in the team books one
    they take part in. The form offers only the team's care staff."""
    if teams.team_of(request, team_id) is None:
        raise PermissionDenied
    me = request.user.pk
    if not teams.leads(request, team_id) and me != supervisor_id and me not in supervisee_ids:
        raise PermissionDenied
    session = SupervisionSession.objects.create(
        team_id=team_id,
        kind=kind,
        supervisor_id=supervisor_id,
        held_on=held_on,
        starts_at=starts_at,
        minutes=minutes,
        booked_by=request.user,
    )
    Supervisee.objects.bulk_create([Supervisee(session=session, user_id=pk) for pk in supervisee_ids])
    audit.record(
        request,
        "supervision_booked",
        object_type="supervision_session",
        object_id=session.pk,
        organisation_id=_organisation_of(request, team_id),
        detail={"team": team_id, "kind": kind, "supervisees": len(supervisee_ids)},
    )
    return session


def _organisation_of(request, team_id: int) -> int | None:
    """The team's organisation, for the audit row (no query: the team came with the request's memberships)."""
    team = teams.team_of(request, team_id)
    return team.organisation_id if team else None


def _supervisee_ids(session) -> set[int]:
    return {s.user_id for s in session.supervisees.all()}


def not_started(session: SupervisionSession) -> bool:
    """The session's day and start time are still to come: nothing can be recorded of it yet."""
    return timezone.make_aware(datetime.combine(session.held_on, session.starts_at)) > timezone.now()


@transaction.atomic
def record(request, session: SupervisionSession, version: int, *, happened: bool, why_not: str) -> None:
    """The supervisor or a supervisee says that it happened, or that it did not and why in a few words."""
    if (
        not teams.takes_part(request, session, _supervisee_ids(session))
        or teams.team_of(request, session.team_id) is None
    ):
        raise PermissionDenied
    if session.status != SupervisionSession.Status.BOOKED:
        raise NotBooked
    if not_started(session):
        raise PermissionDenied  # the page says so up front; nobody records a session before its time
    session.status = SupervisionSession.Status.HAPPENED if happened else SupervisionSession.Status.DID_NOT_HAPPEN
    session.why_not = "" if happened else why_not
    session.recorded_by = request.user
    session.recorded_at = timezone.now()
    save_if_unchanged(session, version, ["status", "why_not", "recorded_by", "recorded_at"])
    audit.record(
        request,
        "supervision_recorded",
        object_type="supervision_session",
        object_id=session.pk,
        organisation_id=_organisation_of(request, session.team_id),
        detail={"happened": happened},
    )


@transaction.atomic
def move(request, session: SupervisionSession, version: int, *, held_on: date, starts_at: time, because: str) -> None:
    """Move a booked session, saying why: protected time is moved only for a reason."""
    if not teams.sees_session(request, session, _supervisee_ids(session)):
        raise PermissionDenied
    if session.status != SupervisionSession.Status.BOOKED:
        raise NotBooked
    was = f"{session.held_on:%Y-%m-%d} {session.starts_at:%H:%M}"
    session.held_on, session.starts_at, session.moved_because = held_on, starts_at, because
    session.times_moved += 1
    save_if_unchanged(session, version, ["held_on", "starts_at", "moved_because", "times_moved"])
    audit.record(
        request,
        "supervision_moved",
        object_type="supervision_session",
        object_id=session.pk,
        organisation_id=_organisation_of(request, session.team_id),
        # not the reason's words: they may say why someone is away, which the audit's readers need not know
        detail={"from": was, "to": f"{held_on:%Y-%m-%d} {starts_at:%H:%M}"},
    )


@transaction.atomic
def record_reflective(
    request, team_id: int, *, held_on: date, facilitator: str, themes: str, attended: list[int]
) -> ReflectiveSession:
    """Anyone who gives care in the team records a reflective practice session it held."""
    if teams.team_of(request, team_id) is None:
        raise PermissionDenied
    if held_on > timezone.localdate():
        raise ValueError("A session that has not happened yet cannot be recorded")
    found = ReflectiveSession.objects.create(
        team_id=team_id, held_on=held_on, facilitator=facilitator, themes=themes, recorded_by=request.user
    )
    found.attended.set(attended)
    audit.record(
        request,
        "reflective_session_recorded",
        object_type="reflective_session",
        object_id=found.pk,
        organisation_id=_organisation_of(request, team_id),
        detail={"team": team_id, "came": len(attended)},
    )
    return found


@transaction.atomic
def change_reflective(
    request,
    found: ReflectiveSession,
    version: int,
    *,
    held_on: date,
    facilitator: str,
    themes: str,
    attended: list[int],
) -> None:
    """The team's leader puts right a reflective practice session: its day, who led it, the themes, who came. A
    change started from an older version raises EditConflict with the session as it now stands."""
    if not teams.leads(request, found.team_id):
        raise PermissionDenied
    if held_on > timezone.localdate():
        raise ValueError("A session that has not happened yet cannot be recorded")
    found.held_on, found.facilitator, found.themes = held_on, facilitator, themes
    save_if_unchanged(found, version, ["held_on", "facilitator", "themes"])
    found.attended.set(attended)
    audit.record(
        request,
        "reflective_session_changed",
        object_type="reflective_session",
        object_id=found.pk,
        organisation_id=_organisation_of(request, found.team_id),
        detail={"team": found.team_id, "came": len(attended)},
    )
