"""The whole of a named worker's caseload, most pressing first, a page at a time: where the home page's short list
of the most pressing leads. Reads through `queries` in a fixed number of queries, however big the caseload."""

from django.shortcuts import render
from django.urls import reverse

from alongside.core.access import access, roles
from alongside.partners.roles import NAMED_WORKER_ROLES

from . import queries

NAMED_WORKERS = roles(*NAMED_WORKER_ROLES, name="those who may be a named worker")
PER_PAGE = 50


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


@access(NAMED_WORKERS)
def caseload(request):
    count = queries.caseload_count(request)
    pages = max(1, -(-count // PER_PAGE))
    number = min(_page_number(request), pages)
    rows = queries.caseload(request, PER_PAGE, (number - 1) * PER_PAGE, what="full_caseload_listed")
    here = reverse("continuity:caseload")
    return render(
        request,
        "continuity/caseload.jinja",
        {
            "rows": rows,
            "count": count,
            "number": number,
            "pages": pages,
            "first": (number - 1) * PER_PAGE + 1,
            "previous_url": f"{here}?page={number - 1}" if number > 1 else None,
            "next_url": f"{here}?page={number + 1}" if number < pages else None,
        },
    )
