"""The monthly counts of suggestions shown and taken, per team: counts only, never the text or who wrote it."""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import SuggestionCount
from .writing import Tally


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def add(team_ids, tally: Tally, month: date | None = None) -> None:
    """Add a writer's tally to each of their teams' count for the month. Safe when many save at once: the row is
    made once (the unique constraint settles a race) and the numbers are added in the database."""
    if not tally.shown:
        return
    month = month or this_month()
    with transaction.atomic():
        for team_id in sorted(set(team_ids)):
            SuggestionCount.objects.get_or_create(team_id=team_id, month=month)
            SuggestionCount.objects.filter(team_id=team_id, month=month).update(
                shown=F("shown") + tally.shown, taken=F("taken") + tally.taken
            )


def for_teams(team_ids, months: int = 12) -> list[SuggestionCount]:
    """The counts of these teams for the last `months` months, newest first, in one query."""
    today = this_month()
    year, month = divmod(today.year * 12 + today.month - 1 - (months - 1), 12)
    since = date(year, month + 1, 1)
    return list(
        SuggestionCount.objects.filter(team_id__in=list(team_ids), month__gte=since)
        .select_related("team")
        .order_by("team__name", "team_id", "-month")
    )
