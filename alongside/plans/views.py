"""The plan's pages: the plan as it stands with its versions, an earlier version, and writing it (the form, then
"Check your answers", then saved once, however often the button is pressed)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Textarea
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core.access import PERSON_RECORD, access
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.language.on_save import after_saving
from alongside.people.access import open_record
from alongside.people.policy import Action, Category
from alongside.people.policy import decide as decide_by_rules

from . import actions, document_queries, queries
from .answers import PROXY, STAFF
from .documents import KINDS
from .forms import GOAL_SLOTS, PlanForm, initial_for


def _page(person, facts, plan, **more) -> dict:
    own = facts.is_self
    return {
        "person": person,
        "own": own,
        "plan": plan,
        "name": person.given_name,
        "what_matters": queries.story_part(person, "what_matters"),
        **more,
    }


@access(PERSON_RECORD)
def plan(request, pk):
    person, _, facts = open_record(request, pk, Category.STORY, "plan_viewed")
    versions = queries.plan_versions(person)
    may_write = actions.writer_for(facts) is not None
    # the other documents hold care detail: listed for those who may read the person's care (document_actions)
    written = document_queries.which_written(person) if decide_by_rules(facts, Action.READ, Category.CARE) else None
    documents = [(kind, written.get(key)) for key, kind in KINDS.items()] if written is not None else []
    return render(
        request,
        "plans/plan.jinja",
        _page(
            person,
            facts,
            versions[0] if versions else None,
            versions=versions,
            may_write=may_write,
            documents=documents,
        ),
    )


@access(PERSON_RECORD)
def version(request, pk, number):
    person, _, facts = open_record(request, pk, Category.STORY, "plan_version_viewed")
    found = queries.plan_version(person, number)
    if found is None:
        raise Http404
    return render(request, "plans/version.jinja", _page(person, facts, found))


@access(PERSON_RECORD)
def edit(request, pk):
    """Write the plan: staff who may write the record write all of it with the person; the person and their proxy
    write their own parts from their own login."""
    person, _, facts = open_record(request, pk, Category.STORY, "plan_opened_for_writing", action=Action.WRITE)
    writer = actions.writer_for(facts)
    if writer is None:
        raise Http404
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    staff = writer == STAFF
    latest = queries.latest_plan(person)
    told = queries.story_part(person, "strengths")
    own = facts.is_self
    form = PlanForm(
        request.POST or None,
        initial=initial_for(latest, told.text if told else ""),
        staff=staff,
        name=person.given_name,
        own=own,
    )
    conflict = None
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        answers = form.answers()
        if request.POST.get("confirm") == "yes":

            def save():
                actions.save_plan(
                    request,
                    person,
                    answers,
                    form.cleaned_data["based_on"],
                    staff_words=form.cleaned_data.get("whose", STAFF),
                )
                return reverse("plans:plan", args=[person.pk])

            try:
                url, made = once(request.user, form.cleaned_data["form_key"], save)
            except PermissionDenied:
                raise Http404 from None
            except EditConflict as error:
                conflict = error.current
                post = request.POST.copy()
                post["based_on"] = str(conflict.number)
                form = PlanForm(post, staff=staff, name=person.given_name, own=own)
                form.is_valid()
            else:
                messages.success(request, "Plan saved. The earlier version is kept." if latest else "Plan saved.")
                if made and staff:  # the person's and their proxy's words are theirs: only staff are offered others
                    after_saving(request, form, [n for n, f in form.fields.items() if isinstance(f.widget, Textarea)])
                return redirect(url)
        else:
            return render(
                request,
                "plans/check.jinja",
                _page(
                    person,
                    facts,
                    latest,
                    answers=answers,
                    raw=typed_again(request),
                    staff=staff,
                    whose=dict(form.fields["whose"].choices).get(form.cleaned_data["whose"]) if staff else "",
                ),
            )
    return render(
        request,
        "plans/form.jinja",
        _page(
            person,
            facts,
            latest,
            form=form,
            staff=staff,
            proxy=writer == PROXY,
            conflict=conflict,
            slots=range(1, GOAL_SLOTS + 1),
            has_errors=bool(form.errors) or conflict is not None,
        ),
    )
