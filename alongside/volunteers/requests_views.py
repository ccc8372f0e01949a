"""Pages for asking for a volunteer (from the person's page), and for a coordinator: the hub's waiting requests,
the volunteers who fit one with reasons, allocating after checking the answers, and ending an allocation.

A coordinator sees of a person only what matching needs (`policy.VOLUNTEER_HUB_VIEW`), on the basis
`policy.volunteer_hub_basis` gives; anything else answers as missing. Every page that shows a person is audited.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import earlier_submission
from alongside.people.access import Read, open_record, record, record_denied, record_each, volunteer_view_of
from alongside.people.policy import Basis, Category, volunteer_hub_basis

from . import actions_matching as actions
from . import matching_queries as queries
from .matching import district_of, may_allocate, rank
from .requests_forms import AskForm, EndForm

COORDINATORS = roles("coordinator")
SHOWN_FIRST = 10  # volunteers shown for a request before "show all"


@access(PERSON_RECORD)
def ask(request, pk):
    """Ask for a volunteer: staff who look after the person, the single point of access, the person or their proxy."""
    person, decision, facts = open_record(request, pk, Category.NAME, "volunteer_request_form_opened")
    how = actions.asked_as(request, facts)
    if how is None:
        raise Http404
    person_url = reverse("people:person", args=[person.pk])
    if request.method == "POST" and earlier_submission(request):
        messages.success(request, "This was already sent: you may have pressed the button twice")
        return redirect(person_url)
    own = facts.is_self
    hubs = queries.hubs()
    if not hubs:
        raise Http404
    form = AskForm(
        request.POST or None,
        hubs=hubs,
        interests=queries.interest_choices([h.pk for h in hubs]),
        own=own,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made, _ = actions.ask(
                request,
                person,
                facts,
                decision.basis,
                hub_id=data["hub"],
                what_would_help=data["what_would_help"],
                languages=data["languages"],
                interests=data["interests"],
                form_key=data["form_key"],
            )
        except actions.CannotAsk as waiting:
            who = "You already have" if own else f"{person.given_name} already has"
            form.add_error(
                None,
                f"{who} a request waiting with {waiting}. The coordinator will be in touch, so there is no need to "
                "ask again",
            )
        except actions.NotAllowed as refused:
            raise Http404 from refused
        else:
            messages.success(
                request,
                f"Your request has gone to {made.hub.name}. A coordinator will look for a volunteer"
                + (" and be in touch with you" if own else ""),
            )
            return redirect(person_url)
    return render(
        request,
        "volunteers/matching/ask.jinja",
        {"person": person, "form": form, "has_errors": bool(form.errors), "own": own, "back": person_url},
    )


@access(COORDINATORS)
def requests(request):
    """The hub's waiting requests, longest waiting first, and the allocations it made that are still going."""
    hub_ids = queries.coordinated_hub_ids(request)
    waiting = queries.waiting_requests(hub_ids)
    allocated = queries.recently_allocated(hub_ids)
    reads = [Read(r.person_id, Basis.VOLUNTEER_HUB, object_id=f"volunteer_request:{r.pk}") for r in waiting]
    reads += [Read(r.person_id, Basis.VOLUNTEER_HUB, object_id=f"volunteer_request:{r.pk}") for r in allocated]
    if reads:
        record_each(request, "volunteer_requests_listed", reads)
    now = timezone.now()
    return render(
        request,
        "volunteers/matching/requests.jinja",
        {
            "waiting": [(r, district_of(r.person.postcode), (now - r.created_at).days) for r in waiting],
            "allocated": allocated,
            "coordinates": bool(hub_ids),
        },
    )


def _request_for_coordinator(request, request_id, what: str):
    """The request, and the basis for seeing its person; refused answers as missing, audited either way."""
    hub_ids = queries.coordinated_hub_ids(request)
    found = queries.request_in_hubs(request_id, hub_ids)
    basis = volunteer_hub_basis(queries.hub_facts(hub_ids, found.person_id, found.hub_id)) if found else None
    if found is None or basis is None:
        record_denied(
            request,
            what,
            found.person_id if found else None,
            object_type="volunteer_request",
            object_id=str(request_id)[:100],
        )
        raise Http404
    record(request, what, found.person_id, basis, object_type="volunteer_request", object_id=found.pk)
    return found


@access(COORDINATORS)
def match(request, request_id):
    """One request: what the person asked for, and the volunteers who fit, best first, with reasons."""
    found = _request_for_coordinator(request, request_id, "volunteer_matches_viewed")
    ranking = None
    show_all = request.GET.get("all") == "1"
    if found.status == found.Status.WAITING:
        ranking = rank(
            queries.need_of(found), queries.candidates(found.hub_id), limit=None if show_all else SHOWN_FIRST
        )
    return render(
        request,
        "volunteers/matching/match.jinja",
        {
            "found": found,
            "person": found.person,
            "district": district_of(found.person.postcode),
            "ranking": ranking,
            "show_all": show_all,
        },
    )


@access(COORDINATORS)
def allocate(request, request_id, volunteer_id):
    """Check your answers, then allocate: the volunteer is checked again when the button is pressed."""
    found = _request_for_coordinator(request, request_id, "volunteer_allocation_opened")
    back = reverse("volunteers:match", args=[found.pk])
    if found.status != found.Status.WAITING:
        if found.status == found.Status.ALLOCATED and found.volunteer_id == volunteer_id:
            messages.success(request, "This was already done: you may have pressed the button twice")
            return redirect("volunteers:requests")
        raise Http404
    chosen = queries.candidates(found.hub_id, user_ids=[volunteer_id])
    if not chosen:
        raise Http404
    candidate = chosen[0]
    problem = may_allocate(candidate)
    if request.method == "POST" and not problem:
        try:
            actions.allocate(request, found.pk, volunteer_id)
        except actions.CannotAllocate as cannot:
            problem = str(cannot)
        except actions.NotAllowed as refused:
            raise Http404 from refused
        else:
            messages.success(
                request, f"{candidate.name} will visit {found.person.full_name}. We have told {candidate.name}"
            )
            return redirect("volunteers:requests")
    assessed = rank(queries.need_of(found), [candidate]).offered
    return render(
        request,
        "volunteers/matching/allocate.jinja",
        {
            "found": found,
            "person": found.person,
            "candidate": candidate,
            "match": assessed[0] if assessed else None,
            "problem": problem,
            "back": back,
            "district": district_of(found.person.postcode),
            "name_kept_back": Category.NAME not in volunteer_view_of(found.person, found.hub.organisation_id),
        },
    )


@access(COORDINATORS)
def end_allocation(request, relationship_id):
    """End a volunteer's visits, with the reason; the volunteer is thanked."""
    hub_ids = queries.coordinated_hub_ids(request)
    relationship = queries.allocation_in_hubs(relationship_id, hub_ids)
    basis = volunteer_hub_basis(queries.hub_facts(hub_ids, relationship.person_id)) if relationship else None
    if relationship is None or basis is None:
        record_denied(request, "volunteer_end_opened", None, object_type="relationship", object_id=relationship_id)
        raise Http404
    record(
        request,
        "volunteer_end_opened",
        relationship.person_id,
        basis,
        object_type="relationship",
        object_id=relationship.pk,
    )
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_allocation(request, relationship.pk, form.cleaned_data["reason"])
        except actions.NotAllowed as refused:
            raise Http404 from refused
        messages.success(
            request, f"{relationship.user.display_name}'s visits have ended. We have thanked them for their time"
        )
        return redirect("volunteers:requests")
    return render(
        request,
        "volunteers/matching/end.jinja",
        {"relationship": relationship, "person": relationship.person, "form": form, "has_errors": bool(form.errors)},
    )
