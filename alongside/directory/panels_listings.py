"""The keepers' home-page panel: how many listings need a check, the oldest few, and a link to them all. Three
queries, however many listings."""

from django.utils import timezone

from . import listings_queries as queries
from .staleness import due_words

SHOWN = 5


def keepers(request) -> dict | None:
    if not queries.is_keeper(request):
        return None
    today = timezone.localdate()
    counts = queries.stale_counts(today)
    services = queries.stale_services(today, SHOWN)
    return {
        "organisations": counts["organisations"],
        "services": counts["services"],
        "total": counts["organisations"] + counts["services"],
        "oldest": [(s, _first_lower(due_words(s.checked_on, s.added_on, today))) for s in services],
    }


def _first_lower(words: str) -> str:
    return words[:1].lower() + words[1:]
