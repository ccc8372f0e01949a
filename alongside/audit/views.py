from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from alongside.core import audit
from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.models import AuditEvent
from alongside.partners.models import PERSON_ROLE, Organisation
from alongside.people.access import open_record, record_access
from alongside.people.models import Person
from alongside.people.policy import Basis, Category, Decision

from . import wording
from .forms import AuditSearchForm

PAGE_SIZE = 25
# An IG reviewer's search: their role is the basis, not a relationship with the person.
IG_CHECK = Decision(True, Basis.IG_CHECK)


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
    events = AuditEvent.objects.filter(person_id=person.pk).exclude(action__startswith="denied:")
    if person.user_id is not None:
        events = events.exclude(actor_id=person.user_id)  # what the person did themselves is not news to them
    page = Paginator(events.select_related("actor").order_by("-at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    organisations = _organisations(page.object_list)
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
        data = form.cleaned_data
        events = AuditEvent.objects.all()
        if data["person"]:
            events = events.filter(person_id=data["person"].pk)
        if data["username"]:
            # What they did, and what was tried against their account (a failed sign-in has no actor).
            account = Q(object_type="user", object_id__iexact=data["username"].username)
            events = events.filter(Q(actor=data["username"]) | account)
        if data["date_from"]:
            events = events.filter(at__gte=_start_of(data["date_from"]))
        if data["date_to"]:
            events = events.filter(at__lt=_start_of(data["date_to"] + timedelta(days=1)))
        page = Paginator(events.select_related("actor").order_by("-at", "-pk"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = _search_rows(page.object_list)
        _record_search(request, data, page)
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


def _record_search(request, data, page) -> None:
    detail = {
        "searched_person": data["person"].pk if data["person"] else None,
        "searched_user": data["username"].username if data["username"] else None,
        "from": data["date_from"].isoformat() if data["date_from"] else None,
        "to": data["date_to"].isoformat() if data["date_to"] else None,
        "page": page.number,
        "results": page.paginator.count,
    }
    if data["person"]:
        record_access(request, data["person"], "audit_searched", IG_CHECK, **detail)
    else:
        audit.record(request, "audit_searched", object_type="audit", detail=detail)


def _search_rows(events) -> list[dict]:
    organisations = _organisations(events)
    people = Person.objects.only("pk", "given_name", "family_name").in_bulk(
        {e.person_id for e in events if e.person_id is not None}
    )
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


def _organisations(events) -> dict[int, str]:
    ids = {e.organisation_id for e in events if e.organisation_id is not None}
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _who(event) -> str:
    if event.actor is not None:
        return event.actor.display_name
    return event.actor_username or "The system"


def _start_of(day) -> datetime:
    """Midnight at the start of a day, UK time: periods are the days people see on the calendar."""
    return timezone.make_aware(datetime.combine(day, time.min))
