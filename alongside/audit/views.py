from django.shortcuts import render
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access, roles
from alongside.partners.models import PERSON_ROLE
from alongside.people.access import open_record
from alongside.people.policy import Basis, Category

from . import queries, wording
from .forms import AuditSearchForm


@access(roles(PERSON_ROLE))
def my_access_log(request):
    """Who has looked at my record: for the person signed in."""
    return access_log(request, request.user.person.pk)


@access(PERSON_RECORD)
def person_access_log(request, person_id):
    """The same list for a proxy, for the person they act for. Anyone else gets 404, as if missing."""
    return access_log(request, person_id)


def access_log(request, person_id):
    person, decision, _ = open_record(request, person_id, Category.ACCESS_LOG, "access_log_viewed")
    own = decision.basis == Basis.SELF
    words = wording.words_for(person, own=own)
    page = queries.access_log_page(person, request.GET.get("page"))
    organisations = queries.organisation_names(page.object_list)
    rows = [
        {
            "at": timezone.localtime(e.at),
            "who": _who(e),
            "role": wording.roles_in_words(e.role),
            "organisation": organisations.get(e.organisation_id, ""),
            "what": wording.what(e.action, words),
            "why": wording.why(e.action, e.basis, words),
        }
        for e in page.object_list
    ]
    return render(request, "audit/access_log.jinja", {"person": person, "own": own, "page": page, "rows": rows})


@access(roles("ig_reviewer"))
def search(request):
    """Search the audit by person, user and period. Every search that shows results is itself audited."""
    fields = ("person", "username", "date_from", "date_to")
    submitted = any(request.GET.get(f) is not None for f in fields)
    form = AuditSearchForm(request.GET if submitted else None)
    page = rows = None
    if submitted and form.is_valid():
        page = queries.search_page(request, form.cleaned_data, request.GET.get("page"))
        rows = _search_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/search.jinja",
        {
            "form": form,
            "has_errors": bool(form.errors),
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
        },
    )


def _search_rows(events) -> list[dict]:
    organisations = queries.organisation_names(events)
    people = queries.people_named(events)
    return [
        {
            "at": timezone.localtime(e.at),
            "who": _who(e),
            "username": e.actor_username,
            "role": wording.roles_in_words(e.role) or e.role,
            "organisation": organisations.get(e.organisation_id, ""),
            "person": people.get(e.person_id),
            "person_id": e.person_id,
            "action": e.action,
            "what": wording.what(e.action, wording.ABOUT_SOMEONE) if e.person_id is not None else "",
            "basis": e.basis,
            "request_id": e.request_id,
        }
        for e in events
    ]


def _who(event) -> str:
    if event.actor is not None:
        return event.actor.display_name
    return event.actor_username or "The system"
