"""The page after the meeting: completing an MDT action (its owner only; anyone else, and a missing action, get
"Page not found" by the same path). Write what came of it, and for an item that came from a volunteer's concern what
that volunteer is told; check it; send it. The concern loop then tells the volunteer."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core import registry
from alongside.core.access import SIGNED_IN, access
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.language.on_save import after_saving

from . import actions_follow, queries_follow
from .forms_follow import DoneForm


@access(SIGNED_IN)
def action_done(request, action_id):
    found = queries_follow.owned(request, action_id, "mdt_action_opened")
    if found is None:
        raise Http404
    action, _ = found
    here = reverse("mdt:follow_action_done", args=[action.pk])
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)  # sent twice: the first one's page
    concern = actions_follow.from_concern(action.item.source)
    stage, conflict = "write", None
    form = DoneForm(request.POST or None, initial={"version": action.version}, from_concern=concern)
    if request.method == "POST" and action.done_at is None:
        if "change" in request.POST:
            form = DoneForm(request.POST, from_concern=concern)  # back to the words as typed
        elif form.is_valid():
            if "confirm" not in request.POST:
                stage = "check"
            else:
                data = form.cleaned_data

                def complete() -> str:
                    actions_follow.complete(
                        request,
                        action.pk,
                        outcome=data["outcome"],
                        told_volunteer=data.get("told_volunteer", ""),
                        version=data["version"],
                    )
                    return here

                try:
                    url, _ = once(request.user, data["form_key"], complete)
                except actions_follow.NotYours:
                    raise Http404 from None
                except EditConflict as changed:
                    conflict = changed.current
                    if conflict.done_at is not None:  # done meanwhile (another tab): show it, with what was typed
                        action.done_at, action.outcome = conflict.done_at, conflict.outcome
                        action.told_volunteer = conflict.told_volunteer
                    again = request.POST.copy()
                    again["version"] = str(changed.current.version)
                    form = DoneForm(again, from_concern=concern)
                    form.is_valid()
                    form.add_error(None, "This action changed while you were writing. Check it, then send it again")
                except ValueError as problem:
                    form.add_error(None, str(problem))
                else:
                    # what could be written instead, never blocking
                    after_saving(request, form, ["outcome", "told_volunteer"] if concern else ["outcome"])
                    said = "Action done. The volunteer who raised the worry has been told" if concern else "Action done"
                    messages.success(request, said)
                    return redirect(url)
    typed = request.POST.get("outcome", "").strip() if request.method == "POST" and action.done_at is not None else ""
    if typed and typed.strip() == action.outcome:
        typed = ""  # their own words, already recorded
    return render(
        request,
        "mdt/follow/action_done.jinja",
        {
            "action": action,
            "item": action.item,
            "form": form,
            "has_errors": bool(form.errors),
            "stage": stage,
            "conflict": conflict,
            "typed": typed,
            "from_concern": concern,
            "overdue": actions_follow.is_overdue(action.due, action.done_at is not None, timezone.localdate()),
            "refer_href": (
                registry.referral_page(request, action.item.person_id, f"mdt_action:{action.pk}")
                if action.done_at is None
                else None
            ),
        },
    )
