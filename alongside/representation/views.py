"""The representation pages: the events across the partnership, adding one (checked before it is saved),
changing one and cancelling one (administrators), a team's rota with
who goes and why, changing who goes (the team's leader, checked before it is saved), recording who went, the note
for the team after an event, and saying you cannot go."""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from alongside.core.access import access, roles
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.partners.models import Role
from alongside.partners.roles import leads_team, member_team_ids

from . import actions, queries, rota
from .forms import (
    NOBODY,
    AttendanceForm,
    CancelForm,
    ChooseForm,
    EditEventForm,
    EventForm,
    NoteForm,
    by_last_name,
)
from .models import Event

STAFF = roles(*[r.value for r in Role], name="anyone working in a team")
ADMINS = roles(Role.ADMIN, name="administrators")
PLACE_LABELS = {rota.Place.CARRIES_ON: "Carries on from last time", rota.Place.NEW: "New this time"}


def _with_version(data, version: int):
    """What was typed, to try again from the version that now stands."""
    again = data.copy()
    again["version"] = str(version)
    return again


def _team_page(team_id: int) -> str:
    return reverse("representation:team", args=[team_id])


@access(STAFF)
def events(request):
    """Every event for administrators and team leaders; the events their own teams are asked to for the rest."""
    found = list(queries.events_for(request))
    return render(
        request,
        "representation/events.jinja",
        {
            "events": found,
            "today": timezone.localdate(),
            "may_add": actions.is_admin(request),
            "manages": {e.pk for e in found if actions.may_manage(request, e)},
            "mine": set(member_team_ids(request)),
        },
    )


EVENT_ROWS = (("name", "Name"), ("kind", "Kind of event"), ("date", "Date"), ("place", "Where"), ("teams", "Teams"))


def _event_rows(form: EventForm) -> list[dict]:
    """The check page's rows: each answer as typed, with the id of its question, which its Change button goes back
    to (a POST of everything typed, so nothing goes into the address)."""
    data = form.cleaned_data
    teams = dict(form.fields["teams"].choices)
    shown = {
        "name": data["name"],
        "kind": Event.Kind(data["kind"]).label,
        "date": f"{data['date']:%-d %B %Y}",
        "place": data["place"],
        "teams": [teams[t] for t in data["teams"]],
    }
    rows = EVENT_ROWS
    if "organisation" in form.fields:
        shown["organisation"] = form.planner.name
        rows = (*EVENT_ROWS, ("organisation", "Planned by"))
    return [{"key": key, "label": label, "value": shown[key], "question": form[key].auto_id} for key, label in rows]


@access(ADMINS)
def add_event(request):
    """An administrator says what the event is and which teams send two people, checks it, then adds it once."""
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    teams = queries.all_teams()
    organisations = queries.organisations(actions.admin_organisation_ids(request))
    form = EventForm(request.POST or None, teams=teams, organisations=organisations)
    # a Change button on the check page posts back everything typed, to show the form again as it was
    changing = "change" in request.POST
    if request.method == "POST" and not changing and form.is_valid():
        data = form.cleaned_data
        if "confirm" in request.POST:

            def create() -> str:
                actions.add_event(
                    request,
                    data["name"],
                    data["kind"],
                    data["date"],
                    data["place"],
                    [int(t) for t in data["teams"]],
                    organisation_id=form.planner.pk,
                )
                return reverse("representation:events")

            url, _ = once(request.user, data["form_key"], create)
            messages.success(request, f"{data['name']} added. Each team's rota now includes it.")
            return redirect(url)
        return render(
            request, "representation/add_event_check.jinja", {"rows": _event_rows(form), "typed": typed_again(request)}
        )
    return render(
        request, "representation/add_event.jinja", {"form": form, "has_errors": not changing and bool(form.errors)}
    )


@access(ADMINS)
def edit_event(request, event_id):
    """An administrator changes a coming event's name, kind, date or place. A change made meanwhile by someone else
    is never overwritten: the page says so and keeps what was typed."""
    event = queries.coming_event(event_id, timezone.localdate())
    if event is None or not actions.may_manage(request, event):  # another organisation's event: as for none
        raise Http404
    initial = {f: getattr(event, f) for f in ("name", "kind", "date", "place")} | {"version": event.version}
    form = EditEventForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.edit_event(
                request, event.pk, data["version"], data["name"], data["kind"], data["date"], data["place"]
            )
        except EditConflict as stale:
            conflict = True
            form = EditEventForm(_with_version(request.POST, stale.current.version))
            form.is_valid()
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, f"{data['name']} is changed. Each team's rota shows it.")
            return redirect(reverse("representation:events"))
    return render(
        request,
        "representation/edit_event.jinja",
        {"event": event, "form": form, "conflict": conflict, "has_errors": bool(form.errors)},
    )


@access(ADMINS)
def cancel_event(request, event_id):
    """An administrator cancels a coming event with a reason, checks it, then cancels it. It keeps its record."""
    event = queries.coming_event(event_id, timezone.localdate())
    if event is None or not actions.may_manage(request, event):  # another organisation's event: as for none
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = CancelForm(data, initial={"version": event.version})
    stage, conflict = "reason", False
    if data is not None and "change" not in data and form.is_valid():
        if "confirm" not in data:
            stage = "check"
        else:
            try:
                actions.cancel_event(request, event.pk, form.cleaned_data["version"], form.cleaned_data["reason"])
            except EditConflict as stale:
                conflict = True
                form = CancelForm(_with_version(data, stale.current.version))
                form.is_valid()
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, f"{event.name} is cancelled. The teams asked to it can see why.")
                return redirect(reverse("representation:events"))
    return render(
        request,
        "representation/cancel_event.jinja",
        {
            "event": event,
            "form": form,
            "stage": stage,
            "conflict": conflict,
            "typed": typed_again(request),
            "has_errors": bool(form.errors),
        },
    )


def _found(request, team_id: int, event_id: int | None = None):
    team = queries.member_team(request, team_id)
    if team is None:
        raise Http404
    found = queries.team_rota(team, timezone.localdate())
    if event_id is None:
        return found, None
    row = queries.row_for(found, event_id)
    if row is None or row.event.cancelled:  # a cancelled event takes no choice, attendance, note or cannot-go
        raise Http404
    return found, row


@access(STAFF)
def team(request, team_id):
    """The team's rota: who goes to each coming event and why, and for past ones who went and their note."""
    found, _ = _found(request, team_id)
    return render(
        request,
        "representation/team.jinja",
        {
            "found": found,
            "leads": leads_team(request, team_id),
            "me": request.user.pk,
            "labels": PLACE_LABELS,
        },
    )


def _chosen(request, row: queries.Row, data: dict) -> list[rota.Seat]:
    """The two places as chosen: a place kept as proposed keeps its reason; a changed one says who chose it."""
    seats = []
    for seat, name in zip(row.rota.seats, ("first", "second"), strict=True):
        member = None if data[name] == NOBODY else int(data[name])
        if member == seat.member:
            seats.append(seat)
        elif member is None:
            seats.append(replace(seat, member=None, reason=f"Left empty by {request.user.display_name}."))
        else:
            seats.append(replace(seat, member=member, reason=f"Chosen by {request.user.display_name}."))
    return seats


@access(STAFF)
def choose(request, team_id, event_id):
    """The team's leader changes who goes to a coming event, checks the change, then saves it."""
    found, row = _found(request, team_id, event_id)
    if not leads_team(request, team_id) or row.past:
        raise Http404
    labels = tuple(PLACE_LABELS[s.place] for s in row.rota.seats)
    initial = {
        "version": row.invitation.version,
        **{n: str(s.member) if s.member else NOBODY for n, s in zip(("first", "second"), row.rota.seats, strict=True)},
    }
    data = request.POST if request.method == "POST" else None
    form = ChooseForm(data, initial=initial, members=found.members, labels=labels, cannot_go=row.cannot_go)
    stage, conflict = "choose", False
    if data is not None and "change" not in data and form.is_valid():
        seats = _chosen(request, row, form.cleaned_data)
        if "confirm" not in data:
            stage = "check"
            chosen = [(s, row.names.get(s.member, "") if s.member else "") for s in seats]
        else:
            try:
                actions.choose(request, team_id, event_id, form.cleaned_data["version"], seats)
            except EditConflict as stale:
                conflict = True
                form = ChooseForm(
                    _with_version(data, stale.current.version),
                    members=found.members,
                    labels=labels,
                    cannot_go=row.cannot_go,
                )
                form.is_valid()
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, f"Saved who goes to {row.event.name}")
                return redirect(_team_page(team_id))
    return render(
        request,
        "representation/choose.jinja",
        {
            "found": found,
            "row": row,
            "by_last_name": sorted(found.members, key=by_last_name),
            "form": form,
            "stage": stage,
            "chosen": chosen if stage == "check" else [],
            "labels": PLACE_LABELS,
            "conflict": conflict,
            "typed": typed_again(request),
            "has_errors": bool(form.errors),
        },
    )


@access(STAFF)
def attendance(request, team_id, event_id):
    """After an event, the team's leader records who went: it counts in every rota after it."""
    found, row = _found(request, team_id, event_id)
    if not leads_team(request, team_id) or row.event.date > timezone.localdate():
        raise Http404
    names = tuple(n for _, n in row.seats)
    initial = {"version": row.invitation.version}
    for field, seat in zip(("first", "second"), row.rota.seats, strict=True):
        if seat.went is not None:
            initial[field] = "went" if seat.went else "did_not_go"
    form = AttendanceForm(request.POST or None, initial=initial, names=names)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        seats = [
            replace(seat, went=(data[field] == "went") if seat.member is not None else None)
            for field, seat in zip(("first", "second"), row.rota.seats, strict=True)
        ]
        try:
            actions.record_attendance(request, team_id, event_id, data["version"], seats)
        except EditConflict as stale:
            conflict = True
            form = AttendanceForm(_with_version(request.POST, stale.current.version), names=names)
            form.is_valid()
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, f"Saved who went to {row.event.name}")
            return redirect(_team_page(team_id))
    return render(
        request,
        "representation/attendance.jinja",
        {"found": found, "row": row, "form": form, "conflict": conflict, "has_errors": bool(form.errors)},
    )


@access(STAFF)
def note(request, team_id, event_id):
    """After an event, those who went (or the team's leader) write what the team should know."""
    found, row = _found(request, team_id, event_id)
    if row.event.date > timezone.localdate():
        raise Http404
    if not (leads_team(request, team_id) or request.user.pk in row.rota.goers):
        raise Http404
    form = NoteForm(request.POST or None, initial={"version": row.invitation.version, "note": row.invitation.note})
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.write_note(request, team_id, event_id, data["version"], data["note"], row.rota.goers)
        except EditConflict as stale:
            conflict = True
            form = NoteForm(_with_version(request.POST, stale.current.version))
            form.is_valid()
            row = replace(row, invitation=stale.current)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, "Your note is on the team's page")
            return redirect(_team_page(team_id))
    return render(
        request,
        "representation/note.jinja",
        {"found": found, "row": row, "form": form, "conflict": conflict, "has_errors": bool(form.errors)},
    )


@access(STAFF)
@require_POST
def cannot_go(request, team_id, event_id):
    """Say you cannot go to a coming event, or that you can after all."""
    _, row = _found(request, team_id, event_id)
    if row.past:
        raise Http404
    cannot = request.POST.get("cannot") == "yes"
    try:
        actions.say_cannot_go(request, team_id, event_id, cannot)
    except PermissionDenied:
        raise Http404 from None
    if cannot:
        messages.success(request, f"Saved: you cannot go to {row.event.name}. The rota has been worked out again.")
    else:
        messages.success(request, f"Saved: you can go to {row.event.name} after all.")
    return redirect(_team_page(team_id))
