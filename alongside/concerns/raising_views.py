"""The raising part's pages: a volunteer raises a concern (choose, check, send), a coordinator records one raised
by phone or at a meeting, the concern's own page, re-routing, and the coordinator's queue.

Raising keeps everything chosen in the form itself: the check page carries each answer in hidden fields, "Change"
posts them back to the first page, and the one-time key made on the first page travels to the send, so that a
retry (a lost connection, a second tap) makes one concern. A concern about someone who is not the volunteer's
client answers "Page not found", as a missing page does.
"""

from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.core.numbers import whole_number
from alongside.language.on_save import after_saving
from alongside.partners.models import Role

from . import actions_raising, raising_access, raising_queries
from .raising_forms import (
    KIND_CHOICES,
    KIND_EXAMPLES,
    URGENCY_CHOICES,
    URGENCY_HINTS,
    ConcernForm,
    QueueFilters,
    RecordForm,
    RerouteForm,
)

STEP_CHECK, STEP_CHANGE, STEP_SEND = "check", "change", "send"


def _answers(form) -> list[tuple[str, str, str]]:
    """The check page's rows: question, answer, and the field to change."""
    data = form.cleaned_data
    people = dict(form.fields["person"].choices)
    return [
        (form.fields["person"].label, people.get(data["person"], ""), "person"),
        (form.fields["kind"].label, dict(KIND_CHOICES)[data["kind"]], "kind"),
        (form.fields["urgency"].label, dict(URGENCY_CHOICES)[data["urgency"]], "urgency"),
        (form.fields["words"].label.removesuffix(" (optional)"), data["words"] or "Nothing added", "words"),
    ]


def _flow(request, form, *, send, template: str, action_url: str, extra: dict):
    """The three steps of one page: the answers (GET, or "change"), the check (a valid POST), the send."""
    step = request.POST.get("step", STEP_CHECK) if request.method == "POST" else None
    if step == STEP_SEND:
        if earlier := earlier_submission(request):
            return redirect(earlier)
        if form.is_valid():
            url, made = once(request.user, form.cleaned_data["form_key"], lambda: send(form))
            if made:
                after_saving(request, form, ["words"])  # what could be written instead, never blocking
            return redirect(url)
    elif step == STEP_CHECK and form.is_valid():
        context = {"form": form, "answers": _answers(form), "action_url": action_url, **extra}
        return render(request, "concerns/raising/check.jinja", context)
    context = {
        "form": form,
        "has_errors": step is not None and step != STEP_CHANGE and bool(form.errors),
        "action_url": action_url,
        "kind_examples": KIND_EXAMPLES,
        "urgency_hints": URGENCY_HINTS,
        **extra,
    }
    if step == STEP_CHANGE:
        form.errors.clear()  # back to change an answer: nothing is wrong yet
    return render(request, template, context)


@access(roles(Role.VOLUNTEER))
def raise_concern(request):
    people = raising_queries.clients_of(request)
    data = request.POST if request.method == "POST" else None
    asked = (data or {}).get("person", "")
    if (person_id := whole_number(asked)) is not None and person_id not in dict(people):
        # someone who is not the volunteer's client now: answered as a missing page, and audited as a refusal
        raising_queries.refuse_raising(request, asked)
    form = ConcernForm(data, people=people)

    def send(form) -> str:
        worry = actions_raising.Worry(
            form.cleaned_data["person"],
            form.cleaned_data["kind"],
            form.cleaned_data["urgency"],
            form.cleaned_data["words"],
        )
        concern = actions_raising.raise_concern(request, worry)
        return reverse("concerns:sent", args=[concern.pk])

    extra = {"people": people, "recording": False, "back": reverse("home")}
    return _flow(
        request, form, send=send, template="concerns/raising/raise.jinja", action_url=request.path, extra=extra
    )


@access(roles(Role.COORDINATOR))
def record_concern(request):
    volunteer = request.GET.get("volunteer", "")
    allocations = raising_queries.allocations_for(request, whole_number(volunteer))
    data = request.POST if request.method == "POST" else None
    form = RecordForm(data, allocations=allocations)

    def send(form) -> str:
        volunteer_id, person_id = form.volunteer_and_person()
        worry = actions_raising.Worry(
            person_id, form.cleaned_data["kind"], form.cleaned_data["urgency"], form.cleaned_data["words"]
        )
        concern = actions_raising.raise_concern(request, worry, volunteer_id=volunteer_id)
        return reverse("concerns:concern", args=[concern.pk]) + "?recorded=1"

    extra = {"people": allocations, "recording": True, "back": reverse("concerns:queue")}
    return _flow(
        request,
        form,
        send=send,
        template="concerns/raising/raise.jinja",
        action_url=request.get_full_path(),
        extra=extra,
    )


@access(PERSON_RECORD)
def sent(request, pk):
    concern, basis = raising_access.open_concern(request, pk, "concern_sent_viewed")
    return render(request, "concerns/raising/sent.jinja", raising_queries.sent_page(request, concern, basis))


@access(PERSON_RECORD)
def concern(request, pk):
    found, basis = raising_access.open_concern(request, pk, "concern_viewed")
    page = raising_queries.concern_page(request, found, basis)
    return render(
        request,
        "concerns/raising/concern.jinja",
        {"page": page, "concern": found, "basis": basis, "recorded": request.GET.get("recorded") == "1"},
    )


@access(PERSON_RECORD)
def reroute(request, pk):
    found, _basis = raising_access.open_concern(request, pk, "concern_reroute_opened")
    if not raising_access.may_reroute(request, found):
        return redirect("concerns:concern", pk=found.pk)
    form = RerouteForm(request.POST or None, initial={"version": found.version, "route_kind": found.route_kind})
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            actions_raising.reroute(
                request,
                found.pk,
                form.cleaned_data["route_kind"],
                form.cleaned_data["version"],
                form.cleaned_data["words"],
            )
        except EditConflict as error:
            conflict = True
            post = request.POST.copy()
            post["version"] = str(error.current.version)
            form = RerouteForm(post)
            form.is_valid()
            form.add_error(None, "Someone changed this concern while you were choosing. Check it and choose again")
        else:
            return redirect("concerns:concern", pk=found.pk)
    return render(
        request,
        "concerns/raising/reroute.jinja",
        {"concern": found, "form": form, "has_errors": bool(form.errors), "conflict": conflict},
    )


@access(roles(Role.COORDINATOR))
def queue(request):
    filters = QueueFilters(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    page = raising_queries.queue_page(
        request,
        kind=chosen.get("kind", ""),
        urgency=chosen.get("urgency", ""),
        route=chosen.get("route", ""),
        overdue=bool(chosen.get("overdue")),
        page=chosen.get("page") or 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "concerns/raising/queue.jinja",
        {"filters": filters, "page": page, "query": query.urlencode(), "hubs": raising_queries.hubs_of(request)},
    )
