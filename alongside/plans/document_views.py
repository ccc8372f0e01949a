"""The pages of the person's staying-well plan, joint crisis plan and advance statement of wishes: each as it stands
with its versions, an earlier version, a one-page printable version, and writing it (the form, then "Check your
answers", then saved once, however often the button is pressed). And the "In crisis now" flag: set and ended by a
worker who gives care, with a reason.

Each page opens the record for `Category.CARE` (see document_actions): volunteers never see these."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.language.on_save import after_saving
from alongside.people.access import open_record
from alongside.people.policy import Action, Category
from alongside.people.policy import decide as decide_by_rules

from . import document_actions as actions
from . import document_queries as queries
from .answers import STAFF
from .document_forms import CrisisForm, DocumentForm, document_initial
from .documents import BY_SLUG, CONTACT_SLOTS, CRISIS, Kind


def _kind(slug: str) -> Kind:
    kind = BY_SLUG.get(slug)
    if kind is None:
        raise Http404
    return kind


def _page(person, facts, kind: Kind, version, **more) -> dict:
    return {
        "person": person,
        "own": facts.is_self,
        "name": person.given_name,
        "kind": kind,
        "doc": version,
        "parts": _parts(kind, version, facts.is_self, person.given_name),
        "contacts": list(version.contacts.all()) if version and kind.contacts else [],
        **more,
    }


def _parts(kind: Kind, version, own: bool, name: str) -> list[tuple[str, object]]:
    """Each heading with its part of this version (or None: not written)."""
    found = {p.key: p for p in version.parts.all()} if version else {}
    return [(part.heading(own, name), found.get(part.key)) for part in kind.parts]


@access(PERSON_RECORD)
def document(request, pk, slug):
    kind = _kind(slug)
    person, _, facts = open_record(request, pk, Category.CARE, kind.viewed)
    versions = queries.document_versions(person, kind.key)
    more = {}
    if kind.key == CRISIS:
        flag, known = queries.in_crisis(person)
        more = {"flag": flag, "known": known, "history": queries.flag_history(person)}
        more["may_flag"] = actions.may_flag(facts)
    return render(
        request,
        "plans/document.jinja",
        _page(
            person,
            facts,
            kind,
            versions[0] if versions else None,
            versions=versions,
            may_write=actions.document_writer(facts) is not None,
            **more,
        ),
    )


@access(PERSON_RECORD)
def document_version(request, pk, slug, number):
    kind = _kind(slug)
    person, _, facts = open_record(request, pk, Category.CARE, kind.version_viewed)
    found = queries.document_version(person, kind.key, number)
    if found is None:
        raise Http404
    return render(request, "plans/document_version.jinja", _page(person, facts, kind, found))


@access(PERSON_RECORD)
def document_print(request, pk, slug):
    """One page to print: the document as it stands, with the person's name, NHS number and the day printed."""
    kind = _kind(slug)
    person, _, facts = open_record(request, pk, Category.CARE, kind.printed)
    latest = queries.latest_document(person, kind.key)  # none yet: its headings, to fill in by hand
    return render(
        request,
        "plans/document_print.jinja",
        _page(
            person,
            facts,
            kind,
            latest,
            printed_on=timezone.localdate(),
            identity=bool(decide_by_rules(facts, Action.READ, Category.IDENTITY)),
        ),
    )


@access(PERSON_RECORD)
def document_edit(request, pk, slug):
    """Write the document: staff who give care write it with the person; the person and their proxy write their
    own parts from their own login."""
    kind = _kind(slug)
    person, _, facts = open_record(request, pk, Category.CARE, kind.opened_for_writing)
    writer = actions.document_writer(facts)
    if writer is None:
        raise Http404
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    staff, own, name = writer == STAFF, facts.is_self, person.given_name
    latest = queries.latest_document(person, kind.key)

    def form_for(data, initial=None):
        return DocumentForm(data, initial=initial, kind=kind, staff=staff, own=own, name=name)

    form = form_for(request.POST or None, document_initial(latest))
    conflict = None
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        answers = form.answers()
        if request.POST.get("confirm") == "yes":

            def save():
                actions.save_document(
                    request,
                    person,
                    kind.key,
                    answers,
                    form.cleaned_data["based_on"],
                    staff_words=form.cleaned_data.get("whose", STAFF),
                )
                return reverse("plans:document", args=[person.pk, kind.slug])

            try:
                url, made = once(request.user, form.cleaned_data["form_key"], save)
            except PermissionDenied:
                raise Http404 from None
            except EditConflict as error:
                conflict = error.current
                post = request.POST.copy()
                post["based_on"] = str(conflict.number)
                form = form_for(post)
                form.is_valid()
            else:
                saved = f"{kind.title} saved."
                messages.success(request, f"{saved} The earlier version is kept." if latest else saved)
                if made and staff:  # the person's and their proxy's words are theirs: only staff are offered others
                    after_saving(request, form, [bound.name for bound in form.part_fields()])
                return redirect(url)
        else:
            return render(
                request,
                "plans/document_check.jinja",
                _page(
                    person,
                    facts,
                    kind,
                    latest,
                    answers=answers,
                    headings=[(part.heading(own, name), answers.parts[part.key]) for part in kind.parts],
                    raw=typed_again(request),
                    staff=staff,
                    whose=dict(form.fields["whose"].choices).get(form.cleaned_data["whose"]) if staff else "",
                ),
            )
    return render(
        request,
        "plans/document_form.jinja",
        _page(
            person,
            facts,
            kind,
            latest,
            form=form,
            staff=staff,
            conflict=conflict,
            slots=range(1, CONTACT_SLOTS + 1),
            has_errors=bool(form.errors) or conflict is not None,
        ),
    )


def _crisis_page(request, person, *, ending: bool):
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    flag = queries.open_flag(person)
    form = CrisisForm(request.POST or None, ending=ending, name=person.given_name)
    if request.method == "POST" and form.is_valid():

        def change():
            if ending:
                actions.end_crisis(request, person, form.cleaned_data["reason"])
            else:
                actions.set_crisis(request, person, form.cleaned_data["reason"])
            return reverse("people:person", args=[person.pk])

        try:
            url, _ = once(request.user, form.cleaned_data["form_key"], change)
        except PermissionDenied:
            raise Http404 from None
        if ending:
            messages.success(request, f"{person.given_name} is no longer marked as in crisis. The history is kept.")
        else:
            messages.success(request, f"{person.given_name} is marked as in crisis now.")
        return redirect(url)
    return render(
        request,
        "plans/crisis_flag.jinja",
        {
            "person": person,
            "name": person.given_name,
            "form": form,
            "ending": ending,
            "flag": flag,
            "has_errors": bool(form.errors),
        },
    )


@access(PERSON_RECORD)
def crisis_flag(request, pk):
    """Say the person is in crisis now, and why: their crisis plan then shows at the top of their page."""
    person, _, _ = open_record(request, pk, Category.CARE, "crisis_flag_opened", action=Action.WRITE)
    return _crisis_page(request, person, ending=False)


@access(PERSON_RECORD)
def crisis_end(request, pk):
    """Say the person is no longer in crisis, and why."""
    person, _, _ = open_record(request, pk, Category.CARE, "crisis_flag_end_opened", action=Action.WRITE)
    return _crisis_page(request, person, ending=True)
