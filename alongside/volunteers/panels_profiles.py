"""The home-page panels of the profiles part:

- a volunteer's: whether they may take new clients, and anything that runs out soon (six queries);
- a coordinator's: "Volunteers who need attention": those who may not take new clients and those with something
  running out within 60 days, with counts (seven queries, however many volunteers).
"""

from django.utils import timezone

from . import profiles_queries as queries
from .profiles_words import due_words, for_you, summary

SHOWN = 8  # the rest are a link away


def volunteer(request) -> dict | None:
    if not queries.is_volunteer(request):
        return None
    today = timezone.localdate()
    profile = queries.own_profile(request.user)
    found = queries.standing_of(profile, today)
    return {
        "standing": found,
        "summary": summary(found, you=True),
        "reasons": [for_you(r) for r in found.lapsed],
        "due": [due_words(words, on, today, you=True) for words, on in found.due_soon],
        "has_profile": profile.pk is not None,
    }


def coordinator(request) -> dict | None:
    if not queries.is_coordinator(request):
        return None
    rows = queries.hub_volunteers(request, timezone.localdate())
    lapsed = [r for r in rows if r.lapsed]
    due = [r for r in rows if r.due_soon and not r.lapsed]
    return {
        "count": len(rows),
        "lapsed": lapsed[:SHOWN],
        "lapsed_count": len(lapsed),
        "due": due[:SHOWN],
        "due_count": len([r for r in rows if r.due_soon]),
        "due_only_count": len(due),
    }
