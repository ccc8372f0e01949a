"""Every change to an audit: who may make it (who.py), an audit row, one transaction.

A round's answers can change only while it is open: each change locks the round, so closing it and a late answer
never cross."""

import secrets
from collections.abc import Mapping
from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.core.audit import record
from alongside.core.forms import EditConflict
from alongside.partners.models import Team

from . import queries, who
from .checklist import Checklist
from .models import Link, PeopleAnswers, Round, TeamAnswers

LINK_LASTS = timedelta(days=28)


class RoundAlreadyOpen(Exception):
    """The team has a round open already: one at a time."""


class RoundClosed(Exception):
    """The round closed: its answers no longer change."""


def checked(checklist: Checklist, answers: Mapping[str, int | None]) -> dict[str, int | None]:
    """Answers to exactly the checklist's statements, each on its scale or None ("Don't know")."""
    keys = [statement.key for statement in checklist.statements]
    if set(answers) != set(keys):
        raise ValueError("answers must be given to every statement and nothing else")
    for value in answers.values():
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= checklist.top
        ):
            raise ValueError("an answer is outside the scale")
    return {key: answers[key] for key in keys}


def _organisation_of(team_id: int) -> int:
    """The team's organisation, for the audit row: each organisation reads its own teams' rows."""
    return Team.objects.values_list("organisation_id", flat=True).get(pk=team_id)


def _locked_open(round_id: int) -> Round:
    found = Round.objects.select_for_update().get(pk=round_id)
    if found.closed_at is not None:
        raise RoundClosed
    return found


@transaction.atomic
def open_round(request, team: Team, code: str) -> Round:
    if not who.leads(request, team.pk):
        raise PermissionDenied
    if code not in queries.checklists():
        raise ValueError(f"no checklist {code!r}")
    try:
        with transaction.atomic():
            found = Round.objects.create(team=team, checklist=code, opened_by=request.user, opened_at=timezone.now())
    except IntegrityError:
        raise RoundAlreadyOpen from None
    record(
        request,
        "environment_round_opened",
        object_type="environment_round",
        object_id=found.pk,
        organisation_id=team.organisation_id,
    )
    return found


@transaction.atomic
def close_round(request, round_: Round) -> bool:
    """Close the round; False when it was closed already (a second press does nothing more)."""
    if not who.leads(request, round_.team_id):
        raise PermissionDenied
    found = Round.objects.select_for_update().get(pk=round_.pk)
    if found.closed_at is not None:
        return False
    found.closed_at, found.closed_by = timezone.now(), request.user
    found.save(update_fields=["closed_at", "closed_by"])
    record(
        request,
        "environment_round_closed",
        object_type="environment_round",
        object_id=found.pk,
        organisation_id=_organisation_of(found.team_id),
    )
    return True


@transaction.atomic
def save_team_answers(
    request, round_: Round, checklist: Checklist, answers: Mapping[str, int | None], version: int
) -> TeamAnswers:
    """The member's answers: made (version 0) or changed from the version they started from. A stale save raises
    EditConflict with the answers as they now stand, unless they already say exactly this (a second press)."""
    if not who.in_team(request, round_.team_id):
        raise PermissionDenied
    answers = checked(checklist, answers)
    _locked_open(round_.pk)
    now = timezone.now()
    mine = TeamAnswers.objects.select_for_update().filter(round_id=round_.pk, member=request.user).first()
    if mine is not None and mine.answers == answers:
        return mine
    if mine is None and version == 0:
        mine = TeamAnswers.objects.create(round_id=round_.pk, member=request.user, answers=answers, saved_at=now)
    elif mine is not None and mine.version == version:
        mine.answers, mine.saved_at, mine.version = answers, now, version + 1
        mine.save(update_fields=["answers", "saved_at", "version"])
    else:
        raise EditConflict(mine)
    record(
        request,
        "environment_answers_saved",
        object_type="environment_round",
        object_id=round_.pk,
        organisation_id=_organisation_of(round_.team_id),
    )
    return mine


@transaction.atomic
def make_link(request, round_: Round) -> str:
    """A new one-time link for someone who uses the service: its token, which is kept nowhere (only its hash)."""
    if not who.hands_out_links(request, round_.team_id):
        raise PermissionDenied
    _locked_open(round_.pk)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    link = Link.objects.create(
        round_id=round_.pk,
        token_hash=queries.hash_token(token),
        made_by=request.user,
        made_at=now,
        expires_at=now + LINK_LASTS,
    )
    record(
        request,
        "environment_link_made",
        object_type="environment_link",
        object_id=link.pk,
        organisation_id=_organisation_of(round_.team_id),
    )
    return token


@transaction.atomic
def answer_by_link(
    request, round_id: int, token_hash: str, checklist: Checklist, answers: Mapping[str, int | None]
) -> bool:
    """Keep the answers given through a link and use the link up, once. False when the link no longer works (used
    meanwhile, expired, its round closed)."""
    answers = checked(checklist, answers)
    link = (
        Link.objects.select_for_update(of=("self", "round"))
        .select_related("round")
        .filter(token_hash=token_hash, round_id=round_id)
        .first()
    )
    if link is None or not queries.is_good(link):
        return False
    today = timezone.localdate()
    PeopleAnswers.objects.create(round_id=round_id, answers=answers, given_on=today)
    _shuffle_people_answers(round_id)
    # the day only: with the answers' order shuffled, nothing pairs a link (and whoever was given it) with answers
    link.used_at = timezone.make_aware(datetime.combine(today, time()))
    link.save(update_fields=["used_at"])
    # no request: the audit keeps no address or request id that could be matched with the link's holder
    record(
        None,
        "environment_answered_by_link",
        object_type="environment_round",
        object_id=round_id,
        organisation_id=_organisation_of(link.round.team_id),
    )
    return True


def _shuffle_people_answers(round_id: int) -> None:
    """Write the round's people's answers again, all together, in a random order: the order of their ids (and of
    the rows in the table) then says nothing about who answered first, so it cannot be matched with the order in
    which the links were used. The round's link row is locked, so two answers never shuffle at once."""
    rows = list(PeopleAnswers.objects.filter(round_id=round_id).values("answers", "given_on"))
    secrets.SystemRandom().shuffle(rows)
    PeopleAnswers.objects.filter(round_id=round_id).delete()
    PeopleAnswers.objects.bulk_create(PeopleAnswers(round_id=round_id, **row) for row in rows)
