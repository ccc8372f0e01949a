"""Reading audits: every read a constant number of queries, and a team or round the user is not to see answers
nothing, exactly as one that does not exist."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import timezone

from alongside.core import link_tokens
from alongside.partners.models import Team

from . import checklist, who
from .checklist import Checklist
from .models import Link, PeopleAnswers, Round, TeamAnswers


@cache
def checklists() -> dict[str, Checklist]:
    """The shipped checklists and those an administrator imported, read once per process."""
    return checklist.available(Path(settings.INSTRUMENTS_DIR) / "environment")


def checklist_of(round_: Round) -> Checklist | None:
    return checklists().get(round_.checklist)


def _counted(rounds):
    return rounds.annotate(
        team_count=Count("team_answers", distinct=True), people_count=Count("people_answers", distinct=True)
    )


def team_for(request, team_id: int) -> Team | None:
    """The team, if the user works in it."""
    if not who.in_team(request, team_id):
        return None
    return Team.objects.filter(pk=team_id).first()


def rounds_of(team_id: int) -> list[Round]:
    """The team's rounds, newest first, each with how many of the team and how many people answered."""
    return list(_counted(Round.objects.filter(team_id=team_id)))


def latest_round(team_id: int) -> Round | None:
    """The open round, or else the newest closed one, with its counts: one query."""
    return (
        _counted(Round.objects.filter(team_id=team_id))
        .order_by(F("closed_at").desc(nulls_first=True), "-opened_at")
        .first()
    )


def round_for(request, round_id: int) -> Round | None:
    """The round with its team, if the user works in the team."""
    found = Round.objects.select_related("team").filter(pk=round_id).first()
    return found if found is not None and who.in_team(request, found.team_id) else None


def own_answers(request, round_: Round) -> TeamAnswers | None:
    return TeamAnswers.objects.filter(round=round_, member=request.user).first()


def answer_sets(round_: Round) -> tuple[list[dict], list[dict]]:
    """The team's answer sets and the people's: two queries however many answered."""
    team = list(TeamAnswers.objects.filter(round=round_).values_list("answers", flat=True))
    people = list(PeopleAnswers.objects.filter(round=round_).values_list("answers", flat=True))
    return team, people


def link_counts(round_: Round) -> dict[str, int]:
    return Link.objects.filter(round=round_).aggregate(
        made=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False))
    )


def hash_token(token: str) -> str:
    return link_tokens.hash_of(token)


def good_link_by_token(round_id: int, token: str) -> Link | None:
    """The link with this token (from its address), if it may be answered now."""
    return good_link(round_id, hash_token(token)) if token and len(token) <= 100 else None


def good_link(round_id: int, token_hash: str) -> Link | None:
    """The link whose token has this hash (what the session keeps), if it may be answered now: for this round,
    unused, unexpired, and its round still open."""
    link = Link.objects.select_related("round__team").filter(token_hash=token_hash, round_id=round_id).first()
    return link if link is not None and is_good(link) else None


def is_good(link: Link, now=None) -> bool:
    return link.used_at is None and (now or timezone.now()) < link.expires_at and link.round.closed_at is None
