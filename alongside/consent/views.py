from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access
from alongside.core.forms import earlier_submission, once
from alongside.people.access import decide, open_record
from alongside.people.policy import PROXIES, Action, Basis, Category

from . import actions, queries
from .forms import SharingChoiceForm
from .models import ConsentProvision
from .seen_by import what_each_sees
from .wording import category_labels


@access(PERSON_RECORD)
def choices(request, person_id):
    """The person's sharing choices in plain English. The person or their proxy changes them; staff may read."""
    person, decision, facts = open_record(request, person_id, Category.CONSENT, "consent_viewed")
    provisions = queries.choices_of(person)
    rows = [describe(p, person, request.user) for p in provisions]
    own = decision.basis == Basis.SELF
    parties = queries.parties_of(person, provisions, own)
    in_force = tuple(p.as_provision() for p in provisions)
    return render(
        request,
        "consent/choices.jinja",
        {
            "person": person,
            "own": own,
            "may_change": bool(decide(request, person, Action.WRITE, Category.CONSENT, facts=facts)),
            "seen": what_each_sees(parties, in_force, timezone.now(), own),
            "current": [r for r in rows if r["current"]],
            "earlier": [r for r in rows if not r["current"]],
        },
    )


@access(PERSON_RECORD)
def new_choice(request, person_id):
    person, decision, _ = open_record(request, person_id, Category.CONSENT, "consent_form_opened", action=Action.WRITE)
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This choice was already saved: you may have pressed the button twice")
        return redirect(previous)
    form = SharingChoiceForm(request.POST or None, own=decision.basis == Basis.SELF)
    if request.method == "POST" and form.is_valid():

        def record():
            actions.record_choice(request, person, form.cleaned_data)
            return reverse("consent:choices", args=[person.pk])

        url, made = once(request.user, form.cleaned_data["form_key"], record)
        messages.success(
            request, "Your choice is saved. It applies from now on." if made else "This choice was already saved"
        )
        return redirect(url)
    return render(
        request,
        "consent/choice_form.jinja",
        {"person": person, "own": decision.basis == Basis.SELF, "form": form, "has_errors": bool(form.errors)},
    )


@access(PERSON_RECORD)
def withdraw(request, person_id, provision_id):
    person, decision, _ = open_record(
        request, person_id, Category.CONSENT, "consent_withdrawal_opened", action=Action.WRITE
    )
    provision = queries.choice_of(person, provision_id)
    if provision is None or (provision.actor_kind == PROXIES and decision.basis != Basis.SELF):
        raise Http404  # what the person keeps from their proxies is theirs alone to change
    if provision.withdrawn_at is not None:
        messages.success(request, "This choice has already been withdrawn")
        return redirect("consent:choices", person_id=person.pk)
    if request.method == "POST":
        actions.withdraw_choice(request, provision)
        messages.success(request, "Choice withdrawn. It no longer applies, and stays in your history of choices.")
        return redirect("consent:choices", person_id=person.pk)
    return render(
        request,
        "consent/withdraw.jinja",
        {"person": person, "own": decision.basis == Basis.SELF, "choice": describe(provision, person, request.user)},
    )


def describe(provision: ConsentProvision, person, viewer) -> dict:
    """One choice as the person reads it: what, with whom, which information, for how long, and its state."""
    now = timezone.now()
    until = timezone.localtime(provision.end - timedelta(microseconds=1)).date() if provision.end else None
    if provision.withdrawn_at is not None and provision.withdrawn_at <= now:
        state, current = f"Withdrawn on {timezone.localtime(provision.withdrawn_at):%-d %B %Y}", False
    elif provision.end is not None and provision.end <= now:
        state, current = f"Ended on {until:%-d %B %Y}", False
    elif provision.start > now:
        state, current = f"Starts on {timezone.localtime(provision.start):%-d %B %Y}", True
    else:
        state, current = "In force", True
    recorder = provision.recorded_by
    if recorder is None:
        by = "Not known"
    elif recorder.pk == viewer.pk:
        by = "you"
    else:
        by = recorder.display_name
    if provision.recorded_as == "proxy":
        by += f", acting for {person.given_name}"
    return {
        "pk": provision.pk,
        "choice": provision,
        "what": "Share" if provision.permit else "Do not share",
        "with": provision.organisation.name if provision.organisation_id else provision.get_actor_kind_display(),
        "information": category_labels(provision.categories),
        "from": timezone.localtime(provision.start).date(),
        "until": until,
        "recorded_at": timezone.localtime(provision.recorded_at),
        "recorded_by": by,
        "state": state,
        "current": current,
    }
