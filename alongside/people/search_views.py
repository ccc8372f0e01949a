"""The page for finding a person among the people the user may see (how a query is read and matched: see
`search_terms` and `search`)."""

from django.db import transaction
from django.shortcuts import render

from alongside.core.access import PERSON_RECORD, access

from .access import acting
from .policy import Acting
from .search import Page, audit_results, find, parse, rows_for
from .search_terms import TOO_SHORT, tidy


def page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


@access(PERSON_RECORD)
def search_page(request):
    query = tidy(request.GET.get("q", ""))
    context = {"query": query, "volunteer_view": acting(request) == Acting.VOLUNTEER}
    if query:
        terms = parse(query)
        context["problems"] = terms.problems
        if not terms.selective:
            context["too_short"] = TOO_SHORT
        else:
            with transaction.atomic():
                found, total, number, context["close_matches"] = find(request, terms, page_number(request))
                rows = rows_for(request, found)
                audit_results(request, rows, query)
            context["page"] = Page(number, total, rows)
    return render(request, "people/search.jinja", context)
