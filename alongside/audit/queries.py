"""What the audit pages read (`views`): a page of a person's access log, a page of an audit search, and the names of
the organisations and people those events mention.

Each function returns plain values or model instances already read. The audit of a search is written here, beside
the read it records.
"""

from datetime import datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone

from alongside.core import audit
from alongside.core.models import AuditEvent
from alongside.partners.models import Organisation
from alongside.people import search
from alongside.people.access import record_access, record_list_access
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import Basis, Decision

PAGE_SIZE = 25
# The person's own history is grouped into visits (`visits`): a page is this many events, fewer lines.
HISTORY_PAGE_SIZE = 100
PEOPLE_SHOWN = 10
# An IG reviewer's search: their role is the basis, not a relationship with the person.
IG_CHECK = Decision(True, Basis.IG_CHECK)


def access_log_page(person: Person, page_number) -> Page:
    """One page of what was done with the person's record, newest first, with who did it: neither what was refused
    nor what the person did themselves, which is not news to them."""
    events = AuditEvent.objects.filter(person_id=person.pk).exclude(action__startswith="denied:")
    if person.user_id is not None:
        events = events.exclude(actor_id=person.user_id)
    return _page(events, page_number, HISTORY_PAGE_SIZE)


def parts_in_care(person: Person, events) -> dict[int, list[CareRelationship]]:
    """The parts the users behind these events have had in the person's care, by user id: one query, or none."""
    users = {e.actor_id for e in events if e.actor_id is not None}
    found: dict[int, list[CareRelationship]] = {}
    if users:
        for relationship in CareRelationship.objects.filter(person=person, user_id__in=users).order_by("started_at"):
            found.setdefault(relationship.user_id, []).append(relationship)
    return found


def people_called(request, typed: str) -> tuple[list[Person], str]:
    """The people an IG reviewer's typed name finds (at most PEOPLE_SHOWN + 1), and what to say if it cannot be
    used. Close spellings are tried when the name as typed finds nobody. Seeing the names is a read of each of
    them, audited as an information governance check."""
    terms = search.parse(typed)
    if not terms.selective:
        return [], (terms.problems[0] if terms.problems else search.TOO_SHORT)
    people = Person.objects.all()
    found = list(search.matching(people, terms)[: PEOPLE_SHOWN + 1])
    if not found and terms.names:
        found = list(search.matching(people, terms, loose=True)[: PEOPLE_SHOWN + 1])
    if found:
        record_list_access(request, found, "audit_person_candidates", Basis.IG_CHECK)
    return found, ""


def search_page(request, data: dict, page_number) -> Page:
    """One page of the audit events that match an IG reviewer's search (a person, a user, a period), newest first,
    with who did each. The search itself is audited: about the person, if one was searched for."""
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
    page = _page(events, page_number)
    _record_search(request, data, page)
    return page


def organisation_names(events) -> dict[int, str]:
    """The names of the organisations the events were done in, by id: one query, or none if there are none."""
    ids = {e.organisation_id for e in events if e.organisation_id is not None}
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def people_named(events) -> dict[int, Person]:
    """The people the events are about, by id, with only their names: one query."""
    return Person.objects.only("pk", "given_name", "family_name").in_bulk(
        {e.person_id for e in events if e.person_id is not None}
    )


def _page(events, page_number, size: int = PAGE_SIZE) -> Page:
    page = Paginator(events.select_related("actor").order_by("-at", "-pk"), size).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


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


def _start_of(day) -> datetime:
    """Midnight at the start of a day, UK time: periods are the days people see on the calendar."""
    return timezone.make_aware(datetime.combine(day, time.min))
