"""Rounds, answers and links for the tests."""

from datetime import timedelta

from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.service_environment import queries
from alongside.service_environment.models import Link, PeopleAnswers, Round, TeamAnswers

CHECKLIST = "recovery-environment"


def open_round(team, closed: bool = False) -> Round:
    found = Round.objects.filter(team=team, closed_at__isnull=True).first()
    if found is not None and not closed:
        return found
    now = timezone.now()
    return Round.objects.create(
        team=team,
        checklist=CHECKLIST,
        opened_by=UserFactory(),
        opened_at=now - timedelta(days=3),
        closed_at=now if closed else None,
    )


def answers(value: int | None) -> dict:
    return {s.key: value for s in queries.checklists()[CHECKLIST].statements}


def team_answers(round_, value: int | None = 2, member=None) -> TeamAnswers:
    return TeamAnswers.objects.create(
        round=round_, member=member or UserFactory(), answers=answers(value), saved_at=timezone.now()
    )


def people_answers(round_, value: int | None = 1, count: int = 1) -> None:
    PeopleAnswers.objects.bulk_create(
        PeopleAnswers(round=round_, answers=answers(value), given_on=timezone.localdate()) for _ in range(count)
    )


def link(round_, token: str, used: bool = False, expired: bool = False) -> Link:
    now = timezone.now()
    return Link.objects.create(
        round=round_,
        token_hash=queries.hash_token(token),
        made_by=UserFactory(),
        made_at=now - timedelta(days=1),
        expires_at=now - timedelta(minutes=1) if expired else now + timedelta(days=20),
        used_at=now if used else None,
    )
