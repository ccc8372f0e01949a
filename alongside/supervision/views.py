"""Supervision's pages: a team's supervision and reflective practice, who has had supervision lately, booking a
session in protected time, saying it happened (or not, and why), moving it (saying why), and recording a team's
reflective practice session (and its leader changing it). Anyone not to see a page gets the site's own 404, like
a page that does not exist."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core import registry
from alongside.core.access import SIGNED_IN, access
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again

from . import actions, queries, teams
from .coverage import WINDOW, Standing
from .forms import BookForm, MoveForm, RecordForm, ReflectiveEditForm, ReflectiveForm
from .models import SupervisionSession


def _team(request, team_id: int):
    team = teams.team_of(request, team_id)
    if team is None:
        raise Http404
    return team


def _session(request, pk: int) -> SupervisionSession:
    found = queries.session(pk)
    if found is None or not teams.sees_session(request, found, {s.user_id for s in found.supervisees.all()}):
        raise Http404
    return found


@access(SIGNED_IN)
def team(request, team_id):
    """The team's supervision: a leader sees every session, anyone else their own; and the reflective practice."""
    the_team = _team(request, team_id)
    leader = teams.leads(request, team_id)
    today = timezone.localdate()
    found = queries.team_sessions(team_id, None if leader else request.user.pk)
    past = [s for s in found if s.status != "booked"]
    return render(
        request,
        "supervision/team.jinja",
        {
            "team": the_team,
            "leader": leader,
            "upcoming": sorted(
                (s for s in found if s.status == "booked" and s.held_on >= today),
                key=lambda s: (s.held_on, s.starts_at),
            ),
            "to_record": [s for s in found if s.status == "booked" and s.held_on < today],
            # the last 6 weeks in full; older ones folded away, so the page stays short
            "recent": [s for s in past if today - s.held_on <= WINDOW],
            "older": [s for s in past if today - s.held_on > WINDOW],
            "reflective": queries.reflective_sessions(team_id),
            "today": today,
        },
    )


@access(SIGNED_IN)
def coverage(request, team_id):
    """Who has had supervision in the last 6 weeks: every name for a leader, the user's own line for anyone else."""
    the_team = _team(request, team_id)
    leader = teams.leads(request, team_id)
    rows = queries.team_coverage(team_id)
    counted = [line for _, line in rows if line.standing != Standing.NEW]
    had = sum(1 for line in counted if line.standing == Standing.HAD)
    if not leader:
        rows = [(m, line) for m, line in rows if m.user_id == request.user.pk]
    return render(
        request,
        "supervision/coverage.jinja",
        {"team": the_team, "leader": leader, "rows": rows, "had": had, "of": len(counted)},
    )


@access(SIGNED_IN)
def book(request, team_id):
    """Book a session in protected time: write, check, book."""
    the_team = _team(request, team_id)
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This session was already booked: you may have pressed the button twice")
        return redirect(previous)
    members = queries.care_members(team_id)
    form = BookForm(request.POST or None, members=members)
    leader = teams.leads(request, team_id)
    stage = "write"
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        data = form.cleaned_data
        me = str(request.user.pk)
        if not leader and me != data["supervisor"] and me not in data["supervisees"]:
            form.add_error(
                "supervisor",
                "You can book a session you take part in: choose yourself as the supervisor or tick your own name",
            )
        elif "confirm" not in request.POST:
            stage = "check"
        else:

            def make() -> str:
                made = actions.book(
                    request,
                    team_id,
                    kind=data["kind"],
                    supervisor_id=int(data["supervisor"]),
                    supervisee_ids=[int(pk) for pk in data["supervisees"]],
                    held_on=data["held_on"],
                    starts_at=data["starts_at"],
                    minutes=int(data["minutes"]),
                )
                return reverse("supervision:session", args=[made.pk])

            url, made = once(request.user, data["form_key"], make)
            messages.success(request, "Session booked in protected time" if made else "This session was already booked")
            return redirect(url)
    names = {str(m.user_id): m.user.display_name for m in members}
    return render(
        request,
        "supervision/book.jinja",
        {
            "team": the_team,
            "form": form,
            "stage": stage,
            "names": names,
            "typed": typed_again(request),
            "has_errors": bool(form.errors),
        },
    )


@access(SIGNED_IN)
def session(request, pk):
    found = _session(request, pk)
    people = {s.user_id for s in found.supervisees.all()}
    return render(
        request,
        "supervision/session.jinja",
        {
            "session": found,
            "takes_part": teams.takes_part(request, found, people),
            "day_has_come": found.held_on <= timezone.localdate(),
            "booked": found.status == SupervisionSession.Status.BOOKED,
        },
    )


def _restarted(form_class, form, current_version: int):
    data = form.data.copy()
    data["version"] = str(current_version)
    again = form_class(data)
    again.is_valid()
    return again


@access(SIGNED_IN)
def record(request, pk):
    """The supervisor or a supervisee says it happened, or that it did not and why. Nothing about what was said."""
    found = _session(request, pk)
    if not teams.takes_part(request, found, {s.user_id for s in found.supervisees.all()}):
        raise Http404
    if found.status != SupervisionSession.Status.BOOKED:
        messages.success(request, "This session has already been recorded")
        return redirect("supervision:session", pk=found.pk)
    if actions.not_started(found):  # said up front, with no form: nothing can be recorded yet
        return render(request, "supervision/record.jinja", {"session": found, "too_early": True})
    form = RecordForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record(
                request, found, data["version"], happened=data["happened"] == "yes", why_not=data["why_not"].strip()
            )
        except (EditConflict, actions.NotBooked):
            messages.success(
                request, "Someone else recorded this session while you were on the page. This is what they saved"
            )
            return redirect("supervision:session", pk=found.pk)
        messages.success(request, "Thank you: the session is recorded")
        return redirect("supervision:session", pk=found.pk)
    return render(
        request, "supervision/record.jinja", {"session": found, "form": form, "has_errors": bool(form.errors)}
    )


@access(SIGNED_IN)
def move(request, pk):
    """Move a booked session, saying why."""
    found = _session(request, pk)
    if found.status != SupervisionSession.Status.BOOKED:
        raise Http404
    form = MoveForm(request.POST or None, initial={"version": found.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.move(
                request,
                found,
                data["version"],
                held_on=data["held_on"],
                starts_at=data["starts_at"],
                because=data["because"].strip(),
            )
        except EditConflict as changed:
            found = _session(request, pk)
            conflict = True
            form = _restarted(MoveForm, form, changed.current.version)
        except actions.NotBooked:
            raise Http404 from None
        else:
            messages.success(request, "Session moved")
            return redirect("supervision:session", pk=found.pk)
    return render(
        request,
        "supervision/move.jinja",
        {"session": found, "form": form, "conflict": conflict, "has_errors": bool(form.errors) or conflict},
    )


@access(SIGNED_IN)
def new_reflective(request, team_id):
    the_team = _team(request, team_id)
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This session was already recorded: you may have pressed the button twice")
        return redirect(previous)
    form = ReflectiveForm(request.POST or None, members=queries.care_members(team_id))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make() -> str:
            made = actions.record_reflective(
                request,
                team_id,
                held_on=data["held_on"],
                facilitator=data["facilitator"].strip(),
                themes=data["themes"].strip(),
                attended=[int(pk) for pk in data["attended"]],
            )
            return reverse("supervision:reflective", args=[made.pk])

        url, made = once(request.user, data["form_key"], make)
        messages.success(
            request, "Reflective practice session recorded" if made else "This session was already recorded"
        )
        return redirect(url)
    return render(
        request, "supervision/reflective_form.jinja", {"team": the_team, "form": form, "has_errors": bool(form.errors)}
    )


@access(SIGNED_IN)
def reflective(request, pk):
    """A reflective practice session, with the team's anonymous reflection patterns beside it."""
    found = queries.reflective(pk)
    if found is None or teams.team_of(request, found.team_id) is None:
        raise Http404
    panel = registry.team_panel("reflection patterns")
    patterns = panel.context(request, found.team) if panel else None
    return render(
        request,
        "supervision/reflective.jinja",
        {
            "found": found,
            "came": sorted(found.attended.all(), key=lambda u: (u.last_name, u.first_name)),
            "patterns": (panel.template, patterns) if panel and patterns is not None else None,
            "may_change": teams.leads(request, found.team_id),
        },
    )


@access(SIGNED_IN)
def change_reflective(request, pk):
    """The team's leader changes a reflective practice session; a change that crosses another is shown, not lost."""
    found = queries.reflective(pk)
    if found is None or not teams.leads(request, found.team_id):
        raise Http404
    members = queries.care_members(found.team_id)
    came = list(found.attended.all())
    initial = {
        "version": found.version,
        "held_on": found.held_on,
        "facilitator": found.facilitator,
        "themes": found.themes,
        "attended": [str(u.pk) for u in came],
    }
    form = ReflectiveEditForm(request.POST or None, initial=initial, members=members, came=came)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_reflective(
                request,
                found,
                data["version"],
                held_on=data["held_on"],
                facilitator=data["facilitator"].strip(),
                themes=data["themes"].strip(),
                attended=[int(pk) for pk in data["attended"]],
            )
        except EditConflict as changed:
            conflict = True
            data = form.data.copy()
            data["version"] = str(changed.current.version)
            form = ReflectiveEditForm(data, members=members, came=came)
            form.is_valid()
            found = queries.reflective(pk)
        else:
            messages.success(request, "Reflective practice session changed")
            return redirect("supervision:reflective", pk=found.pk)
    return render(
        request,
        "supervision/reflective_form.jinja",
        {
            "team": found.team,
            "found": found,
            "form": form,
            "conflict": conflict,
            "has_errors": bool(form.errors) or conflict,
        },
    )
