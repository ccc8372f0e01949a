"""Continuity pages: recording a contact from the person's page or a caseload."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.partners.models import Membership
from alongside.partners.roles import CARE_ROLES, caring_team_ids, led_team_ids, possible_named_workers
from alongside.people.access import open_record, record_list_access, visible_people
from alongside.people.policy import Action, Basis, Category

from . import actions
from .forms import AnswerForm, AskForChangeForm, ContactForm, FactsForm
from .models import ChangeRequest, ContinuityFacts
from .priority import priority

TEAM_LEADERS = roles("team_leader")


def colleagues(request) -> list[tuple[int, str]]:
    """The user first, then the care staff in their teams: who can have had the contact."""
    team_ids = caring_team_ids(request)
    others = (
        Membership.objects.active()
        .filter(team_id__in=team_ids, role__in=list(CARE_ROLES))
        .exclude(user=request.user)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
    seen, found = {request.user.pk}, [(request.user.pk, f"Me ({request.user.display_name})")]
    for m in others:
        if m.user_id not in seen:
            seen.add(m.user_id)
            found.append((m.user_id, m.user.display_name))
    return found


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
    who = colleagues(request)
    initial = {"kind": "home_visit", "practitioner": str(request.user.pk), "day": now.date(), "at_time": f"{now:%H:%M}"}
    form = ContactForm(request.POST or None, initial=initial | {"minutes": 30}, colleagues=who)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        practitioner = get_user_model().objects.get(pk=int(data["practitioner"]))  # one of the choices offered

        def make():
            actions.record_contact(
                request,
                person,
                kind=data["kind"],
                at=data["at"],
                minutes=data["minutes"],
                note=data["note"],
                practitioner=practitioner,
            )
            return person_url + "#continuity"

        url, made = once(request.user, data["form_key"], make)
        messages.success(request, "Contact recorded" if made else "This was already recorded")
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
            return redirect(reverse("people:person", args=[person.pk]) + "#continuity")
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
    led = led_team_ids(request)
    visible = visible_people(request)
    waiting = list(
        ChangeRequest.objects.filter(team_id__in=led, answered_at__isnull=True, person__in=visible)
        .exclude(current_worker=request.user)
        .select_related("person", "team")
        .order_by("answer_due")
    )
    answered = list(
        ChangeRequest.objects.filter(team_id__in=led, answered_at__isnull=False, person__in=visible)
        .exclude(current_worker=request.user)
        .select_related("person", "team", "new_worker")
        .order_by("-answered_at")[:20]
    )
    record_list_access(
        request, [c.person for c in waiting + answered], "named_worker_changes_listed", Basis.RELATIONSHIP
    )
    return render(
        request,
        "continuity/change_requests.jinja",
        {"waiting": waiting, "answered": answered, "now": timezone.now()},
    )


@access(TEAM_LEADERS)
def answer_change(request, change_id):
    change = (
        ChangeRequest.objects.filter(pk=change_id, answered_at__isnull=True)
        .exclude(current_worker=request.user)
        .select_related("person", "team", "current_worker")
        .first()
    )
    if change is None or not actions.leads(request, change.team_id):
        raise Http404
    person, _, _ = open_record(request, change.person_id, Category.CARE, "named_worker_change_opened")
    workers = [
        (m.user_id, m.user.display_name)
        for m in possible_named_workers(change.team)
        .exclude(user_id=change.current_worker_id)
        .select_related("user")
        .order_by("user__first_name")
    ]
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
    record = ContinuityFacts.objects.filter(person=person).first()
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
            return redirect(reverse("people:person", args=[person.pk]) + "#continuity")
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
