"""People for whom continuity matters a lot but who keep seeing different workers, as an MDT agenda source.

Who: a HIGH continuity priority (priority.py, kept on ContinuityFacts for lists) and low continuity over their
recent contacts, by the usual provider of care index (indices.upc, the dashboard's first measure): in the last
RECENT_DAYS, at least FEWEST_CONTACTS contacts, fewer than half of them with the worker they saw most. Two queries,
however many people.
"""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from alongside.core.registry import AgendaSuggestion
from alongside.people.areas import of_area

from . import indices
from .actions import facts_of
from .models import Contact, ContinuityFacts
from .priority import HIGH, priority

PREFIX = "continuity:"
RECENT_DAYS = 90
FEWEST_CONTACTS = 3
LOW_UPC = 0.5  # fewer than half their contacts with the worker they saw most
SUGGESTED = 100


def low_continuity(practitioners: list[int]) -> bool:
    share = indices.upc(practitioners)
    return len(practitioners) >= FEWEST_CONTACTS and share is not None and share < LOW_UPC


def reason_for(reasons: tuple[str, ...], practitioners: list[int]) -> str:
    why = ", ".join(reasons[:3])
    workers = len(set(practitioners))
    return (
        f"Continuity matters a lot to them ({why}) and they have seen {workers} different workers "
        f"in their last {len(practitioners)} contacts (3 months)"
    )


def suggest(practice_id: int | None, neighbourhood_id: int | None) -> list[AgendaSuggestion]:
    area = of_area(practice_id, neighbourhood_id)
    if area is None:
        return []
    high = ContinuityFacts.objects.filter(priority__gte=HIGH)
    high = high.filter(area)
    facts = {f.person_id: f for f in high.order_by("-priority", "person_id")[: SUGGESTED * 5]}
    if not facts:
        return []
    now = timezone.now()
    since = now - timedelta(days=RECENT_DAYS)
    seen: dict[int, list[int]] = defaultdict(list)
    recent = Contact.objects.filter(person_id__in=list(facts), at__gte=since, at__lte=now)
    for person_id, practitioner_id in recent.order_by("person_id", "at", "pk").values_list(
        "person_id", "practitioner_id"
    ):
        seen[person_id].append(practitioner_id)
    today = timezone.localdate()
    found = []
    for person_id, record in facts.items():
        workers = seen.get(person_id, [])
        if not low_continuity(workers):
            continue
        reasons = priority(facts_of(record), today).reasons
        found.append(
            AgendaSuggestion(
                person_id=person_id,
                ref=f"{PREFIX}{person_id}",
                reason=reason_for(reasons, workers),
                since=record.updated_at,
            )
        )
    return found[:SUGGESTED]
