from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core import registry
from alongside.core.access import PERSON_RECORD, access
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.language.on_save import after_saving

from . import actions, record
from .access import allowed_categories, open_record
from .forms import (
    AmendForm,
    CommunicationForm,
    EndRelationshipForm,
    EntryForm,
    NewRelationshipForm,
    OwnNoteForm,
    PersonDetailsForm,
    SharedWithVolunteersForm,
    StoryForm,
    SupporterForm,
)
from .policy import Action, Basis, Category
from .record import STORY_PARTS, read_record, relationship_kinds
from .sections import STORY_PROMPTS

PARTS = STORY_PARTS


@access(PERSON_RECORD)
def person(request, pk):
    """The whole picture of one person: the sections every app contributes, each where the policy allows it."""
    opened = read_record(request, pk, "person_viewed")
    sections = []
    for section in registry.person_sections():
        context = section.context(request, opened)
        if context is not None:
            sections.append((section.template, context))
    context = {
        "record": opened,
        "person": opened.person,
        "basis": opened.basis,
        "shown": opened.shown,
        "writable": opened.writable,
        "Category": Category,
        "sections": sections,
    }
    return render(request, "people/person.jinja", context)


@access(PERSON_RECORD)
def story_history(request, pk, part):
    if part not in PARTS:
        raise Http404
    person, _, _ = open_record(request, pk, Category.STORY, "story_history_viewed")
    versions = record.story_versions(person, part)
    return render(request, "people/story_history.jinja", {"person": person, "part": PARTS[part], "versions": versions})


@access(PERSON_RECORD)
def edit_story(request, pk, part):
    if part not in PARTS:
        raise Http404
    person, decision, _ = open_record(request, pk, Category.STORY, "story_opened_for_writing", action=Action.WRITE)
    own = decision.basis == Basis.SELF
    # The person's words, and their proxy's, are theirs: only staff writing them are offered other words.
    own_words = decision.basis in (Basis.SELF, Basis.PROXY)
    latest = record.latest_story_version(person, part)
    initial = {"text": latest.text if latest else "", "based_on": latest.number if latest else 0}
    form = StoryForm(request.POST or None, initial=initial, own=own)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with_person = own or data["written_with_person"]  # the person's own words are written with them
        try:
            actions.add_story_version(
                request, person, part, data["text"], data["reason"], with_person, data["based_on"]
            )
        except actions.StoryConflict as error:
            conflict = error.latest
            post = request.POST.copy()
            post["based_on"] = str(conflict.number)
            form = StoryForm(post, own=own)
            form.is_valid()
        else:
            messages.success(request, f"{PARTS[part]} saved. The earlier version is kept in its history.")
            if not own_words:
                after_saving(request, form, ["text"])  # what could be written instead, never blocking
            return redirect("people:person", pk=person.pk)
    return render(
        request,
        "people/story_form.jinja",
        {
            "person": person,
            "part": PARTS[part],
            "prompt": STORY_PROMPTS[part][1 if own else 0],
            "own": own,
            "own_words": own_words,
            "form": form,
            "conflict": conflict,
            "has_errors": bool(form.errors) or conflict is not None,
        },
    )


@access(PERSON_RECORD)
def new_entry(request, pk):
    person, _, _ = open_record(request, pk, Category.CARE, "entry_form_opened", action=Action.WRITE)
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add():
            actions.add_entry(request, person, data["kind"], data["text"], data["restricted"])
            return reverse("people:person", args=[person.pk])

        url, made = once(request.user, data["form_key"], add)
        messages.success(request, "Entry added to the timeline")
        if made:
            after_saving(request, form, ["text"])  # what could be written instead, never blocking
        return redirect(url)
    return render(request, "people/entry_form.jinja", {"person": person, "form": form, "has_errors": bool(form.errors)})


@access(PERSON_RECORD)
def new_own_note(request, pk):
    """The person, or their proxy, adds a note of their own to the timeline."""
    person, _, _ = open_record(request, pk, Category.OWN_NOTES, "own_note_form_opened", action=Action.WRITE)
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = OwnNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add():
            actions.add_own_note(request, person, data["text"])
            return reverse("people:person", args=[person.pk])  # the top, where the success message shows

        url, _ = once(request.user, data["form_key"], add)
        messages.success(request, "Your note is on your timeline")
        return redirect(url)
    return render(
        request, "people/own_note_form.jinja", {"person": person, "form": form, "has_errors": bool(form.errors)}
    )


@access(PERSON_RECORD)
def amend_entry(request, pk, entry_id):
    """Correct an entry: staff correct what staff wrote, the person and their proxy their own notes."""
    entry = record.original_entry(pk, entry_id)
    category = actions.entry_category(entry) if entry else Category.CARE
    person, _, facts = open_record(request, pk, category, "entry_opened_for_amending", action=Action.WRITE)
    if entry is None or entry.author_id is None:  # no author: a community service's answer, no one's to correct
        raise Http404
    if entry.restricted and Category.RESTRICTED not in allowed_categories(facts):
        raise Http404
    latest = record.current_version(entry)
    form = AmendForm(request.POST or None, initial={"text": latest.text})
    if request.method == "POST" and form.is_valid():
        actions.amend_entry(request, entry, form.cleaned_data["text"], form.cleaned_data["reason"])
        messages.success(request, "Entry corrected. The original stays in its history.")
        return redirect(reverse("people:person", args=[person.pk]))
    return render(
        request,
        "people/amend_form.jinja",
        {"person": person, "entry": entry, "latest": latest, "form": form, "has_errors": bool(form.errors)},
    )


@access(PERSON_RECORD)
def edit_communication(request, pk):
    """How best to communicate with the person: theirs to say, and staff's to record with them."""
    person, _, _ = open_record(request, pk, Category.COMMUNICATION, "communication_opened", action=Action.WRITE)
    initial = {"communication_needs": person.communication_needs, "version": person.version}
    form = CommunicationForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_communication_needs(
                request, person, form.cleaned_data["communication_needs"], form.cleaned_data["version"]
            )
        except EditConflict as error:
            conflict = error.current
            post = request.POST.copy()
            post["version"] = str(conflict.version)
            form = CommunicationForm(post)
            form.is_valid()
        else:
            messages.success(request, "Saved. Everyone caring for you sees this.")
            return redirect("people:person", pk=person.pk)
    return render(
        request,
        "people/communication_form.jinja",
        {"person": person, "form": form, "conflict": conflict, "has_errors": bool(form.errors) or conflict is not None},
    )


@access(PERSON_RECORD)
def edit_details(request, pk):
    person, _, facts = open_record(request, pk, Category.IDENTITY, "details_opened_for_writing", action=Action.WRITE)
    if not {Category.CONTACT, Category.COMMUNICATION} <= allowed_categories(facts, Action.WRITE):
        raise Http404
    initial = {f: getattr(person, f) for f in actions.DETAIL_FIELDS if f != "birth_date"} | {
        "birth_day": person.birth_date.day,
        "birth_month": person.birth_date.month,
        "birth_year": person.birth_date.year,
        "nhs_number": person.nhs_number or "",
        "version": person.version,
    }
    form = PersonDetailsForm(request.POST or None, initial=initial, person=person)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_details(request, person, form.cleaned_data, form.cleaned_data["version"])
        except EditConflict as error:
            conflict = error.current
            post = request.POST.copy()
            post["version"] = str(conflict.version)
            form = PersonDetailsForm(post, person=person)
            form.is_valid()
        else:
            messages.success(request, "Details saved")
            return redirect("people:person", pk=person.pk)
    return render(
        request,
        "people/details_form.jinja",
        {"person": person, "form": form, "conflict": conflict, "has_errors": bool(form.errors) or conflict is not None},
    )


@access(PERSON_RECORD)
def new_relationship(request, pk):
    person, _, facts = open_record(request, pk, Category.NAME, "relationship_form_opened")
    kinds = relationship_kinds(facts)
    if not kinds:
        raise Http404
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = NewRelationshipForm(request.POST or None, kinds=kinds, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add():
            actions.add_relationship(request, person, data["kind"], user=data.get("user"), team=data.get("team"))
            return reverse("people:person", args=[person.pk])

        url, _ = once(request.user, data["form_key"], add)
        messages.success(request, "Added. Their access starts straight away.")
        return redirect(url)
    return render(
        request, "people/relationship_form.jinja", {"person": person, "form": form, "has_errors": bool(form.errors)}
    )


@access(PERSON_RECORD)
def end_relationship(request, pk, relationship_id):
    person, _, facts = open_record(request, pk, Category.NAME, "relationship_end_opened")
    relationship = record.relationship_of(person, relationship_id)
    if relationship is None or relationship.kind not in dict(relationship_kinds(facts)):
        raise Http404
    if relationship.ended_at is not None:
        return redirect(reverse("people:person", args=[person.pk]))
    form = EndRelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.end_relationship(request, relationship, form.cleaned_data["reason"])
        messages.success(request, f"Ended. {relationship.holder} no longer has access through this.")
        return redirect(reverse("people:person", args=[person.pk]))
    return render(
        request,
        "people/end_relationship.jinja",
        {"person": person, "relationship": relationship, "form": form, "has_errors": bool(form.errors)},
    )


@access(PERSON_RECORD)
def new_supporter(request, pk):
    person, _, _ = open_record(request, pk, Category.KEY_CONTACTS, "supporter_form_opened", action=Action.WRITE)
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = SupporterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def add():
            actions.add_supporter(request, person, form.cleaned_data)
            return reverse("people:person", args=[person.pk])

        url, _ = once(request.user, form.cleaned_data["form_key"], add)
        messages.success(request, f"{form.cleaned_data['name']} added to the people around {person.given_name}")
        return redirect(url)
    return render(
        request, "people/supporter_form.jinja", {"person": person, "form": form, "has_errors": bool(form.errors)}
    )


@access(PERSON_RECORD)
def end_supporter(request, pk, supporter_id):
    person, _, _ = open_record(request, pk, Category.KEY_CONTACTS, "supporter_end_opened", action=Action.WRITE)
    supporter = record.supporter_of(person, supporter_id)
    if supporter is None:
        raise Http404
    if request.method == "POST":
        actions.end_supporter(request, supporter)
        messages.success(request, f"{supporter.name} is no longer listed as a current contact")
        return redirect(reverse("people:person", args=[person.pk]))
    return render(request, "people/end_supporter.jinja", {"person": person, "supporter": supporter})


@access(PERSON_RECORD)
def edit_shared_with_volunteers(request, pk):
    person, _, _ = open_record(
        request, pk, Category.SHARED_WITH_VOLUNTEERS, "shared_with_volunteers_opened", action=Action.WRITE
    )
    form = SharedWithVolunteersForm(request.POST or None, initial={"text": person.shared_with_volunteers})
    if request.method == "POST" and form.is_valid():
        actions.update_shared_with_volunteers(request, person, form.cleaned_data["text"])
        messages.success(request, "Saved. Volunteers visiting now see this.")
        return redirect("people:person", pk=person.pk)
    return render(
        request,
        "people/shared_with_volunteers_form.jinja",
        {"person": person, "form": form, "has_errors": bool(form.errors)},
    )
