"""Form pieces shared by every capability: one-time keys against double submission, versions against lost edits."""

import uuid

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404

from .models import SubmittedForm


class OnceForm(forms.Form):
    """A create form carries a one-time key; submitting it twice makes one record."""

    form_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class VersionedForm(forms.Form):
    """An edit form carries the version it started from; a stale save is refused as a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def once(user, key, create) -> tuple[str, bool]:
    """Run `create()` (which returns the new record's URL) at most once per form key.

    Returns the URL and whether this call made the record. A concurrent or later resubmission with the
    same key waits for the first to finish and gets its URL back.
    """
    try:
        with transaction.atomic():
            marker = SubmittedForm.objects.create(key=key, user=user, result_url="")
            url = create()
            marker.result_url = url
            marker.save(update_fields=["result_url"])
            return url, True
    except IntegrityError:
        existing = SubmittedForm.objects.filter(key=key, user=user).first()
        if existing is None:
            raise
        return existing.result_url, False


def earlier_submission(request) -> str | None:
    """If this POST repeats a form already submitted (same one-time key), the URL of what it made."""
    try:
        key = uuid.UUID(request.POST.get("form_key", ""))
    except ValueError:
        return None
    found = SubmittedForm.objects.filter(key=key, user=request.user).exclude(result_url="").first()
    return found.result_url if found else None


class EditConflict(Exception):
    """Someone saved the record after this edit began. `current` is the record as it now stands."""

    def __init__(self, current):
        super().__init__("The record changed since this edit began.")
        self.current = current


def save_if_unchanged(instance, expected_version: int, fields: list[str]) -> None:
    """Save `fields` only if the stored version is still `expected_version`; bump the version. If someone else
    deleted the row meanwhile, there is nothing left to change: the site's "not found" page (Http404)."""
    model = type(instance)
    changed = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **{name: getattr(instance, name) for name in fields}
    )
    if not changed:
        current = model.objects.filter(pk=instance.pk).first()
        if current is None:
            raise Http404(f"{model._meta.verbose_name} was deleted while it was being changed")
        raise EditConflict(current)
    instance.version = expected_version + 1


def typed_again(request) -> list[tuple[str, str]]:
    """What was typed, as (name, value) hidden inputs for a check-your-answers page to send again, without the CSRF
    token and the page's own buttons."""
    skip = {"csrfmiddlewaretoken", "confirm", "change"}
    return [(name, value) for name, values in request.POST.lists() if name not in skip for value in values]
