"""The reflection pages: a moment of reflection after a contact (optional, about 15 seconds), the worker's own
reflections, and a team's anonymous patterns ("Which did we find hardest?")."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core.access import PERSON_RECORD, SIGNED_IN, access, roles
from alongside.core.forms import earlier_submission, once
from alongside.partners.roles import CARE_ROLES

from . import actions, queries
from .forms import ReflectionForm
from .patterns import AT_LEAST
from .tips import BY_KEY

CARE_STAFF = roles(*sorted(CARE_ROLES), name="care staff")


@access(PERSON_RECORD)
def reflect(request, contact_id):
    """Offered after recording a contact, to whoever had it or recorded it; no one else reaches it."""
    found = queries.contact_to_reflect_on(request, contact_id)
    person_url = reverse("people:person", args=[found.person.pk])
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and found.done is None and form.is_valid():
        data = form.cleaned_data

        def save():
            actions.reflect(request, found.ref, data["hard"], data["note"])
            return person_url

        try:
            url, _ = once(request.user, data["form_key"], save)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, "Your reflection is saved. Only you can read it.")
        return redirect(url)
    return render(
        request,
        "reflection/reflect.jinja",
        {"found": found, "form": form, "person_url": person_url, "has_errors": bool(form.errors)},
    )


@access(CARE_STAFF)
def mine(request):
    """The worker's own reflections, newest first."""
    page = queries.own_reflections(request, request.GET.get("page"))
    return render(
        request,
        "reflection/mine.jinja",
        {"page": page, "tips": BY_KEY, "teams": queries.my_teams(request)},
    )


@access(SIGNED_IN)
def team(request, team_id):
    """A team's patterns, for those who give care in it (its leaders among them): anonymous, month by month."""
    found = queries.team_patterns(request, team_id)
    if found is None:
        raise Http404
    the_team, months = found
    return render(
        request,
        "reflection/team.jinja",
        {"team": the_team, "months": months, "tips": BY_KEY, "at_least": AT_LEAST},
    )
