"""The person's timeline as the reader may see it: staff entries, the person's own notes, corrections asked for."""

from django.db.models import Prefetch, Q

from .models import CorrectionRequest, Entry, Person
from .policy import Category

TIMELINE_LENGTH = 50


def visible_kinds(shown: frozenset) -> Q | None:
    """Which entries the reader may see, from the categories they may read; None when they may see none."""
    if Category.CARE in shown and Category.OWN_NOTES in shown:
        found = Q()
    elif Category.CARE in shown:
        found = ~Q(kind=Entry.Kind.OWN_NOTE)
    elif Category.OWN_NOTES in shown:
        found = Q(kind=Entry.Kind.OWN_NOTE)
    else:
        return None
    return found if Category.RESTRICTED in shown else found & Q(restricted=False)


def entries(person: Person, shown: frozenset, length: int = TIMELINE_LENGTH) -> list[Entry]:
    """The newest entries first, each with its amendments and the corrections asked for: three queries."""
    kinds = visible_kinds(shown)
    if kinds is None:
        return []
    amendments = Prefetch("amendments", queryset=Entry.objects.select_related("author").order_by("at", "pk"))
    corrections = Prefetch(
        "correction_requests",
        queryset=CorrectionRequest.objects.select_related("asked_by", "answered_by").order_by("asked_at", "pk"),
    )
    found = person.entries.filter(kinds, amends__isnull=True).select_related("author")
    return list(found.prefetch_related(amendments, corrections).order_by("-at", "-pk")[:length])
