"""The climate pages: a team's pulse (this month, the results over six months, dialogue sessions), answering it,
and, for the team's leader, choosing its questions and planning and recording reflective dialogue sessions.

A team page for someone who is not in the team answers the site's own 404, exactly like a team that does not
exist. Administrators and information governance reviewers are refused like anyone else outside the team."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import SIGNED_IN, access
from alongside.core.forms import earlier_submission, once, typed_again
from alongside.partners.roles import leads_team

from . import actions, catalogue, queries, results
from .forms import PlanForm, PulseForm, QuestionsForm, RecordForm


def _team_url(team) -> str:
    return reverse("climate:team", args=[team.pk])


@access(SIGNED_IN)
def team(request, team_id):
    """The team's pulse, for its members in any role."""
    found = queries.member_team(request, team_id)
    if found is None:
        raise Http404
    definition = queries.definition_for(found)
    month = queries.this_month()
    months = queries.team_results(found, definition, timezone.localdate())
    return render(
        request,
        "climate/team.jinja",
        {
            "team": found,
            "definition": definition,
            "month": month,
            "answered": queries.has_answered(request, found, month),
            "months": months,
            "movements": results.movements(months, definition),
            "sessions": queries.sessions(found),
            "leads": leads_team(request, found.pk),
            "at_least": results.AT_LEAST,
            "now": timezone.now(),
        },
    )


@access(SIGNED_IN)
def answer(request, team_id):
    """This month's pulse: the form, then a check of the answers, then sent (once a month)."""
    found = queries.member_team(request, team_id)
    if found is None:
        raise Http404
    definition = queries.definition_for(found)
    month = queries.this_month()
    context = {"team": found, "definition": definition, "month": month, "team_url": _team_url(found)}
    if queries.has_answered(request, found, month):
        return render(request, "climate/answered.jinja", context)
    form = PulseForm(request.POST or None, definition=definition)
    if request.method == "POST" and form.is_valid() and "change" not in request.POST:
        if form.cleaned_data["definition"] != definition.code:
            form.add_error(None, "Your team's questions changed while you were answering. Please answer these.")
        elif "confirm" in request.POST:
            try:
                actions.answer(request, found.pk, definition.code, form.values())
            except actions.AlreadyAnswered:
                return render(request, "climate/answered.jinja", context)
            except PermissionDenied:
                raise Http404 from None
            messages.success(request, "Thank you. Your answer is saved without your name.")
            return redirect(_team_url(found))
        else:
            return render(
                request,
                "climate/check.jinja",
                context | {"chosen": form.chosen_labels(), "typed": typed_again(request)},
            )
    if "change" in request.POST:
        form = PulseForm(initial=request.POST.dict(), definition=definition)
    return render(request, "climate/answer.jinja", context | {"form": form, "has_errors": bool(form.errors)})


@access(SIGNED_IN)
def questions(request, team_id):
    """The team leader chooses which questions the team answers: the shipped ones, or one their organisation
    imported."""
    found = queries.led_team(request, team_id)
    if found is None:
        raise Http404
    current = queries.definition_for(found)
    available = catalogue.available()
    form = QuestionsForm(request.POST or None, available=available, initial={"definition": current.code})
    if request.method == "POST" and form.is_valid():
        chosen = actions.choose_questions(request, found.pk, form.cleaned_data["definition"])
        messages.success(request, f"Your team will answer: {chosen.title}")
        return redirect(_team_url(found))
    return render(
        request,
        "climate/questions.jinja",
        {"team": found, "form": form, "available": available, "has_errors": bool(form.errors)},
    )


@access(SIGNED_IN)
def plan(request, team_id):
    """The team leader plans a reflective dialogue session from the results."""
    found = queries.led_team(request, team_id)
    if found is None:
        raise Http404
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    definition = queries.definition_for(found)
    form = PlanForm(request.POST or None, definition=definition)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            actions.plan_session(
                request,
                found.pk,
                starts_at=data["starts_at"],
                minutes=data["minutes"],
                place=data["place"],
                areas=data["areas"],
                facilitator=data["facilitator"],
            )
            return _team_url(found)

        url, made = once(request.user, data["form_key"], save)
        messages.success(request, "Session planned. Your team can see it on this page." if made else "Already planned")
        return redirect(url)
    months = queries.team_results(found, definition, timezone.localdate())
    return render(
        request,
        "climate/plan.jinja",
        {
            "team": found,
            "form": form,
            "definition": definition,
            "latest": next((m for m in months if m.shown), None),
            "has_errors": bool(form.errors),
        },
    )


@access(SIGNED_IN)
def record(request, team_id, session_id):
    """The team leader records whether a session happened and its themes, once it has started."""
    found = queries.led_session(request, team_id, session_id)
    if found is None:
        raise Http404
    the_team, session = found
    form = RecordForm(request.POST or None)
    context = {"team": the_team, "session": session, "form": form, "team_url": _team_url(the_team)}
    open_to_record = session.happened is None and session.starts_at <= timezone.now()
    if open_to_record and request.method == "POST" and form.is_valid():
        try:
            actions.record_session(
                request,
                the_team.pk,
                session.pk,
                happened=form.cleaned_data["happened"],
                themes=form.cleaned_data["themes"],
            )
        except (actions.AlreadyRecorded, actions.NotYet):
            messages.success(request, "This session was recorded already, or has not started yet")
        else:
            messages.success(request, "Session recorded")
        return redirect(_team_url(the_team))
    context["has_errors"] = bool(form.errors)
    context["not_yet"] = session.starts_at > timezone.now()
    return render(request, "climate/record.jinja", context)
