"""The page to choose a new named worker for each person whose named worker's membership is ending."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from alongside.core.access import SIGNED_IN, access
from alongside.partners import queries as partners_queries

from . import handover


def _choices_form(people, workers, data=None) -> forms.Form:
    fields = {
        f"person_{p.pk}": forms.TypedChoiceField(
            label=p.full_name,
            required=False,
            coerce=int,
            choices=[("", "Not now"), *((u.pk, u.display_name) for u in workers)],
            error_messages={"invalid_choice": f"Choose a new named worker for {p.full_name} from the list"},
        )
        for p in people
    }
    return type("HandoverForm", (forms.Form,), fields)(data)


@access(SIGNED_IN)
def choose(request, membership_id):
    """The team's leaders choose; other members of the team (administrators among them) are refused; anyone else
    finds nothing here, as if the membership did not exist."""
    membership = partners_queries.membership(membership_id)
    if membership is None or membership.ended_at is not None:
        raise Http404
    if not handover.may_choose(request, membership):
        if any(m.team_id == membership.team_id for m in request.memberships):
            raise PermissionDenied
        raise Http404
    back = ("partners:end_membership", membership.pk)
    people, workers = handover.choosing(request, membership)
    if not people:
        messages.success(request, f"Nobody has {membership.user.display_name} as their named worker now")
        return redirect(*back)
    form = _choices_form(people, workers, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        chosen = {int(name.removeprefix("person_")): v for name, v in form.cleaned_data.items() if v}
        if not chosen:
            form.add_error(None, "Choose a new named worker for at least one person")
        else:
            changed = handover.hand_over(request, membership, chosen)
            messages.success(request, f"New named worker chosen for {changed} {'person' if changed == 1 else 'people'}")
            return redirect(*back)
    return render(
        request,
        "people/handover.jinja",
        {"membership": membership, "form": form, "workers": workers, "has_errors": bool(form.errors)},
    )
