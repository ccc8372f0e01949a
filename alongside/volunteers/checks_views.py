"""The coordinator's pages: their hubs' volunteers with their standing, one volunteer's page (profile, checks,
training, agreement and current clients), and recording a check, a course or an agreement signed on paper.

Only the coordinators of a volunteer's hub reach them: anyone else's volunteer (or one who does not exist) answers
"Page not found", the same way, and the refusal is audited.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import access, roles
from alongside.core.forms import earlier_submission, once
from alongside.people.access import record_list_access
from alongside.people.policy import Basis

from . import actions_profiles as actions
from . import profiles_queries as queries
from .profiles_forms import CheckForm, PaperAgreementForm, TrainingForm
from .profiles_views import profile_context
from .profiles_words import allocation_warning

COORDINATORS = roles("coordinator", name="community coordinators")
PER_PAGE = 25
FILTERS = {
    "": "All volunteers",
    "lapsed": "May not take new clients",
    "due": "Something runs out within 60 days",
}


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


@access(COORDINATORS)
def hub_list(request):
    if not queries.is_coordinator(request):
        raise Http404
    today = timezone.localdate()
    rows = queries.hub_volunteers(request, today)
    chosen = request.GET.get("show", "")
    chosen = chosen if chosen in FILTERS else ""
    counts = {"": len(rows), "lapsed": sum(r.lapsed for r in rows), "due": sum(r.due_soon for r in rows)}
    if chosen == "lapsed":
        rows = [r for r in rows if r.lapsed]
    elif chosen == "due":
        rows = [r for r in rows if r.due_soon]
    pages = max(1, -(-len(rows) // PER_PAGE))
    number = min(_page_number(request), pages)
    shown = rows[(number - 1) * PER_PAGE : number * PER_PAGE]
    here = reverse("volunteers:hub_list")
    query = f"show={chosen}&" if chosen else ""
    return render(
        request,
        "volunteers/profiles/hub_list.jinja",
        {
            "rows": [(r, _words(r)) for r in shown],
            "count": len(rows),
            "counts": counts,
            "filters": [(key, words, f"{here}?show={key}" if key else here) for key, words in FILTERS.items()],
            "chosen": chosen,
            "number": number,
            "pages": pages,
            "first": (number - 1) * PER_PAGE + 1,
            "previous_url": f"{here}?{query}page={number - 1}" if number > 1 else None,
            "next_url": f"{here}?{query}page={number + 1}" if number < pages else None,
        },
    )


def _words(row) -> dict:
    """The standing column of the list: may they take new clients, why not, and what runs out soon."""
    return {
        "lapsed": list(row.standing.lapsed),
        "due": [
            f"{words[0].upper()}{words[1:]} runs out on {on.day} {on:%B %Y}" for words, on in row.standing.due_soon
        ],
    }


def _volunteer(request, user_id):
    """A volunteer of the user's hubs, or "Page not found" (audited) for anyone else's or a missing one."""
    row = queries.hub_volunteer(request, user_id, timezone.localdate())
    if row is None:
        actions.audit_refused(request, user_id)
        raise Http404
    return row


@access(COORDINATORS)
def hub_volunteer(request, user_id):
    row = _volunteer(request, user_id)
    today = timezone.localdate()
    actions.audit_opened(request, row)
    clients = queries.clients_of(row.user)
    record_list_access(request, [c.person for c in clients], "volunteer_clients_listed", Basis.RELATIONSHIP)
    warnings = [allocation_warning(reason) for reason in row.standing.lapsed]
    profile = row.profile or queries.own_profile(row.user)
    context = profile_context(profile, today, you=False)
    context.update(
        {
            "row": row,
            "volunteer": row.user,
            "clients": clients,
            "warnings": warnings,
        }
    )
    return render(request, "volunteers/profiles/volunteer.jinja", context)


def _record(request, user_id, form_class, template, make, done):
    """A form that records something about one volunteer: once per form, back to their page with `done`."""
    row = _volunteer(request, user_id)
    page = reverse("volunteers:hub_volunteer", args=[row.user.pk])
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            once(request.user, form.cleaned_data["form_key"], lambda: make(row, form.cleaned_data) and page)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, done)
        return redirect(page)
    return render(
        request, template, {"form": form, "has_errors": bool(form.errors), "volunteer": row.user, "back": page}
    )


@access(COORDINATORS)
def new_check(request, user_id):
    def make(row, data):
        return actions.record_check(
            request,
            row.user.pk,
            kind=data["kind"],
            level=data["level"],
            done_on=data["done_on"],
            expires_on=data["expires_on"],
            note=data["note"],
        )

    return _record(request, user_id, CheckForm, "volunteers/profiles/check_form.jinja", make, "Check recorded")


@access(COORDINATORS)
def new_training(request, user_id):
    def make(row, data):
        return actions.record_training(
            request,
            row.user.pk,
            course=data["course"],
            completed_on=data["completed_on"],
            expires_on=data["expires_on"],
        )

    return _record(request, user_id, TrainingForm, "volunteers/profiles/training_form.jinja", make, "Training recorded")


@access(COORDINATORS)
def new_paper_agreement(request, user_id):
    def make(row, data):
        return actions.record_paper_agreement(request, row.user.pk, signed_on=data["signed_on"])

    return _record(
        request,
        user_id,
        PaperAgreementForm,
        "volunteers/profiles/paper_agreement_form.jinja",
        make,
        "Signed agreement recorded",
    )
