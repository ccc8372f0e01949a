"""The pages of closing the loop: answering a concern with an outcome for the volunteer, the volunteer's page of
what happened (where they say thank you or that they are still worried), and a hub's open loops.

A concern the user may not see answers "Page not found", exactly like one that does not exist: the same queries
and one audit row either way.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core import registry
from alongside.core.access import access, roles
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.language.on_save import after_saving
from alongside.partners.roles import CARE_ROLES
from alongside.people.access import Read, coordinated_hub_ids, names_for_visitor, record, record_denied, record_each
from alongside.people.policy import Basis

from . import actions_loop, lifecycle, loop_queries
from .lifecycle import Move, NotAllowed
from .loop_forms import OUTCOME_HINT, OutcomeForm, ReplyForm

ANSWERERS = roles(*sorted(CARE_ROLES), name="care staff")  # who acts is then decided per concern
VOLUNTEERS = roles("volunteer")
COORDINATORS = roles("coordinator")


def _open(request, concern_id: int, what: str, may) -> tuple:
    """The concern and the user's standing to it, or 404 (audited) when `may(standing)` is false."""
    found = loop_queries.concern(concern_id)
    who = loop_queries.standing(request, found)
    if found is None or not may(who):
        record_denied(request, what, found.person_id if found else None, object_type="concern", object_id=concern_id)
        raise Http404
    record(request, what, found.person_id, who.basis, object_type="concern", object_id=found.pk)
    return found, who


@access(ANSWERERS)
def answer(request, concern_id):
    """Write what happened for the volunteer, check it, and send it: the concern closes. A closed concern shows
    its answer and the volunteer's reply."""
    concern, _ = _open(request, concern_id, "concern_answer_opened", lambda who: who.may_answer)
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)  # sent twice: the first one's answer
    stage, conflict, typed = "write", None, ""
    form = OutcomeForm(request.POST or None, initial={"version": concern.version})
    if request.method == "POST" and concern.status == lifecycle.Status.OPEN:
        if "change" in request.POST:
            form = OutcomeForm(request.POST)  # back to the words as typed
        elif form.is_valid():
            if "confirm" not in request.POST:
                stage = "check"
            else:
                data = form.cleaned_data

                def close() -> str:
                    actions_loop.close(request, concern.pk, data["outcome"], data["version"])
                    return reverse("concerns:loop_answer", args=[concern.pk])

                try:
                    url, made = once(request.user, data["form_key"], close)
                except EditConflict as changed:
                    conflict, typed = changed.current, data["outcome"]
                    concern = loop_queries.concern(concern.pk)
                    again = request.POST.copy()
                    again["version"] = str(changed.current.version)
                    form = OutcomeForm(again)
                    form.is_valid()
                    form.add_error(
                        None,
                        "This concern changed while you were writing. Check it, then send your answer again",
                    )
                except NotAllowed as refused:
                    form.add_error("outcome", str(refused))
                else:
                    messages.success(request, "Answer sent. The volunteer has been told")
                    if made:
                        after_saving(request, form, ["outcome"])  # what could be written instead, never blocking
                    return redirect(url)
    elif request.method == "POST":  # answered by someone else meanwhile: what was typed is shown back
        typed = request.POST.get("outcome", "")
    return render(
        request,
        "concerns/loop/answer.jinja",
        {
            "concern": concern,
            "form": form,
            "stage": stage,
            "typed": typed,
            "conflict": conflict,
            "hint": OUTCOME_HINT,
            "sharing": loop_queries.sharing(concern),
            "events": loop_queries.events(concern),
            "refer_href": registry.referral_page(request, concern.person_id, f"concern:{concern.pk}"),
            "overdue": lifecycle.is_overdue(concern.status, concern.answer_by, timezone.now()),
            "has_errors": bool(form.errors),
        },
    )


@access(VOLUNTEERS)
def what_happened(request, concern_id):
    """The volunteer's own concern: what happened, and their reply (thank you, or I'm still worried)."""
    facts = None
    found = loop_queries.concern(concern_id)
    if found is not None:
        facts = loop_queries.facts_about(request, [found]).get(found.person_id)
    who = loop_queries.standing(request, found, facts)
    if found is None or not who.raised_it:
        record_denied(
            request,
            "concern_outcome_opened",
            found.person_id if found else None,
            object_type="concern",
            object_id=concern_id,
        )
        raise Http404
    concern = found
    record(request, "concern_outcome_opened", concern.person_id, who.basis, object_type="concern", object_id=concern.pk)
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    replied = loop_queries.replied(concern)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        move = Move.THANK if data["reply"] == ReplyForm.THANKS else Move.STILL_WORRIED
        url = reverse("concerns:what_happened", args=[concern.pk])

        def send() -> str:
            actions_loop.reply(request, concern.pk, move, data["words"])
            return url

        try:
            _, made = once(request.user, data["form_key"], send)
        except NotAllowed as refused:
            form.add_error(None, str(refused))
        else:
            if move == Move.THANK:
                messages.success(request, "Thank you sent")
            else:
                messages.success(request, "Sent. Someone will look at your concern again")
            return redirect(url)
    return render(
        request,
        "concerns/loop/what_happened.jinja",
        {
            "concern": concern,
            "name": names_for_visitor(request, [concern.person])[concern.person_id],
            "replied": replied,
            "events": [e for e in loop_queries.events(concern) if e.what in VOLUNTEER_SEES],
            "form": form,
            "may_reply": concern.status == lifecycle.Status.CLOSED and not replied,
            "has_errors": bool(form.errors),
        },
    )


# Not the reminders or routing inside the service.
VOLUNTEER_SEES = {"raised", "closed", "thanked", "still_worried", "referred", "service_answered", "mdt_news"}


@access(COORDINATORS)
def open_loops(request):
    """For a hub's coordinators: every concern still open (overdue first to see), and those closed lately with how
    long each took to close, and the median. A fixed number of queries, however many concerns."""
    hub_ids = sorted(coordinated_hub_ids(request))
    open_rows, open_count = loop_queries.open_in(hub_ids)
    closed = loop_queries.closed_in(hub_ids)
    shown_closed = closed[: loop_queries.SHOWN]
    record_each(
        request,
        "open_loops_listed",
        [Read(c.person_id, Basis.VOLUNTEER_HUB, object_id=c.pk) for c in [*open_rows, *shown_closed]],
        object_type="concern",
    )
    now = timezone.now()
    times = [lifecycle.took(c.created_at, c.closed_at) for c in closed]
    median = lifecycle.median_time(times)
    return render(
        request,
        "concerns/loop/open_loops.jinja",
        {
            "hubs": loop_queries.hubs(hub_ids),
            "open": [(c, lifecycle.is_overdue(c.status, c.answer_by, now)) for c in open_rows],
            "open_count": open_count,
            "overdue_count": sum(1 for c in open_rows if lifecycle.is_overdue(c.status, c.answer_by, now)),
            "closed": [(c, lifecycle.in_words(lifecycle.took(c.created_at, c.closed_at))) for c in shown_closed],
            "closed_count": len(closed),
            "median": lifecycle.in_words(median) if median is not None else None,
            "days": loop_queries.RECENT_DAYS,
            "shown": loop_queries.SHOWN,
        },
    )
