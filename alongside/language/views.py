"""The administrators' language pages: each area's local terms, and the list of words that carry hope, with every
change made to it. Administrators only (the administration policy); every change goes through actions.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core.access import access
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.partners.access import ADMINISTRATION

from . import actions, queries
from .forms import EditLocalTermForm, NewLocalTermForm, NewTermForm, RemoveLocalTermForm, RewordForm, SwitchForm
from .models import WordingChange


def _found(record):
    if record is None:
        raise Http404
    return record


def _already_done(request, url):
    messages.success(request, "This was already saved: you may have pressed the button twice")
    return redirect(url)


@access(ADMINISTRATION)
def home(request):
    terms = queries.hope_list()
    return render(
        request,
        "language/home.jinja",
        {
            "areas": queries.areas(),
            "terms_on": sum(1 for t in terms if t.on),
            "terms_off": sum(1 for t in terms if not t.on),
            "terms_added": sum(1 for t in terms if not t.shipped),
        },
    )


# ----------------------------------------------------------------------------------------------- local terms


@access(ADMINISTRATION)
def area(request, pk):
    found = _found(queries.area(pk))
    return render(request, "language/area.jinja", {"area": found, "terms": queries.local_terms_of(found)})


@access(ADMINISTRATION)
def new_local_term(request, pk):
    found = _found(queries.area(pk))
    if request.method == "POST" and (previous := earlier_submission(request)):
        return _already_done(request, previous)
    form = NewLocalTermForm(request.POST or None, neighbourhood=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        url, made = once(
            request.user,
            data["form_key"],
            lambda: (
                actions.add_local_term(request, found, data["abbreviation"], data["words"])
                and reverse("language:area", args=[found.pk])
            ),
        )
        messages.success(request, f"{data['abbreviation']} added" if made else "This term was already added")
        return redirect(url)
    return render(
        request,
        "language/local_term_form.jinja",
        {"form": form, "area": found, "has_errors": bool(form.errors), "title": f"Add a local term for {found.name}"},
    )


@access(ADMINISTRATION)
def edit_local_term(request, pk):
    term = _found(queries.local_term(pk))
    initial = {"abbreviation": term.abbreviation, "words": term.words, "version": term.version}
    form = EditLocalTermForm(request.POST or None, initial=initial, neighbourhood=term.neighbourhood, instance=term)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_local_term(request, term, data["abbreviation"], data["words"], data["version"])
        except EditConflict as error:
            conflict = error.current
            form = _again(
                EditLocalTermForm, request.POST, conflict.version, neighbourhood=term.neighbourhood, instance=term
            )
        else:
            messages.success(request, f"{term.abbreviation} changed")
            return redirect("language:area", term.neighbourhood_id)
    return render(
        request,
        "language/local_term_form.jinja",
        {
            "form": form,
            "area": term.neighbourhood,
            "term": term,
            "conflict": conflict,
            "has_errors": bool(form.errors) or conflict is not None,
            "title": f"Change {term.abbreviation}",
        },
    )


@access(ADMINISTRATION)
def remove_local_term(request, pk):
    term = queries.local_term(pk)
    if term is None and request.method == "POST":
        messages.success(request, "This term was already removed")
        return redirect("language:home")
    term = _found(term)
    form = RemoveLocalTermForm(request.POST or None, initial={"version": term.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.remove_local_term(request, term, form.cleaned_data["version"])
        except EditConflict as error:
            conflict = error.current
            form = RemoveLocalTermForm(initial={"version": conflict.version})
            term = conflict
        else:
            messages.success(request, f"{term.abbreviation} removed")
            return redirect("language:area", term.neighbourhood_id)
    return render(
        request,
        "language/remove_local_term.jinja",
        {"form": form, "term": term, "conflict": conflict, "title": f"Remove {term.abbreviation}?"},
    )


def _again(form_class, post, version, **kwargs):
    """What the user typed, with the stored version, so that saving again is deliberate."""
    data = post.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


# ----------------------------------------------------------------------------------------------- words that carry hope


@access(ADMINISTRATION)
def hope_list(request):
    return render(request, "language/hope_list.jinja", {"terms": queries.hope_list(), "history": queries.history()})


@access(ADMINISTRATION)
def term(request, term_id):
    found = _found(queries.term(term_id))
    return render(request, "language/term.jinja", {"term": found, "history": queries.history(term_id)})


@access(ADMINISTRATION)
def reword(request, term_id):
    found = _found(queries.term(term_id))
    initial = {"suggestion": found.suggestion, "why": found.why, "source": found.source}
    form = RewordForm(request.POST or None, initial=initial | {"version": actions.changes_to(term_id)})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_wording(
                request,
                term_id,
                WordingChange.What.REWORD,
                data["version"],
                suggestion=data["suggestion"],
                why=data["why"],
                source=data["source"],
            )
        except actions.TermChanged as error:
            conflict = error.current
            form = _again(RewordForm, request.POST, actions.changes_to(term_id))
        else:
            messages.success(request, "Suggestion reworded")
            return redirect("language:term", term_id)
    return render(
        request,
        "language/reword.jinja",
        {
            "form": form,
            "term": found,
            "conflict": conflict,
            "has_errors": bool(form.errors) or conflict is not None,
            "title": f"Reword the suggestion for ‘{found.match[0]}’",
        },
    )


@access(ADMINISTRATION)
def switch(request, term_id):
    """Switch a term off, or back on: a page that says what it means, then the button."""
    found = _found(queries.term(term_id))
    form = SwitchForm(request.POST or None, initial={"version": actions.changes_to(term_id)})
    conflict = None
    what = WordingChange.What.SWITCH_OFF if found.on else WordingChange.What.SWITCH_ON
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_wording(request, term_id, what, form.cleaned_data["version"])
        except actions.TermChanged as error:
            conflict = error.current or found
            found = conflict
            form = SwitchForm(initial={"version": actions.changes_to(term_id)})
            what = WordingChange.What.SWITCH_OFF if found.on else WordingChange.What.SWITCH_ON
        else:
            messages.success(request, "Switched off" if what == WordingChange.What.SWITCH_OFF else "Switched back on")
            return redirect("language:term", term_id)
    title = f"Switch off ‘{found.match[0]}’?" if found.on else f"Switch ‘{found.match[0]}’ back on?"
    return render(
        request,
        "language/switch.jinja",
        {"form": form, "term": found, "conflict": conflict, "off": found.on, "title": title},
    )


@access(ADMINISTRATION)
def new_term(request):
    if request.method == "POST" and (previous := earlier_submission(request)):
        return _already_done(request, previous)
    form = NewTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add() -> str:
            term_id = actions.new_term_id(data["words"])
            actions.change_wording(
                request,
                term_id,
                WordingChange.What.ADD,
                0,
                match=data["words"],
                suggestion=data["suggestion"],
                why=data["why"],
                source=data["source"],
            )
            return reverse("language:term", args=[term_id])

        url, made = once(request.user, data["form_key"], add)
        messages.success(request, "Term added" if made else "This term was already added")
        return redirect(url)
    return render(
        request,
        "language/new_term.jinja",
        {"form": form, "has_errors": bool(form.errors), "title": "Add a term to the list"},
    )
