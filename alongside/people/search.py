"""Finding a person among the people the user may see."""

from django.core.paginator import Paginator
from django.shortcuts import render

from alongside.core import audit
from alongside.core.access import PERSON_RECORD, access

from .access import visible_people
from .models import Person

PAGE_SIZE = 20


def matching(people, query: str):
    for word in query.split():
        people = people.filter(given_name__istartswith=word) | people.filter(family_name__istartswith=word)
    return people


@access(PERSON_RECORD)
def search_page(request):
    query = request.GET.get("q", "").strip()
    page = None
    if query:
        found = matching(visible_people(request), query).order_by("family_name", "given_name", "pk")
        page = Paginator(found.select_related("gp_practice"), PAGE_SIZE).get_page(request.GET.get("page"))
        audit_results(request, page.object_list, query)
    return render(request, "people/search.jinja", {"query": query, "page": page})


def audit_results(request, people: list[Person], query: str) -> None:
    """Each person shown in a result list is a read of their data."""
    for person in people:
        audit.record(
            request,
            "search_result",
            person_id=person.pk,
            object_type="person",
            object_id=person.pk,
            detail={"query": query},
        )
