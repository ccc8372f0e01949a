"""The lists in force, from the shipped data and what administrators changed, for the pages and the API.

- `in_force()`: the words-that-carry-hope list with every WordingChange folded in, ready for
  `checking.suggestions(text, rules)`. Built once and cached in each process; one small query per call (the newest
  change's id and the number of changes) tells whether anyone saved a change since, in any process, and only then
  is it built again.
- `local_terms(neighbourhood_id)`: an area's own abbreviations, for `expanding.expand(text, local_terms)`.
- `area_of(request)`: the caller's area: the neighbourhood of their first team that has one (by when they joined).
- `local_terms_for(request)`: both together.
"""

from functools import lru_cache

from django.db.models import Count, Max

from . import checking
from .models import LocalTerm, WordingChange


def in_force() -> checking.Rules:
    """The list in force now: shipped terms with administrators' changes (the latest change to a term wins)."""
    stamp = WordingChange.objects.aggregate(latest=Max("pk"), count=Count("pk"))
    return _built(stamp["latest"] or 0, stamp["count"])


@lru_cache(maxsize=4)
def _built(latest: int, count: int) -> checking.Rules:
    changes = [as_change(row) for row in WordingChange.objects.order_by("at", "pk")]
    return checking.rules_from(checking.with_changes(checking.shipped_rules(), changes))


def as_change(row: WordingChange) -> checking.Change:
    return checking.Change(
        term_id=row.term_id,
        what=row.what,
        match=tuple(str(m) for m in row.match or ()),
        suggestion=row.suggestion,
        why=row.why,
        source=row.source,
    )


def forget() -> None:
    """Drop the built lists (a change saved in this process: the next call builds again without waiting)."""
    _built.cache_clear()


def local_terms(neighbourhood_id: int | None) -> dict[str, str]:
    """An area's own abbreviations, {abbreviation: words}; none for no area."""
    if neighbourhood_id is None:
        return {}
    return dict(LocalTerm.objects.filter(neighbourhood_id=neighbourhood_id).values_list("abbreviation", "words"))


def area_of(request) -> int | None:
    """The id of the caller's area: the neighbourhood of their first team that has one, or None."""
    memberships = sorted(getattr(request, "memberships", []) or [], key=lambda m: (m.started_at, m.pk))
    return next((m.team.neighbourhood_id for m in memberships if m.team.neighbourhood_id), None)


def local_terms_of_area(request, area_id: int | None) -> dict[str, str]:
    """An area's own abbreviations, read once a request for each area (a page may write out many entries)."""
    if request is None:
        return local_terms(area_id)
    read = request.__dict__.setdefault("_local_terms_by_area", {})
    if area_id not in read:
        read[area_id] = local_terms(area_id)
    return read[area_id]


def local_terms_for(request) -> dict[str, str]:
    """The caller's area's own abbreviations, for expanding text they will read: read once a request."""
    if not hasattr(request, "_local_terms"):
        request._local_terms = local_terms(area_of(request))
    return request._local_terms
