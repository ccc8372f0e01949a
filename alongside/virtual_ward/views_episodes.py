"""The virtual ward's episodes pages: refer someone, the referrals waiting, decide on one, admit to a bed, the
episode (its 72 hours and its plan), add to the plan, extend it, end it. Anyone who may not see a page gets "Page
not found", exactly as for something missing. Every change is made by actions_episodes."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import SIGNED_IN, access
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.people.access import record, record_denied

from . import actions_episodes as actions
from . import queries_episodes as queries
from . import rules_episodes as rules
from .access import my_wards, seen_episode, seen_referral
from .forms_episodes import DIRECTION_HINTS, AdmitForm, DecideForm, EndForm, ExtendForm, PlanForm, ReferForm
from .models import Episode, Referral

T = "virtual_ward/episodes/"


def _stage(request, form) -> str:
    """Which step this is: "write" (the form), "check" (check your answers) or "send" (confirmed and valid)."""
    if request.method != "POST" or "change" in request.POST or not form.is_valid():
        return "write"
    return "send" if "confirm" in request.POST else "check"


@dataclass
class Sent:
    """What came of sending a form once: `url` to go to (with `done` when this press made the change, not an earlier
    one), or the form again (`form`, with the problem on it, or typed as it was on the newer version `conflict`)."""

    url: str | None = None
    done: bool = False
    form: Any = None
    conflict: Any = None


def _send(request, form, act: Callable[[], str], again: Callable[[QueryDict, Any], Any] | None = None) -> Sent:
    """Run `act` once for the form's one-time key. Refused answers 404; a change already made goes to its page; a
    problem goes on the form; a stale version gives the form again on the newer version (`again(data, current)`
    makes it, for the actions that check a version), so that nothing typed is lost and nothing is silently
    overwritten."""
    try:
        url, _ = once(request.user, form.cleaned_data["form_key"], act)
    except actions.Refused:
        raise Http404 from None
    except actions.AlreadyDone as already:
        return Sent(url=already.url)
    except actions.Problem as problem:
        form.add_error(None, str(problem))
        return Sent(form=form)
    except EditConflict as changed:
        if again is None:
            raise
        data = request.POST.copy()
        data["version"] = str(changed.current.version)
        form = again(data, changed.current)
        form.is_valid()
        return Sent(form=form, conflict=changed.current)
    return Sent(url=url, done=True)


# --- refer ---------------------------------------------------------------------------------------------------------


@access(SIGNED_IN)
def refer(request, person_id):
    person = queries.person(person_id)
    basis = actions.refer_basis(request, person) if person else None
    if person is None or basis is None:
        record_denied(request, "ward_refer_opened", person.pk if person else None, object_id=person_id)
        raise Http404
    record(request, "ward_refer_opened", person.pk, basis)
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    if stopped := queries.under_way(person.pk):  # a referral waits, or they are on the ward: no second one
        return render(request, T + "refer_under_way.jinja", {"person": person, "stopped": stopped})
    wards = queries.all_wards()
    form = ReferForm(request.POST or None, wards=wards)
    stage = _stage(request, form)
    if stage == "send":
        data = form.cleaned_data
        made = actions.ReferralIn(int(data["ward"]), data["source"], data["direction"], data["reason"])

        def create() -> str:
            return reverse("virtual_ward:referral", args=[actions.refer(request, person, made).pk])

        sent = _send(request, form, create)
        if sent.url is None:
            stage = "write"
        else:
            hours = next((w.decision_hours for w in wards if w.pk == made.ward_id), 2)
            messages.success(request, f"Referral sent. The ward team will decide within {hours} hours")
            return redirect(sent.url)
    return render(
        request,
        T + "refer.jinja",
        {
            "person": person,
            "form": form,
            "stage": stage,
            "has_errors": form.is_bound and bool(form.errors),
            "again": typed_again(request) if stage == "check" else [],
            "wards": wards,
            "hints": DIRECTION_HINTS,
            "chosen_ward": next((w for w in wards if form.is_bound and str(w.pk) == form.data.get("ward")), None),
        },
    )


# --- the referrals waiting -----------------------------------------------------------------------------------------


@access(SIGNED_IN)
def referrals(request):
    wards = list(my_wards(request))
    if not wards:
        raise Http404
    return render(
        request,
        T + "referrals.jinja",
        {"waiting": queries.waiting_referrals(request), "wards": wards, "clock": queries.clock},
    )


# --- decide --------------------------------------------------------------------------------------------------------


@access(SIGNED_IN)
def referral(request, referral_id):
    seen = seen_referral(request, referral_id, "ward_referral_opened")
    if seen is None:
        raise Http404
    item = seen.referral
    here = reverse("virtual_ward:referral", args=[item.pk])
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    deciding = seen.as_ward_team and not item.decision
    form = DecideForm(request.POST or None, initial={"version": item.version})
    stage, conflict = ("write", None)
    if deciding and request.method == "POST":
        stage = _stage(request, form)
        if stage == "send":
            data = form.cleaned_data

            def decide() -> str:
                actions.decide_referral(request, item.pk, data["decision"], data["reason"], data["version"])
                # after declining, the list of what still waits (the declined referral stays readable a while)
                return here if data["decision"] == Referral.Decision.ACCEPTED else reverse("virtual_ward:referrals")

            sent = _send(request, form, decide, lambda again, current: DecideForm(again))
            if sent.url is None:
                form, conflict, stage = sent.form, sent.conflict, "write"
            elif not sent.done:
                return redirect(sent.url)
            else:
                accepted = data["decision"] == Referral.Decision.ACCEPTED
                messages.success(
                    request, "Accepted. Admit them to a bed" if accepted else "Declined. The referrer has been told"
                )
                return redirect(reverse("virtual_ward:admit", args=[item.pk]) if accepted else sent.url)
    episode = getattr(item, "episode", None)
    left, overdue = rules.time_left(item.decision_due, timezone.now())
    return render(
        request,
        T + "referral.jinja",
        {
            "item": item,
            "seen": seen,
            "form": form,
            "stage": stage,
            "again": typed_again(request) if stage == "check" else [],
            "deciding": deciding,
            "has_errors": deciding and form.is_bound and (bool(form.errors) or conflict is not None),
            "conflict": conflict,
            "episode": episode,
            "left": left,
            "overdue": overdue,
        },
    )


# --- admit ---------------------------------------------------------------------------------------------------------


@access(SIGNED_IN)
def admit(request, referral_id):
    seen = seen_referral(request, referral_id, "ward_referral_opened_to_admit")
    if seen is None or not seen.as_ward_team:
        raise Http404
    item = seen.referral
    episode = getattr(item, "episode", None)
    if episode is not None:
        return redirect("virtual_ward:episode", episode_id=episode.pk)
    if item.decision != Referral.Decision.ACCEPTED:
        return redirect("virtual_ward:referral", referral_id=item.pk)
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    beds = queries.beds_today(item.ward)
    form = AdmitForm(request.POST or None, initial={"bed": beds.lowest_free})
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def admitted() -> str:
            made = actions.admit(request, item.pk, data["bed"])
            return reverse("virtual_ward:episode", args=[made.pk])

        try:
            url, _ = once(request.user, data["form_key"], admitted)
        except actions.Refused:
            raise Http404 from None
        except actions.AlreadyDone as already:
            return redirect(already.url)
        except actions.Problem as why:
            problem = str(why)
            beds = queries.beds_today(item.ward)
            form = AdmitForm(initial={"bed": beds.lowest_free})
        else:
            messages.success(request, f"Admitted to bed {data['bed']}")
            return redirect(url)
    elif request.method == "POST":
        problem = "This page was out of date. Check it and send it again"
    return render(request, T + "admit.jinja", {"item": item, "beds": beds, "form": form, "problem": problem})


# --- the episode ---------------------------------------------------------------------------------------------------


def _episode_for_team(request, episode_id, what) -> tuple[Episode, object]:
    seen = seen_episode(request, episode_id, what)
    if seen is None:
        raise Http404
    return seen.referral.episode, seen


@access(SIGNED_IN)
def episode(request, episode_id):
    found, seen = _episode_for_team(request, episode_id, "ward_episode_opened")
    return render(
        request,
        T + "episode.jinja",
        {
            "episode": found,
            "item": seen.referral,
            "seen": seen,
            "progress": queries.progress(found),
            "when": queries.when,
            "plan": queries.plan(found),
            "risk": queries.latest_risk(found),
            "team": seen.as_ward_team,
        },
    )


@access(SIGNED_IN)
def plan_add(request, episode_id):
    found, seen = _episode_for_team(request, episode_id, "ward_episode_opened_to_plan")
    if not seen.as_ward_team or found.ended_at is not None:
        raise Http404
    back = reverse("virtual_ward:episode", args=[found.pk])
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    form = PlanForm(request.POST or None, episode=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        planned = actions.PlannedIn(data["kind"], data["due_at"], data["minutes"], data.get("what_for", ""))

        def add() -> str:
            actions.add_to_plan(request, found.pk, planned)
            return back

        sent = _send(request, form, add)
        if sent.url is not None:
            messages.success(request, "Added to the plan")
            return redirect(sent.url)
    return render(
        request,
        T + "plan_add.jinja",
        {"episode": found, "item": seen.referral, "form": form, "has_errors": form.is_bound and bool(form.errors)},
    )


@access(SIGNED_IN)
def extend(request, episode_id):
    found, seen = _episode_for_team(request, episode_id, "ward_episode_opened_to_extend")
    if not seen.as_ward_team:
        raise Http404
    back = reverse("virtual_ward:episode", args=[found.pk])
    if found.ended_at is not None:
        return redirect(back)
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    form = ExtendForm(request.POST or None, episode=found, initial={"version": found.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def extended() -> str:
            actions.extend(request, found.pk, data["new_end"], data["reason"], data["version"])
            return back

        def on_the_newer(again, current):
            found.due_end_at = current.due_end_at
            return ExtendForm(again, episode=found)

        sent = _send(request, form, extended, on_the_newer)
        if sent.url is None:
            form, conflict = sent.form, sent.conflict
        elif not sent.done:
            return redirect(sent.url)
        else:
            messages.success(request, "Their stay is extended")
            return redirect(sent.url)
    return render(
        request,
        T + "extend.jinja",
        {
            "episode": found,
            "item": seen.referral,
            "form": form,
            "conflict": conflict,
            "has_errors": form.is_bound and (bool(form.errors) or conflict is not None),
            "when": queries.when,
        },
    )


@access(SIGNED_IN)
def end(request, episode_id):
    found, seen = _episode_for_team(request, episode_id, "ward_episode_opened_to_end")
    if not seen.as_ward_team:
        raise Http404
    back = reverse("virtual_ward:episode", args=[found.pk])
    if found.ended_at is not None:
        return redirect(back)
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    form = EndForm(request.POST or None, initial={"version": found.version})
    stage = _stage(request, form)
    conflict = None
    if stage == "send":
        data = form.cleaned_data

        def ended() -> str:
            actions.end(request, found.pk, data["outcome"], data["reason"], data["version"])
            return back

        sent = _send(request, form, ended, lambda again, current: EndForm(again))
        if sent.url is None:
            form, conflict, stage = sent.form, sent.conflict, "write"
        elif not sent.done:
            return redirect(sent.url)
        else:
            messages.success(request, "Their stay on the virtual ward has ended")
            return redirect(sent.url)
    return render(
        request,
        T + "end.jinja",
        {
            "episode": found,
            "item": seen.referral,
            "form": form,
            "stage": stage,
            "conflict": conflict,
            "has_errors": form.is_bound and (bool(form.errors) or conflict is not None),
            "again": typed_again(request) if stage == "check" else [],
        },
    )
