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
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.partners.roles import leads_team

from . import actions, catalogue, queries, results
from .forms import CancelForm, ChangeForm, PlanForm, PulseForm, QuestionsForm, RecordForm


def _team_url(team) -> str:
    return reverse("climate:team", args=[team.pk])


@access(SIGNED_IN)
def team(request, team_id):
    """The team's pulse, for its members in any role."""
    found = queries.member_team(request, team_id)
    if found is None:
        raise Http404
    team_sets = queries.sets(found)
    definition = team_sets.current
    month = queries.this_month()
    runs = queries.team_results(found, definition, timezone.localdate())
    moved = next((run for run in runs if run.movements), None)
    return render(
        request,
        "climate/team.jinja",
        {
            "team": found,
            "definition": definition,
            "sets": team_sets,
            "month": month,
            "answered": queries.has_answered(request, found, month),
            "runs": runs,
            "moved": moved,
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


def _again(form_class, form, version: int, **kwargs):
    """The form as typed, now based on `version` (someone saved first), with an error saying so."""
    post = form.data.copy()
    post["version"] = str(version)
    again = form_class(post, **kwargs)
    again.is_valid()
    return again


@access(SIGNED_IN)
def questions(request, team_id):
    """The team leader chooses which questions the team answers from next month: the shipped ones, or one
    imported for their organisation."""
    found = queries.led_team(request, team_id)
    if found is None:
        raise Http404
    team_sets = queries.sets(found)
    available = queries.offered(found)
    form = QuestionsForm(
        request.POST or None,
        available=available,
        initial={"definition": team_sets.coming.code, "version": team_sets.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            picked = actions.choose_questions(
                request, found.pk, form.cleaned_data["definition"], form.cleaned_data["version"]
            )
        except EditConflict as changed:
            now_at = changed.current.version if changed.current else 0  # None: no choice yet (a stale or forged form)
            form = _again(QuestionsForm, form, now_at, available=available)
            team_sets = queries.sets(found)
            form.add_error(
                None,
                "Another leader of your team changed the questions while you were choosing. They chose: "
                f"{team_sets.coming.title}. Choose again if you still want to change them.",
            )
        else:
            title = catalogue.get(picked.definition).title
            messages.success(request, f"Your team will answer {title} from {picked.since.day} {picked.since:%B %Y}")
            return redirect(_team_url(found))
    return render(
        request,
        "climate/questions.jinja",
        {
            "team": found,
            "form": form,
            "available": available,
            "sets": team_sets,
            "month": queries.this_month(),
            "has_errors": bool(form.errors),
        },
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
    return _plan_page(request, found, form, definition, "climate/plan.jinja")


def _plan_page(request, found, form, definition, template, **more):
    latest = queries.latest_shown(queries.team_results(found, definition, timezone.localdate()))
    return render(
        request,
        template,
        {
            "team": found,
            "form": form,
            "definition": definition,
            "latest": latest[0] if latest else None,
            "latest_definition": latest[1] if latest else None,
            "has_errors": bool(form.errors),
        }
        | more,
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
    open_to_record = session.happened is None and not session.cancelled and session.starts_at <= timezone.now()
    if open_to_record and request.method == "POST" and form.is_valid():
        try:
            actions.record_session(
                request,
                the_team.pk,
                session.pk,
                happened=form.cleaned_data["happened"],
                themes=form.cleaned_data["themes"],
            )
        except (actions.AlreadyRecorded, actions.NotYet, actions.Cancelled):
            messages.success(request, "This session was cancelled, recorded already, or has not started yet")
        else:
            messages.success(request, "Session recorded")
        return redirect(_team_url(the_team))
    context["has_errors"] = bool(form.errors)
    context["not_yet"] = session.starts_at > timezone.now()
    return render(request, "climate/record.jinja", context)


def _local(moment):
    return timezone.localtime(moment)


@access(SIGNED_IN)
def change(request, team_id, session_id):
    """The team leader changes a planned session before it starts; a change someone saved first is not lost."""
    found = queries.led_session(request, team_id, session_id)
    if found is None:
        raise Http404
    the_team, session = found
    definition = queries.definition_for(the_team)
    closed = session.cancelled or session.happened is not None or session.starts_at <= timezone.now()
    starts = _local(session.starts_at)
    initial = {
        "day": starts.date(),
        "start": starts.strftime("%H:%M"),
        "minutes": session.minutes,
        "place": session.place,
        "areas": session.areas,
        "facilitator": session.facilitator,
        "version": session.version,
    }
    form = ChangeForm(request.POST or None, initial=initial, definition=definition)
    if not closed and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_session(
                request,
                the_team.pk,
                session.pk,
                data["version"],
                starts_at=data["starts_at"],
                minutes=data["minutes"],
                place=data["place"],
                areas=data["areas"],
                facilitator=data["facilitator"],
            )
        except EditConflict as changed:
            form = _again(ChangeForm, form, changed.current.version, definition=definition)
            form.add_error(
                None,
                "Someone changed this session while you were changing it. Check what is saved on the team's page, "
                "then save your changes again if you still want them.",
            )
        except (actions.Cancelled, actions.Started):
            messages.success(request, "This session was cancelled or has started, so it was not changed")
            return redirect(_team_url(the_team))
        else:
            messages.success(request, "Session changed. Your team can see the new details on this page.")
            return redirect(_team_url(the_team))
    return _plan_page(request, the_team, form, definition, "climate/change.jinja", session=session, closed=closed)


@access(SIGNED_IN)
def cancel(request, team_id, session_id):
    """The team leader cancels a planned session with a reason, after a page asking if they are sure. It is kept
    and shown as cancelled."""
    found = queries.led_session(request, team_id, session_id)
    if found is None:
        raise Http404
    the_team, session = found
    closed = session.cancelled or session.happened is not None or session.starts_at <= timezone.now()
    form = CancelForm(request.POST or None, initial={"version": session.version})
    context = {
        "team": the_team,
        "session": session,
        "team_url": _team_url(the_team),
        "closed": closed,
        "definition": queries.definition_for(the_team),
    }
    if not closed and request.method == "POST" and form.is_valid() and "change" not in request.POST:
        if "confirm" not in request.POST:
            return render(
                request,
                "climate/cancel_check.jinja",
                context | {"reason": form.cleaned_data["reason"], "typed": typed_again(request)},
            )
        try:
            actions.cancel_session(
                request, the_team.pk, session.pk, form.cleaned_data["version"], reason=form.cleaned_data["reason"]
            )
        except EditConflict as changed:
            form = _again(CancelForm, form, changed.current.version)
            form.add_error(
                None,
                "Someone changed this session after you opened this page. Check its details on the team's page, "
                "then cancel it again if you still want to.",
            )
        except (actions.Cancelled, actions.Started):
            messages.success(request, "This session was cancelled already or has started")
            return redirect(_team_url(the_team))
        else:
            messages.success(request, "Session cancelled. Your team will see that it is cancelled, and why.")
            return redirect(_team_url(the_team))
    if "change" in request.POST:
        form = CancelForm(initial=request.POST.dict())
    return render(request, "climate/cancel.jinja", context | {"form": form, "has_errors": bool(form.errors)})
