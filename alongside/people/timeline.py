"""The person's timeline as the reader may see it: staff entries, the person's own notes, corrections asked for."""

from django.db.models import Prefetch, Q

from alongside.core import registry

from .models import CorrectionRequest, Entry, Person, entry_kinds
from .policy import Category

TIMELINE_LENGTH = 50


def kind_categories() -> dict[str, str]:
    """The category of person data each kind of entry belongs to: the person's own notes are theirs; the other
    kinds of the record, and those capabilities contribute, are as each declares (care, unless said)."""
    kinds = {kind: Category.CARE.value for kind, _ in entry_kinds()}
    kinds[Entry.Kind.OWN_NOTE] = Category.OWN_NOTES.value
    return kinds | {k.value: k.category for k in registry.timeline_kinds()}


def visible_kinds(shown: frozenset) -> Q | None:
    """Which entries the reader may see, from the categories they may read; None when they may see none.
    A kind no one has declared counts as care."""
    categories = kind_categories()
    if not shown & ({Category.CARE} | {Category(c) for c in categories.values()}):
        return None
    hidden = sorted(kind for kind, category in categories.items() if category not in shown)
    if Category.CARE in shown:
        found = ~Q(kind__in=hidden) if hidden else Q()
    else:
        found = Q(kind__in=sorted(kind for kind, category in categories.items() if category in shown))
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
