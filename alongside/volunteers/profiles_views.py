"""The volunteer's own pages: their volunteering profile (read, and changed from a phone), and signing the current
confidentiality agreement. A volunteer reaches only their own: no page here takes anyone's id."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import access, roles
from alongside.core.forms import EditConflict, earlier_submission, once

from . import actions_profiles as actions
from . import profiles_queries as queries
from .profiles_forms import ProfileForm, SignAgreementForm
from .profiles_words import availability, due_words, for_you, item_state, summary
from .standing import CURRENT_AGREEMENT

VOLUNTEERS = roles("volunteer", name="volunteers")


def held_rows(profile, today):
    """Each check and course held, newest first within its kind, with its state in words."""
    if profile.pk is None:
        return [], []
    checks = [(c, item_state(c.expires_on, today)) for c in profile.checks.all()]
    training = [(t, item_state(t.expires_on, today)) for t in profile.training.all()]
    return checks, training


def profile_context(profile, today, *, you: bool) -> dict:
    found = queries.standing_of(profile, today)
    checks, training = held_rows(profile, today)
    agreements = list(profile.agreements.all()) if profile.pk else []
    return {
        "you": you,
        "profile": profile,
        "standing": found,
        "summary": summary(found, you=you),
        "reasons": [for_you(r) if you else r for r in found.lapsed],
        "due": [due_words(words, on, today, you=you) for words, on in found.due_soon],
        "checks": checks,
        "training": training,
        "agreement": agreements[0] if agreements else None,
        "current_agreement": CURRENT_AGREEMENT,
        "practices": [p.name for p in profile.practices.all()] if profile.pk else [],
        "neighbourhoods": [n.name for n in profile.neighbourhoods.all()] if profile.pk else [],
        "availability": availability(profile.available_days, profile.available_parts),
    }


@access(VOLUNTEERS)
def own_profile(request):
    if not queries.is_volunteer(request):
        raise Http404
    profile = queries.own_profile(request.user)
    return render(request, "volunteers/profiles/own.jinja", profile_context(profile, timezone.localdate(), you=True))


def _initial(profile) -> dict:
    return {
        "phone": profile.phone,
        "languages": ", ".join(profile.languages),
        "practices": [str(p.pk) for p in profile.practices.all()] if profile.pk else [],
        "neighbourhoods": [str(n.pk) for n in profile.neighbourhoods.all()] if profile.pk else [],
        "home_district": profile.home_district,
        "interests": ", ".join(profile.interests),
        "days": [str(d) for d in profile.available_days],
        "parts": list(profile.available_parts),
        "availability_words": profile.availability_words,
        "capacity": profile.capacity if profile.pk else None,
        "told_by": [name for name, on in (("text", profile.by_text), ("email", profile.by_email)) if on],
        "version": profile.version if profile.pk else 0,
    }


@access(VOLUNTEERS)
def edit_own_profile(request):
    if not queries.is_volunteer(request):
        raise Http404
    profile = queries.own_profile(request.user)
    choices = {
        "practices": queries.practice_choices(),
        "neighbourhoods": queries.neighbourhood_choices(),
        "email": request.user.email,
    }
    form = ProfileForm(request.POST or None, initial=_initial(profile), **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_own_profile(
                request,
                version=data["version"],
                practices=[int(pk) for pk in data["practices"]],
                neighbourhoods=[int(pk) for pk in data["neighbourhoods"]],
                phone=data["phone"],
                languages=data["languages"],
                home_district=data["home_district"],
                interests=data["interests"],
                available_days=[int(d) for d in data["days"]],
                available_parts=list(data["parts"]),
                availability_words=data["availability_words"],
                capacity=data["capacity"],
                by_text="text" in data["told_by"],
                by_email="email" in data["told_by"],
            )
        except EditConflict as conflict:
            post = request.POST.copy()
            post["version"] = str(conflict.current.version)
            form = ProfileForm(post, **choices)
            form.is_valid()
            form.add_error(
                None,
                "Your profile was changed somewhere else while you were editing. Check your answers and save again",
            )
        else:
            messages.success(request, "Your profile is saved")
            return redirect("volunteers:own_profile")
    return render(
        request,
        "volunteers/profiles/edit.jinja",
        {"form": form, "has_errors": bool(form.errors), "email": request.user.email},
    )


@access(VOLUNTEERS)
def sign_agreement(request):
    if not queries.is_volunteer(request):
        raise Http404
    here = reverse("volunteers:own_profile")
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = SignAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            once(request.user, form.cleaned_data["form_key"], lambda: actions.sign_agreement(request) and here)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, "Thank you. You have signed the confidentiality agreement")
        return redirect(here)
    profile = queries.own_profile(request.user)
    agreements = list(profile.agreements.all()) if profile.pk else []
    return render(
        request,
        "volunteers/profiles/sign_agreement.jinja",
        {
            "form": form,
            "has_errors": bool(form.errors),
            "version": CURRENT_AGREEMENT,
            "signed": agreements[0] if agreements and agreements[0].version == CURRENT_AGREEMENT else None,
        },
    )
