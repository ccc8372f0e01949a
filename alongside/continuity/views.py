"""Continuity pages: recording a contact from the person's page or a caseload."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core import registry
from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.language.on_save import after_saving
from alongside.people.access import open_record
from alongside.people.policy import Action, Category

from . import actions, queries
from .forms import AnswerForm, AskForChangeForm, ContactForm, FactsForm
from .priority import priority

TEAM_LEADERS = roles("team_leader")


@access(PERSON_RECORD)
def new_contact(request, pk):
    person, _, _ = open_record(request, pk, Category.CARE, "contact_form_opened", action=Action.WRITE)
    if not actions.gives_care(request):
        raise Http404
    person_url = reverse("people:person", args=[person.pk])
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This was already recorded: you may have pressed the button twice")
        return redirect(previous)
    now = timezone.localtime()
    who = queries.colleagues(request)
    initial = {"practitioner": str(request.user.pk), "day": now.date(), "at_time": f"{now:%H:%M}"}
    form = ContactForm(request.POST or None, initial=initial | {"minutes": 30}, colleagues=who)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        practitioner = queries.user(int(data["practitioner"]))  # one of the choices offered

        def make():
            contact = actions.record_contact(
                request,
                person,
                kind=data["kind"],
                at=data["at"],
                minutes=data["minutes"],
                note=data["note"],
                practitioner=practitioner,
            )
            # what another capability offers next (a moment of reflection), else back to the person
            return registry.after_contact(request, f"contact:{contact.pk}") or person_url

        url, made = once(request.user, data["form_key"], make)
        messages.success(request, "Contact recorded" if made else "This was already recorded")
        if made:
            after_saving(request, form, ["note"])  # what could be written instead, never blocking
        return redirect(url)
    return render(
        request,
        "continuity/contact_form.jinja",
        {"person": person, "form": form, "has_errors": bool(form.errors), "back": person_url},
    )


@access(PERSON_RECORD)
def ask_for_change(request, pk):
    """Ask for a different named worker: the person, their proxy, or anyone with a part in their care."""
    person, _, facts = open_record(request, pk, Category.NAME, "named_worker_change_form_opened")
    if not actions.may_ask_for_change(facts):
        raise Http404
    own = facts.is_self
    form = AskForChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.ask_for_change(request, person, form.cleaned_data["reason"])
        except actions.CannotAsk as cannot:
            form.add_error(None, str(cannot))
        else:
            messages.success(
                request,
                "Your request has gone to the team leader, who will answer within "
                f"{settings.NAMED_WORKER_CHANGE_DAYS} days",
            )
            return redirect(reverse("people:person", args=[person.pk]))
    return render(
        request,
        "continuity/ask_for_change.jinja",
        {
            "person": person,
            "form": form,
            "has_errors": bool(form.errors),
            "own": own,
            "days": settings.NAMED_WORKER_CHANGE_DAYS,
        },
    )


@access(TEAM_LEADERS)
def change_requests(request):
    """Requests for a different named worker in the teams the user leads: waiting ones first, soonest due."""
    waiting, answered = queries.change_requests(request)
    return render(
        request,
        "continuity/change_requests.jinja",
        {"waiting": waiting, "answered": answered, "now": timezone.now()},
    )


@access(TEAM_LEADERS)
def answer_change(request, change_id):
    change = queries.change_to_answer(request, change_id)
    if change is None or not actions.leads(request, change.team_id):
        raise Http404
    person, _, _ = open_record(request, change.person_id, Category.CARE, "named_worker_change_opened")
    workers = queries.other_workers(change)
    form = AnswerForm(request.POST or None, workers=workers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.answer_change(
            request,
            change.pk,
            changed=data["changed"] == "yes",
            answer=data["answer"],
            new_worker_id=int(data["new_worker"]) if data["new_worker"] else None,
        )
        messages.success(request, "Answered. Whoever asked has been told")
        return redirect("continuity:change_requests")
    return render(
        request,
        "continuity/answer_change.jinja",
        {"change": change, "person": person, "form": form, "has_errors": bool(form.errors), "now": timezone.now()},
    )


@access(PERSON_RECORD)
def edit_facts(request, pk):
    """The facts behind the person's continuity priority, with the priority they give, and a staff adjustment."""
    person, _, _ = open_record(request, pk, Category.CARE, "continuity_facts_opened", action=Action.WRITE)
    if not actions.gives_care(request):
        raise Http404
    record = queries.facts_record(person)
    current = actions.facts_of(record)
    initial = {name: getattr(current, name) for name in actions.FACT_FIELDS} | {
        "version": record.version if record else 0
    }
    form = FactsForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in actions.FACT_FIELDS}
        try:
            actions.save_facts(request, person, values, form.cleaned_data["version"])
        except EditConflict:
            conflict = True
            form.add_error(None, "Someone changed these facts while you were editing. Check them and save again")
        else:
            messages.success(request, "Continuity priority saved")
            return redirect(reverse("people:person", args=[person.pk]))
    return render(
        request,
        "continuity/facts_form.jinja",
        {
            "person": person,
            "form": form,
            "has_errors": bool(form.errors),
            "conflict": conflict,
            "now": priority(current, timezone.localdate()),
        },
    )
