"""Asking for a correction of what staff wrote, and answering: the right to rectification, in the service."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core.access import PERSON_RECORD, access
from alongside.core.forms import earlier_submission, once

from . import actions
from . import correction_queries as queries
from .access import open_record
from .forms import CorrectEntryForm, CorrectionRequestForm, KeepEntryForm
from .models import CorrectionRequest
from .policy import Action, Category


def _timeline(person) -> str:
    """The person's page, at the top, where the success message shows."""
    return reverse("people:person", args=[person.pk])


@access(PERSON_RECORD)
def ask_for_correction(request, pk, entry_id):
    """The person, or their proxy, says what is wrong with an entry staff wrote, and what it should say."""
    person, _, _ = open_record(request, pk, Category.CARE, "correction_form_opened", action=Action.ASK)
    entry = queries.entry_to_correct(person, entry_id)
    if entry is None:
        raise Http404
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = CorrectionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def ask():
            actions.ask_for_correction(request, entry, data["what_is_wrong"], data["what_it_should_say"])
            return _timeline(person)

        url, _ = once(request.user, data["form_key"], ask)
        messages.success(request, "Your request was sent. You will see the answer here, beside the entry.")
        return redirect(url)
    current = queries.as_it_stands(entry)
    return render(
        request,
        "people/correction_request_form.jinja",
        {"person": person, "entry": entry, "current": current, "form": form, "has_errors": bool(form.errors)},
    )


@access(PERSON_RECORD)
def answer_correction(request, pk, correction_id):
    """The entry's author, or the named worker, corrects the entry or says why it stays as it is."""
    person, _, _ = open_record(request, pk, Category.CARE, "correction_opened", action=Action.WRITE)
    correction = queries.correction_of(person, correction_id)
    if correction is None or not actions.may_answer(request, correction):
        raise Http404
    current = queries.as_it_stands(correction.entry)
    correct = CorrectEntryForm(current=current.text, initial={"text": correction.what_it_should_say or current.text})
    keep = KeepEntryForm()
    if request.method == "POST" and correction.outcome == CorrectionRequest.Outcome.WAITING:
        chosen = request.POST.get("answer")
        if chosen == "correct":
            correct = CorrectEntryForm(request.POST, current=current.text)
            if correct.is_valid():
                return _answer(request, correction, correct.cleaned_data["text"], correct.cleaned_data["note"])
        elif chosen == "keep":
            keep = KeepEntryForm(request.POST)
            if keep.is_valid():
                return _answer(request, correction, "", keep.cleaned_data["reason"])
    return render(
        request,
        "people/correction_answer.jinja",
        {
            "person": person,
            "correction": correction,
            "current": current,
            "correct": correct,
            "keep": keep,
            "has_errors": bool(correct.errors or keep.errors),
        },
    )


def _answer(request, correction, corrected_text: str, answer: str):
    try:
        actions.answer_correction(request, correction, corrected_text, answer)
    except actions.AlreadyAnswered:
        messages.info(request, "Someone else answered this request while you were writing. Their answer is below.")
        return redirect("people:answer_correction", pk=correction.person_id, correction_id=correction.pk)
    words = "The entry is corrected" if corrected_text else "Your answer is saved"
    messages.success(request, f"{words}. {correction.person.given_name} sees it beside the entry.")
    return redirect(_timeline(correction.person))
