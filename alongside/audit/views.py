from django.shortcuts import render
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access, roles
from alongside.partners.models import PERSON_ROLE
from alongside.partners.queries import USERS_SHOWN, users_named
from alongside.people.access import open_record
from alongside.people.policy import Basis, Category

from . import queries, visits, wording
from .forms import AuditSearchForm

SEARCH_FIELDS = (
    "person",
    "username",
    *(f"{date}_{part}" for date in ("date_from", "date_to") for part in ("day", "month", "year")),
)


@access(roles(PERSON_ROLE))
def my_access_log(request):
    """Who has looked at my record: for the person signed in."""
    return access_log(request, request.user.person.pk)


@access(PERSON_RECORD)
def person_access_log(request, person_id):
    """The same list for a proxy, for the person they act for. Anyone else gets 404, as if missing."""
    return access_log(request, person_id)


def access_log(request, person_id):
    """The history as visits: each line is what one user did in one sitting or one day, for one reason."""
    person, decision, _ = open_record(request, person_id, Category.ACCESS_LOG, "access_log_viewed")
    own = decision.basis == Basis.SELF
    words = wording.words_for(person, own=own)
    page = queries.access_log_page(person, request.GET.get("page"))
    organisations = queries.organisation_names(page.object_list)
    parts = queries.parts_in_care(person, page.object_list)
    by_key = {}
    events = []
    for e in page.object_list:
        key = e.actor_id or e.actor_username or "system"
        by_key.setdefault(key, e)
        events.append(visits.Event(timezone.localtime(e.at), key, e.action, e.basis))
    rows = []
    for visit in visits.visits(events):
        e = by_key[visit.actor]
        who = _who(e)
        part = wording.part_in_care(_part_at(parts.get(e.actor_id, []), visit.last), words)
        rows.append(
            {
                "when": wording.when_in_words(visit.first, visit.last),
                "who": who,
                "part": part,
                "role": wording.roles_in_words(e.role),
                "organisation": organisations.get(e.organisation_id, ""),
                "what": wording.visit_in_words(visit.actions, words),
                "why": wording.why(visit.events[0].action, visit.basis, words),
            }
        )
    return render(request, "audit/access_log.jinja", {"person": person, "own": own, "page": page, "rows": rows})


def _part_at(relationships, moment) -> str | None:
    """The closest part the user had in the person's care at that moment (named worker first), if any."""
    held = [r.kind for r in relationships if r.started_at <= moment and (r.ended_at is None or r.ended_at > moment)]
    for kind in wording.PART_IN_CARE:
        if kind in held:
            return kind
    return None


@access(roles("ig_reviewer"))
def search(request):
    """Search the audit by person, user and period. A person or user may be typed by name; when the name fits more
    than one, the page lists them to choose from. Every search that shows results is itself audited."""
    submitted = any(request.GET.get(f) is not None for f in SEARCH_FIELDS)
    form = AuditSearchForm(request.GET if submitted else None)
    page = rows = None
    choices = {"people": [], "users": []}
    if submitted and form.is_valid():
        data = dict(form.cleaned_data)
        if isinstance(data["person"], str):
            data["person"] = _one_person(request, form, data["person"], choices)
        if data["username"] is not None:
            data["username"] = _one_user(form, data["username"], choices)
        if not form.errors:
            page = queries.search_page(request, data, request.GET.get("page"))
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
            "people_to_choose": [(p, _with(query, "person", p.pk)) for p in choices["people"][: queries.PEOPLE_SHOWN]],
            "users_to_choose": [(u, _with(query, "username", u.username)) for u in choices["users"][:USERS_SHOWN]],
        },
    )


def _one_person(request, form, typed: str, choices: dict):
    found, problem = queries.people_called(request, typed)
    if len(found) == 1:
        return found[0]
    if problem:
        form.add_error("person", problem)
    elif not found:
        form.add_error(
            "person", f"No one in Alongside is called {typed}. Check the spelling, or enter their NHS number."
        )
    else:
        choices["people"] = found
        more = len(found) > queries.PEOPLE_SHOWN
        form.add_error(
            "person",
            f"More than {queries.PEOPLE_SHOWN} people are called {typed}. Add more of their name, or their NHS number."
            if more
            else f"{len(found)} people are called {typed}. Choose one from the list below the search.",
        )
    return None


def _one_user(form, typed: str, choices: dict):
    found = users_named(typed, active_only=False)
    if len(found) == 1:
        return found[0]
    if not found:
        form.add_error("username", f"There is no user called {typed}. Check the spelling.")
    else:
        choices["users"] = found
        form.add_error(
            "username",
            f"More than {USERS_SHOWN} users match {typed}. Add more of their name, or their username."
            if len(found) > USERS_SHOWN
            else f"{len(found)} users match {typed}. Choose one from the list below the search.",
        )
    return None


def _with(query, field: str, value) -> str:
    chosen = query.copy()
    chosen[field] = str(value)
    return chosen.urlencode()


def _search_rows(events) -> list[dict]:
    organisations = queries.organisation_names(events)
    people = queries.people_named(events)
    return [
        {
            "at": timezone.localtime(e.at),
            "who": _who(e),
            "username": e.actor_username,
            "role": wording.roles_in_words(e.role),
            "organisation": organisations.get(e.organisation_id, ""),
            "person": people.get(e.person_id),
            "person_id": e.person_id,
            "what": wording.action_in_words(e.action, e.person_id is not None),
            "why": wording.basis_in_words(e.action, e.basis, e.person_id is not None),
            "request_id": e.request_id,
        }
        for e in events
    ]


def _who(event) -> str:
    if event.actor is not None:
        return event.actor.display_name
    return event.actor_username or "The system"
