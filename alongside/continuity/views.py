"""Continuity pages: recording a contact from the person's page or a caseload."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access
from alongside.core.forms import earlier_submission, once
from alongside.partners.models import CARE_ROLES, Membership
from alongside.people.access import open_record
from alongside.people.policy import Action, Category

from . import actions
from .forms import ContactForm


def colleagues(request) -> list[tuple[int, str]]:
    """The user first, then the care staff in their teams: who can have had the contact."""
    team_ids = [m.team_id for m in request.memberships if m.role in CARE_ROLES]
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
