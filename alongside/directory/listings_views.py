"""The keepers' pages under /directory/keep/: the list of organisations and services (in use, needing a check, or
retired), an organisation's page, a service's page with its change history, adding and changing either (a service
is checked before it is added), marking one as checked, retiring one and bringing it back.

Only those who keep the directory reach them (coordinators of a volunteer hub and directory editors); anyone else
is refused. A missing listing is "Page not found". The directory holds no person's data.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import access, roles
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again

from . import actions_listings as actions
from . import listings_queries as queries
from . import listings_words as words
from .listings_forms import (
    ConfirmForm,
    EditOrganisationForm,
    EditServiceForm,
    KeeperForm,
    NewOrganisationForm,
    NewServiceForm,
    initial_from,
)
from .staleness import is_stale

KEEPERS = roles("coordinator", "directory_editor", name="directory keepers")
PER_PAGE = 20
KINDS = ("organisation", "service")


def _keeper(request) -> None:
    if not queries.is_keeper(request):
        raise PermissionDenied


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


@access(KEEPERS)
def keep(request):
    _keeper(request)
    today = timezone.localdate()
    chosen = request.GET.get("show", "")
    chosen = chosen if chosen in queries.FILTERS else ""
    number = _page_number(request)
    found = queries.keeper_list(chosen, today, (number - 1) * PER_PAGE, PER_PAGE)
    pages = max(1, -(-found.count // PER_PAGE))
    if number > pages:
        number = pages
        found = queries.keeper_list(chosen, today, (number - 1) * PER_PAGE, PER_PAGE)
    here = reverse("directory:keep")
    query = f"show={chosen}&" if chosen else ""
    counts = {
        "": words.counted(found.counts["all"], found.counts["services"]),
        "stale": found.counts["stale"],
        "retired": found.counts["retired"] + found.counts["retired_services"],
    }
    return render(
        request,
        "directory/listings/keep.jinja",
        {
            "organisations": found.organisations,
            "count": found.count,
            "today": today,
            "is_stale": is_stale,
            "filters": [(key, label, f"{here}?show={key}" if key else here) for key, label in queries.FILTERS.items()],
            "counts": counts,
            "chosen": chosen,
            "number": number,
            "pages": pages,
            "previous_url": f"{here}?{query}page={number - 1}" if number > 1 else None,
            "next_url": f"{here}?{query}page={number + 1}" if number < pages else None,
        },
    )


def _organisation(pk):
    found = queries.organisation_for_keepers(pk)
    if found is None:
        raise Http404
    return found


def _service(pk):
    found = queries.service_for_keepers(pk)
    if found is None:
        raise Http404
    return found


@access(KEEPERS)
def keep_organisation(request, pk):
    _keeper(request)
    organisation = _organisation(pk)
    today = timezone.localdate()
    return render(
        request,
        "directory/listings/organisation.jinja",
        {
            "organisation": organisation,
            "stale": is_stale(organisation.checked_on, organisation.added_on, today),
            "stale_words": words.since_checked(organisation, today),
            "history": [words.change_row(c) for c in queries.history("organisation", pk)],
            "services_stale": {s.pk for s in organisation.services.all() if is_stale(s.checked_on, s.added_on, today)},
        },
    )


@access(KEEPERS)
def keep_service(request, pk):
    _keeper(request)
    service = _service(pk)
    today = timezone.localdate()
    return render(
        request,
        "directory/listings/service.jinja",
        {
            "service": service,
            "sections": words.service_sections(queries.details_of(service), service),
            "stale": is_stale(service.checked_on, service.added_on, today),
            "stale_words": words.since_checked(service, today),
            "history": [words.change_row(c) for c in queries.history("service", pk)],
        },
    )


@access(KEEPERS)
def new_organisation(request):
    _keeper(request)
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = NewOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_key"}

        def make():
            return reverse("directory:keep_organisation", args=[actions.add_organisation(request, **data).pk])

        url, _ = once(request.user, form.cleaned_data["form_key"], make)
        messages.success(request, f"{data['name']} is added to the directory")
        return redirect(url)
    return render(
        request,
        "directory/listings/organisation_form.jinja",
        {
            "form": form,
            "has_errors": bool(form.errors),
            "title": "Add an organisation",
            "back": reverse("directory:keep"),
            "conflict": None,
        },
    )


@access(KEEPERS)
def edit_organisation(request, pk):
    _keeper(request)
    organisation = _organisation(pk)
    phones = [p.number for p in organisation.phones.all()]
    initial = {name: getattr(organisation, name) for name in actions.ORGANISATION_FIELDS}
    initial |= {"phone": phones[0] if phones else "", "version": organisation.version}
    form = EditOrganisationForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.edit_organisation(request, pk, version=form.cleaned_data["version"], **data)
        except EditConflict as error:
            conflict = words.organisation_conflict(error.current, data)
            post = request.POST.copy()
            post["version"] = str(error.current.version)
            form = EditOrganisationForm(post, initial=initial)
            form.is_valid()
        else:
            messages.success(request, f"{data['name']} is saved")
            return redirect("directory:keep_organisation", pk=pk)
    return render(
        request,
        "directory/listings/organisation_form.jinja",
        {
            "form": form,
            "title": f"Change {organisation.name}",
            "back": reverse("directory:keep_organisation", args=[pk]),
            "conflict": conflict,
            "has_errors": bool(form.errors) or conflict is not None,
        },
    )


@access(KEEPERS)
def new_service(request):
    """Add a service: the form, then "Check your answers", then it is added (once, whatever is pressed twice)."""
    _keeper(request)
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    organisations = queries.organisation_choices()
    initial = {"organisation": request.GET.get("organisation", "")}
    form = NewServiceForm(
        request.POST or None, initial=initial, organisations=organisations, terms=queries.term_choices()
    )
    back = reverse("directory:keep")
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        details = form.details()
        organisation_id = form.cleaned_data["organisation"]
        if request.POST.get("confirm") == "yes":

            def make():
                service = actions.add_service(request, organisation_id, details)
                return reverse("directory:keep_service", args=[service.pk])

            try:
                url, _ = once(request.user, form.cleaned_data["form_key"], make)
            except PermissionDenied:
                raise Http404 from None
            messages.success(request, f"{details.name} is added to the directory")
            return redirect(url)
        return render(
            request,
            "directory/listings/service_check.jinja",
            {
                "answers": typed_again(request),
                "organisation": dict(organisations).get(organisation_id, ""),
                "sections": words.service_sections(
                    details, None, dict(queries.term_choices()), place_numbers=form.place_numbers
                ),
            },
        )
    return render(
        request,
        "directory/listings/service_form.jinja",
        {
            "form": form,
            "has_errors": bool(form.errors),
            "title": "Add a service",
            "back": back,
            "conflict": None,
            "new": True,
        },
    )


@access(KEEPERS)
def edit_service(request, pk):
    _keeper(request)
    service = _service(pk)
    terms = queries.term_choices()
    initial = initial_from(queries.details_of(service)) | {"version": service.version}
    form = EditServiceForm(request.POST or None, initial=initial, terms=terms)
    conflict = None
    if request.method == "POST" and form.is_valid():
        typed = form.details()
        try:
            actions.edit_service(request, pk, version=form.cleaned_data["version"], details=typed)
        except EditConflict as error:
            conflict = words.service_conflict(queries.details_of(error.current), typed, dict(terms))
            post = request.POST.copy()
            post["version"] = str(error.current.version)
            form = EditServiceForm(post, initial=initial, terms=terms)
            form.is_valid()
        else:
            messages.success(request, f"{typed.name} is saved")
            return redirect("directory:keep_service", pk=pk)
    return render(
        request,
        "directory/listings/service_form.jinja",
        {
            "form": form,
            "title": f"Change {service.name}",
            "back": reverse("directory:keep_service", args=[pk]),
            "conflict": conflict,
            "has_errors": bool(form.errors) or conflict is not None,
            "new": False,
        },
    )


def _listing(kind, pk):
    if kind not in KINDS:
        raise Http404
    return _organisation(pk) if kind == "organisation" else _service(pk)


def _page_of(kind, pk) -> str:
    return reverse(f"directory:keep_{kind}", args=[pk])


@access(KEEPERS)
def mark_checked(request, kind, pk):
    _keeper(request)
    listing = _listing(kind, pk)
    if request.method != "POST":
        return redirect(_page_of(kind, pk))
    actions.mark_checked(request, kind, pk)
    messages.success(request, f"{listing.name} is marked as checked today")
    return redirect(_page_of(kind, pk))


@access(KEEPERS)
def retire(request, kind, pk):
    _keeper(request)
    listing = _listing(kind, pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.retire(request, kind, pk, reason=form.cleaned_data["reason"])
        messages.success(request, f"{listing.name} is retired. It no longer shows in the directory")
        return redirect(_page_of(kind, pk))
    services = [s for s in listing.services.all() if s.retired_at is None] if kind == "organisation" else []
    return render(
        request,
        "directory/listings/retire.jinja",
        {
            "form": form,
            "has_errors": bool(form.errors),
            "listing": listing,
            "kind": kind,
            "services": services,
            "back": _page_of(kind, pk),
        },
    )


@access(KEEPERS)
def bring_back(request, kind, pk):
    _keeper(request)
    listing = _listing(kind, pk)
    if request.method != "POST":
        return redirect(_page_of(kind, pk))
    try:
        actions.bring_back(request, kind, pk)
    except PermissionDenied:
        messages.error(request, "Bring back its organisation first")
        return redirect(_page_of(kind, pk))
    messages.success(request, f"{listing.name} is back in the directory")
    return redirect(_page_of(kind, pk))


@access(KEEPERS)
def choose_keeper(request, kind, pk):
    """Choose who keeps a listing, among the keepers of the user's own partner organisation."""
    _keeper(request)
    listing = _listing(kind, pk)
    choices = queries.keeper_choices(request)
    form = KeeperForm(request.POST or None, initial={"version": listing.version}, choices=choices)
    changed_by_someone = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.choose_keeper(
                request, kind, pk, version=form.cleaned_data["version"], user_id=form.cleaned_data["keeper"]
            )
        except EditConflict as error:
            changed_by_someone = True
            listing = _listing(kind, pk)
            post = request.POST.copy()
            post["version"] = str(error.current.version)
            form = KeeperForm(post, initial={"version": listing.version}, choices=choices)
            form.is_valid()
        else:
            chosen = next(c.name for c in choices if c.user_id == form.cleaned_data["keeper"])
            messages.success(request, f"{chosen} now keeps {listing.name}")
            return redirect(_page_of(kind, pk))
    return render(
        request,
        "directory/listings/keeper.jinja",
        {
            "form": form,
            "has_errors": bool(form.errors) or changed_by_someone,
            "listing": listing,
            "kind": kind,
            "hints": {str(c.user_id): c.roles for c in choices},
            "changed_by_someone": changed_by_someone,
            "back": _page_of(kind, pk),
        },
    )
