"""Finding who can help: the search (open to anyone, no account needed, and in the menu for staff, volunteers and
coordinators) and a service's page as a searcher sees it. No person's data is read: the directory is about
services. The views read the form (finding.read) and ask finding_queries; they read nothing themselves."""

from urllib.parse import urlencode
from uuid import UUID

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PUBLIC, access

from . import finding, finding_queries

# The search form's fields, kept from page to page and from a result to its page and back.
FIELDS = ("need", "words", "postcode", "within", "day", "age", "free")


def kept(params, **changes) -> str:
    """The search's own fields as a query string, with these changes (None leaves a field out)."""
    values = {name: params.get(name, "") for name in FIELDS} | changes
    return urlencode({name: value for name, value in values.items() if value not in ("", None)})


@access(PUBLIC)
def find(request):
    reading = finding.read(request.GET, timezone.localtime())
    search = reading.search
    results = finding_queries.search(search)
    needs = finding_queries.needs()
    chosen_need = next((need.name for need in needs if need.id == search.need), "")
    query = kept(request.GET)
    return render(
        request,
        "directory/find.jinja",
        {
            "reading": reading,
            "search": search,
            "results": results,
            "needs": needs,
            "chosen_need": chosen_need,
            "typed": {name: request.GET.get(name, "")[:100] for name in FIELDS},
            "query": query,
            "previous_url": "?" + kept(request.GET, page=results.page - 1) if results.page > 1 else None,
            "next_url": "?" + kept(request.GET, page=results.page + 1) if results.page < results.pages else None,
            "distances": finding.DISTANCES,
            "days": finding.DAY_NAMES,
            "has_errors": bool(reading.errors),
        },
    )


@access(PUBLIC)
def service(request, service_id: UUID):
    reading = finding.read(request.GET, timezone.localtime())
    found = finding_queries.service(service_id, reading.search.place)
    if found is None:
        raise Http404
    query = kept(request.GET)
    return render(
        request,
        "directory/find_service.jinja",
        {"service": found, "back": reverse("directory:find") + ("?" + query if query else "")},
    )
