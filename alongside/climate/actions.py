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
from alongside.partners.models import Team

from . import catalogue, queries
from .definitions import Definition
from .models import Answered, DialogueSession, PulseAnswer, TeamQuestions

LOCK_SPACE = zlib.crc32(b"alongside.climate") & 0x7FFFFFFF  # this app's advisory locks, one per team


class AlreadyAnswered(Exception):
    """The user has answered for this team this month already."""


class AlreadyRecorded(Exception):
    """The session's outcome was recorded already."""


class NotYet(Exception):
    """The session has not started yet, so it cannot be recorded as having happened."""


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
def choose_questions(request, team_id: int, code: str) -> Definition:
    team = _led_team(request, team_id)
    definition = catalogue.available().get(code)
    if definition is None:
        raise ValueError("Choose one of the sets of questions listed")
    TeamQuestions.objects.update_or_create(team=team, defaults={"definition": code})
    record(
        request,
        "climate_questions_chosen",
        object_type="team",
        object_id=team.pk,
        organisation_id=team.organisation_id,
        detail={"definition": code},
    )
    return definition


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
