"""Reads for the administrators' language pages."""

from django.db.models import Count

from alongside.partners.models import Neighbourhood

from . import checking, rules
from .models import LocalTerm, WordingChange


def areas() -> list[tuple[Neighbourhood, int]]:
    """Every neighbourhood, by name, with how many local terms it has (two queries)."""
    counts = dict(
        LocalTerm.objects.values_list("neighbourhood_id").annotate(n=Count("pk")).values_list("neighbourhood_id", "n")
    )
    return [(area, counts.get(area.pk, 0)) for area in Neighbourhood.objects.order_by("name")]


def area(pk: int) -> Neighbourhood | None:
    return Neighbourhood.objects.filter(pk=pk).first()


def local_terms_of(area: Neighbourhood) -> list[LocalTerm]:
    return list(LocalTerm.objects.filter(neighbourhood=area).select_related("added_by").order_by("abbreviation"))


def local_term(pk: int) -> LocalTerm | None:
    return LocalTerm.objects.select_related("neighbourhood").filter(pk=pk).first()


def hope_list() -> list[checking.Rule]:
    """Every term, shipped and added, on and off, in the list's own order (added terms last)."""
    return list(rules.in_force().rules)


def term(term_id: str) -> checking.Rule | None:
    return rules.in_force().rule(term_id)


def history(term_id: str | None = None, limit: int = 50) -> list[WordingChange]:
    """Administrators' changes to the list (to one term, or to any), newest first."""
    found = WordingChange.objects.select_related("by").order_by("-at", "-pk")
    if term_id is not None:
        found = found.filter(term_id=term_id)
    return list(found[:limit])
