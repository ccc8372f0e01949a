"""Every write of the climate pulse: answering it (anonymously, once a month), a leader choosing the team's
questions, and planning and recording a reflective dialogue session. Each checks the user may, is audited with
an action word, and runs in one transaction.

Answering (ADR 39): the answer is stored with no user, no time and a random id; a separate row says only that this
user answered for this team this month. Then the month's answers for the team are read, deleted and written again
together in a random order with new random ids, so that neither where a row sits in the table, nor the
transaction that wrote it, nor its id tells which answer came last. The audit says that the user answered the
pulse, never what, and names no answer.
"""

import secrets
import uuid
import zlib
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from alongside.core.audit import record
from alongside.core.forms import EditConflict, save_if_unchanged
from alongside.partners.models import Team

from . import queries
from .definitions import Definition
from .models import Answered, DialogueSession, PulseAnswer, TeamQuestions

LOCK_SPACE = zlib.crc32(b"alongside.climate") & 0x7FFFFFFF  # this app's advisory locks, one per team


class AlreadyAnswered(Exception):
    """The user has answered for this team this month already."""


class AlreadyRecorded(Exception):
    """The session's outcome was recorded already."""


class NotYet(Exception):
    """The session has not started yet, so it cannot be recorded as having happened."""


class Cancelled(Exception):
    """The session was cancelled: it cannot be recorded, changed or cancelled again."""


class Started(Exception):
    """The session has started (or was recorded), so it can no longer be changed or cancelled."""


def _member_team(request, team_id: int) -> Team:
    team = queries.member_team(request, team_id)
    if team is None:
        raise PermissionDenied
    return team


def _led_team(request, team_id: int) -> Team:
    team = queries.led_team(request, team_id)
    if team is None:
        raise PermissionDenied
    return team


def checked_values(definition: Definition, values: dict[str, int]) -> dict[str, int]:
    """Every statement answered with a point of the scale, and nothing else."""
    keys = [s.key for s in definition.statements]
    if set(values) != set(keys) or any(
        isinstance(v, bool) or not isinstance(v, int) or not definition.scale_min <= v <= definition.scale_max
        for v in values.values()
    ):
        raise ValueError("An answer gives one point of the scale for every statement, and nothing else")
    return {key: values[key] for key in keys}


@transaction.atomic
def answer(request, team_id: int, code: str, values: dict[str, int]) -> None:
    """The user's answer for their team this month, to the definition they were shown (`code`). A second answer
    this month raises AlreadyAnswered, and nothing is stored."""
    team = _member_team(request, team_id)
    definition = queries.definition_for(team)
    if definition.code != code:
        raise ValueError("The team's questions changed while you were answering")
    values = checked_values(definition, values)
    month = queries.this_month()
    with connection.cursor() as cursor:  # one answer at a time per team: the rewrite below reads then writes
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, team.pk])
    if Answered.objects.filter(team=team, month=month, user=request.user).exists():
        raise AlreadyAnswered
    Answered.objects.create(team=team, month=month, user=request.user)
    month_answers = PulseAnswer.objects.filter(team=team, month=month)
    kept = [(row.definition, row.values) for row in month_answers]
    kept.append((definition.code, values))
    secrets.SystemRandom().shuffle(kept)
    month_answers.delete()
    PulseAnswer.objects.bulk_create(
        PulseAnswer(id=uuid.uuid4(), team=team, month=month, definition=each, values=given) for each, given in kept
    )
    record(
        request,
        "climate_pulse_answered",
        object_type="team",
        object_id=team.pk,
        organisation_id=team.organisation_id,
        detail={"month": month.strftime("%Y-%m")},
    )


@transaction.atomic
def choose_questions(request, team_id: int, code: str, version: int) -> TeamQuestions:
    """The team answers `code` from next month; this month keeps the set it started with (ADR 39). `version` is
    the team's choice as the leader saw it (0 for none yet): if another leader chose since, raises EditConflict and
    nothing changes. The team's row is locked, so two leaders choosing at once are taken one after the other."""
    team = _led_team(request, team_id)
    definition = queries.offered(team).get(code)
    if definition is None:
        raise ValueError("Choose one of the sets of questions listed")
    # One choice at a time for a team, even its first; NO KEY, so rows that refer to the team are not held up.
    Team.objects.select_for_update(no_key=True).filter(pk=team.pk).first()
    chosen = TeamQuestions.objects.select_for_update().filter(team=team).first()
    if (chosen.version if chosen else 0) != version:
        raise EditConflict(chosen)
    month = queries.this_month()
    if chosen is None:
        chosen = TeamQuestions(team=team, previous="", version=0)
    chosen.previous = chosen.code_for(month) if chosen.pk else ""
    chosen.definition = code
    chosen.since = queries.next_month(month)
    chosen.version += 1
    chosen.save()
    record(
        request,
        "climate_questions_chosen",
        object_type="team",
        object_id=team.pk,
        organisation_id=team.organisation_id,
        detail={"definition": code, "from": chosen.since.strftime("%Y-%m")},
    )
    return chosen


@transaction.atomic
def plan_session(
    request, team_id: int, *, starts_at: datetime, minutes: int, place: str, areas: list[str], facilitator: str
) -> DialogueSession:
    team = _led_team(request, team_id)
    definition = queries.definition_for(team)
    known = [area.key for area in definition.areas]
    if not areas or set(areas) - set(known):
        raise ValueError("A session talks about one or more of the pulse's areas")
    session = DialogueSession.objects.create(
        team=team,
        starts_at=starts_at,
        minutes=minutes,
        place=place.strip(),
        areas=[key for key in known if key in areas],
        facilitator=facilitator.strip(),
        planned_by=request.user,
    )
    record(
        request,
        "climate_session_planned",
        object_type="dialogue_session",
        object_id=session.pk,
        organisation_id=team.organisation_id,
        detail={"team": team.pk},
    )
    return session


@transaction.atomic
def record_session(request, team_id: int, session_id: int, *, happened: bool, themes: str) -> DialogueSession:
    found = queries.led_session(request, team_id, session_id)
    if found is None:
        raise PermissionDenied
    team, _ = found
    session = DialogueSession.objects.select_for_update().get(pk=session_id)
    if session.cancelled:
        raise Cancelled
    if session.happened is not None:
        raise AlreadyRecorded
    if session.starts_at > timezone.now():
        raise NotYet
    session.happened = happened
    session.themes = themes.strip() if happened else ""
    session.save(update_fields=["happened", "themes"])
    record(
        request,
        "climate_session_recorded",
        object_type="dialogue_session",
        object_id=session.pk,
        organisation_id=team.organisation_id,
        detail={"team": team.pk, "happened": happened},
    )
    return session


def _changeable(request, team_id: int, session_id: int) -> tuple[Team, DialogueSession]:
    found = queries.led_session(request, team_id, session_id)
    if found is None:
        raise PermissionDenied
    team, _ = found
    session = DialogueSession.objects.select_for_update().get(pk=session_id)
    if session.cancelled:
        raise Cancelled
    if session.happened is not None or session.starts_at <= timezone.now():
        raise Started
    return team, session


@transaction.atomic
def change_session(
    request,
    team_id: int,
    session_id: int,
    version: int,
    *,
    starts_at: datetime,
    minutes: int,
    place: str,
    areas: list[str],
    facilitator: str,
) -> DialogueSession:
    """Change a planned session before it starts. `version` is the session as the leader saw it: if someone
    changed or cancelled it since, raises EditConflict (or Cancelled) and nothing changes."""
    team, session = _changeable(request, team_id, session_id)
    known = [area.key for area in queries.definition_for(team).areas]
    if not areas or set(areas) - set(known):
        raise ValueError("A session talks about one or more of the pulse's areas")
    session.starts_at, session.minutes, session.place = starts_at, minutes, place.strip()
    session.areas = [key for key in known if key in areas]
    session.facilitator = facilitator.strip()
    save_if_unchanged(session, version, ["starts_at", "minutes", "place", "areas", "facilitator"])
    record(
        request,
        "climate_session_changed",
        object_type="dialogue_session",
        object_id=session.pk,
        organisation_id=team.organisation_id,
        detail={"team": team.pk},
    )
    return session


@transaction.atomic
def cancel_session(request, team_id: int, session_id: int, version: int, *, reason: str) -> DialogueSession:
    """Cancel a planned session before it starts, with a reason the team sees; it stays, shown as cancelled."""
    team, session = _changeable(request, team_id, session_id)
    if not reason.strip():
        raise ValueError("Say why the session is cancelled")
    session.cancelled_at, session.cancelled_reason = timezone.now(), reason.strip()
    save_if_unchanged(session, version, ["cancelled_at", "cancelled_reason"])
    record(
        request,
        "climate_session_cancelled",
        object_type="dialogue_session",
        object_id=session.pk,
        organisation_id=team.organisation_id,
        detail={"team": team.pk},
    )
    return session
