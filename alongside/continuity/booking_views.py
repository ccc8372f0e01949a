"""Continuity-aware booking pages: a team's week and its plan, sessions of slots, and one person's appointment.

The team leader sees the week's waiting requests and free slots, the exact plan with a reason for each request,
and what first-available booking would have done instead; booking the plan books exactly what was shown, or
nothing if anything changed meanwhile. Care staff ask for an appointment from the person's page, and may take
one of the named worker's free times straight away.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import earlier_submission, once
from alongside.partners.models import Membership, Role
from alongside.partners.roles import CARE_ROLES, NAMED_WORKER_ROLES
from alongside.people.access import facts_for_people, open_record, record_list_access, visible_people
from alongside.people.models import CareRelationship
from alongside.people.policy import Action, Basis, Category, decide

from . import actions, booking
from . import week as weeks
from .booking_forms import PLAN, AppointmentForm, BookWeekForm, SessionForm, window
from .models import AppointmentRequest
from .priority import HIGH, MEDIUM

TEAM_LEADERS = roles("team_leader")
SESSION_STAFF = roles(*NAMED_WORKER_ROLES, "team_leader", name="care staff and team leaders")
SHOWN_TIMES = 10  # of the named worker's free times offered on the appointment form


# --- the team's week ----------------------------------------------------------------------------------------------


def led_teams(request) -> list:
    return sorted({m.team for m in request.memberships if m.role == Role.TEAM_LEADER}, key=lambda t: (t.name, t.pk))


def chosen_team(request, teams: list, source=None):
    """The team asked for (it must be one of `teams`), else the first of them."""
    wanted = (source or request.GET).get("team")
    if not teams:
        raise Http404
    if not wanted:
        return teams[0]
    found = next((t for t in teams if str(t.pk) == wanted), None)
    if found is None:
        raise Http404
    return found


def chosen_monday(request) -> date:
    try:
        day = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return weeks.monday_of(day)


def week_url(team, monday: date) -> str:
    return f"{reverse('continuity:booking')}?week={monday.isoformat()}&team={team.pk}"


def week_label(monday: date) -> str:
    """'16 to 22 November', or '30 November to 6 December'."""
    sunday = monday + timedelta(days=6)
    first = f"{monday.day}" if monday.month == sunday.month else f"{monday.day} {monday:%B}"
    return f"{first} to {sunday.day} {sunday:%B}"


def day_name(moment) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def window_text(earliest, latest) -> str:
    """'Mon 23 Nov to Fri 27 Nov' for whole days, else with the times."""
    start, end = weeks.local(earliest), weeks.local(latest)
    if start.time() == time.min and end.time() >= time(23, 59):
        return day_name(start) if start.date() == end.date() else f"{day_name(start)} to {day_name(end)}"
    return f"{booking.when(start)} to {booking.when(end)}"


def priority_text(score: int) -> str:
    level = "High" if score >= HIGH else "Medium" if score >= MEDIUM else "Low"
    return f"{level} ({score})"


def number(value) -> str:
    """A total of priorities without trailing zeros: 17, 2.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Row:
    """One waiting request, and what the plan does with it."""

    request: AppointmentRequest
    window: str
    named_worker: str
    priority: str
    booked_with: str  # the practitioner's name, or "" when not booked
    at: str
    with_named_worker: bool
    reason: str
    may_cancel: bool


def free_slot_groups(current: weeks.Week) -> list[tuple[str, list[tuple[str, str]]]]:
    """The free slots by day, then by practitioner: [("Tue 24 Nov", [("Sam Patel", "09:00, 09:20")])]."""
    days: dict[date, dict[str, list[str]]] = {}
    for slot in current.slots:
        start = weeks.local(slot.start)
        days.setdefault(start.date(), {}).setdefault(current.names[slot.practitioner_id], []).append(f"{start:%H:%M}")
    return [
        (day_name(day), [(name, ", ".join(times)) for name, times in sorted(people.items())])
        for day, people in sorted(days.items())
    ]


def cancellable(request, team_id: int, people: list) -> set[int]:
    """The people whose appointments with this team the user may cancel (as `actions.cancel_appointment` checks).
    Three queries, however many people."""
    if not actions.in_team(request, team_id) or not people:
        return set()
    facts = facts_for_people(request, people)
    return {p.pk for p in people if decide(facts[p.pk], Action.WRITE, Category.CARE)}


def week_page(request, team, teams: list, monday: date, *, changed: bool = False):
    """The week's page: what waits, what is free, the plan and its reasons, and the comparison. A constant number of
    queries, however many requests and slots."""
    people = visible_people(request)
    current = weeks.read_week(team.pk, monday, people)
    plan = weeks.plan(current)
    booked = weeks.booked_in_week(team.pk, monday, people)
    shown = list({r.person.pk: r.person for r in [*current.requests, *booked]}.values())
    record_list_access(request, shown, "booking_week_viewed", Basis.RELATIONSHIP)
    may_cancel = cancellable(request, team.pk, shown)
    slots = {str(s.pk): s for s in current.slots}
    rows = []
    for r in current.requests:
        slot = slots.get(plan.exact.slot_for[str(r.pk)] or "")
        named = current.named_worker.get(r.person_id)
        rows.append(
            Row(
                request=r,
                window=window_text(r.earliest, r.latest),
                named_worker=current.names[named] if named else "",
                priority=priority_text(current.priority.get(r.person_id, 0)),
                booked_with=current.names[slot.practitioner_id] if slot else "",
                at=weeks.when(slot.start) if slot else "",
                with_named_worker=bool(slot and slot.practitioner_id == named),
                reason=plan.exact.reasons[str(r.pk)],
                may_cancel=r.person_id in may_cancel,
            )
        )
    form = BookWeekForm(initial={"team": team.pk, "week": monday.isoformat(), "fingerprint": plan.fingerprint})
    return render(
        request,
        "continuity/booking_week.jinja",
        {
            "team": team,
            "teams": teams,
            "monday": monday,
            "previous_url": week_url(team, monday - timedelta(days=7)),
            "next_url": week_url(team, monday + timedelta(days=7)),
            "previous_label": week_label(monday - timedelta(days=7)),
            "next_label": week_label(monday + timedelta(days=7)),
            "team_urls": [(t, week_url(t, monday)) for t in teams if t != team],
            "rows": rows,
            "free_slots": len(current.slots),
            "slot_groups": free_slot_groups(current),
            "exact": weeks.outcome(current, plan.exact),
            "greedy": weeks.outcome(current, plan.greedy),
            "number": number,
            "booked": booked,
            "may_cancel": may_cancel,
            "when": weeks.when,
            "form": form,
            "changed": changed,
            "has_errors": changed,
        },
    )


@access(TEAM_LEADERS)
def week(request):
    teams = led_teams(request)
    return week_page(request, chosen_team(request, teams), teams, chosen_monday(request))


@access(TEAM_LEADERS)
def book_week(request):
    """Book the plan the leader saw. Pressing twice books once; if anything changed, nothing is booked and the new
    plan is shown instead."""
    if request.method != "POST":
        return redirect("continuity:booking")
    form = BookWeekForm(request.POST)
    if not form.is_valid():
        raise Http404
    teams = led_teams(request)
    team = chosen_team(request, teams, source={"team": str(form.cleaned_data["team"])})
    monday = weeks.monday_of(form.cleaned_data["week"])
    url = week_url(team, monday)
    if previous := earlier_submission(request):
        messages.success(request, "These appointments were already booked: you may have pressed the button twice")
        return redirect(previous)
    booked = {}

    def make():
        booked["plan"] = actions.book_week(request, team.pk, monday, form.cleaned_data["fingerprint"])
        return url

    try:
        _, made = once(request.user, form.cleaned_data["form_key"], make)
    except actions.PlanChanged:
        return week_page(request, team, teams, monday, changed=True)
    except PermissionDenied:
        raise Http404 from None
    if not made:
        messages.success(request, "These appointments were already booked: you may have pressed the button twice")
    elif booked["plan"].exact.served:
        allocation = booked["plan"].exact
        count = "1 appointment" if allocation.served == 1 else f"{allocation.served} appointments"
        messages.success(request, f"{count} booked, {allocation.with_named_worker} with their named worker")
    else:
        messages.success(request, "Nothing was booked: nobody waiting has a free slot in their window this week")
    return redirect(url)


# --- sessions of slots --------------------------------------------------------------------------------------------


def session_teams(request) -> list:
    """Teams where the user may add a session: those they lead, and those they see people in."""
    return sorted(
        {m.team for m in request.memberships if m.role == Role.TEAM_LEADER or m.role in NAMED_WORKER_ROLES},
        key=lambda t: (t.name, t.pk),
    )


def practitioners_for(request, team) -> list[tuple[int, str]]:
    """Whose session the user may add: anyone in the team who sees people, for its leader; else only themselves."""
    if actions.leads(request, team.pk):
        members = (
            Membership.objects.active()
            .filter(team=team, role__in=NAMED_WORKER_ROLES)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user_id")
        )
        found = {}
        for m in members:
            found.setdefault(m.user_id, m.user.display_name)
        return list(found.items())
    if any(m.team_id == team.pk and m.role in NAMED_WORKER_ROLES for m in request.memberships):
        return [(request.user.pk, request.user.display_name)]
    return []


@access(SESSION_STAFF)
def new_session(request):
    teams = session_teams(request)
    team = chosen_team(request, teams)
    practitioners = practitioners_for(request, team)
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "These slots were already added: you may have pressed the button twice")
        return redirect(previous)
    initial = {"minutes": 20, "kind": "clinic"}
    if len(practitioners) == 1:
        initial["practitioner"] = str(practitioners[0][0])
    form = SessionForm(request.POST or None, initial=initial, practitioners=practitioners)
    if request.method == "POST" and form.is_valid():
        data, added = form.cleaned_data, {}
        leader = actions.leads(request, team.pk)

        def make():
            added["slots"] = actions.add_session(
                request,
                team,
                practitioner_id=int(data["practitioner"]),
                first_start=data["first_start"],
                count=data["count"],
                minutes=data["minutes"],
                kind=data["kind"],
            )
            if leader:
                return week_url(team, weeks.monday_of(data["day"]))
            return f"{reverse('continuity:new_session')}?team={team.pk}"

        try:
            url, made = once(request.user, data["form_key"], make)
        except actions.CannotBook as cannot:
            form.add_error("start", str(cannot))
        except PermissionDenied:
            raise Http404 from None
        else:
            if made:
                count = len(added["slots"])
                name = dict(practitioners)[int(data["practitioner"])]
                slots = "1 slot" if count == 1 else f"{count} slots"
                messages.success(request, f"{slots} added for {name} on {data['day']:%A %-d %B}")
            else:
                messages.success(request, "These slots were already added")
            return redirect(url)
    return render(
        request,
        "continuity/session_form.jinja",
        {
            "team": team,
            "other_teams": [t for t in teams if t != team],
            "form": form,
            "has_errors": bool(form.errors),
            "practitioners": practitioners,
            "leads": actions.leads(request, team.pk),
        },
    )


# --- one person's appointment -------------------------------------------------------------------------------------


def care_teams(request) -> list:
    return sorted({m.team for m in request.memberships if m.role in CARE_ROLES}, key=lambda t: (t.name, t.pk))


@access(PERSON_RECORD)
def new_appointment(request, pk):
    """Ask for the person to be seen between two days: the week's plan books it, or the user takes one of the named
    worker's free times now."""
    person, _, _ = open_record(request, pk, Category.CARE, "appointment_form_opened", action=Action.WRITE)
    teams = care_teams(request)
    if not teams:
        raise Http404
    person_url = reverse("people:person", args=[person.pk]) + "#continuity"
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This was already done: you may have pressed the button twice")
        return redirect(previous)
    caseload = set(
        CareRelationship.objects.active()
        .filter(person=person, kind="team_caseload", team_id__in=[t.pk for t in teams])
        .values_list("team_id", flat=True)
    )
    default_team = next((t for t in teams if t.pk in caseload), teams[0])
    named = CareRelationship.objects.active().filter(person=person, kind="named_worker").select_related("user").first()
    today = timezone.localdate()
    form = AppointmentForm(
        request.POST or None,
        initial={"team": str(default_team.pk), "earliest": today, "latest": today + timedelta(days=7), "slot": PLAN},
        teams=[(t.pk, t.name) for t in teams],
    )
    valid = form.is_bound and form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    team = next((t for t in teams if str(t.pk) == cleaned.get("team")), default_team)
    earliest, latest = cleaned.get("window") or window(today, today + timedelta(days=7))

    def offer() -> list:
        if named is None:
            return []
        slots = list(weeks.free_slots_of(named.user_id, team.pk, earliest, latest)[:SHOWN_TIMES])
        name = named.user.display_name
        form.offer([(s.pk, f"{weeks.when(s.start)} with {name}") for s in slots], named_worker=name)
        return slots

    offered = offer()
    if valid:
        slot_id = form.chosen_slot()
        if not form.errors:
            done = {}

            def make():
                done["appointment"] = actions.request_appointment(
                    request,
                    person,
                    team=team,
                    earliest=earliest,
                    latest=latest,
                    what_for=cleaned["what_for"],
                    slot_id=slot_id,
                )
                return person_url

            try:
                url, made = once(request.user, cleaned["form_key"], make)
            except actions.CannotBook as cannot:
                form.add_error("slot", str(cannot))
                offered = offer()
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, appointment_message(done["appointment"]) if made else "This was already done")
                return redirect(url)
    return render(
        request,
        "continuity/appointment_form.jinja",
        {
            "person": person,
            "form": form,
            "has_errors": bool(form.errors),
            "named": named.user if named else None,
            "show_times": bool(offered or form["slot"].errors),
            "several_teams": len(teams) > 1,
            "back": person_url,
        },
    )


def appointment_message(appointment: AppointmentRequest) -> str:
    if appointment.slot is None:
        return "Appointment request added to the week's plan. The team leader books it when they plan the week"
    slot = appointment.slot
    whose = ", their named worker," if appointment.with_named_worker else ""
    return f"Appointment booked with {slot.practitioner.display_name}{whose} on {weeks.when(slot.start)}"


# --- cancelling ---------------------------------------------------------------------------------------------------


@access(PERSON_RECORD)
def cancel_appointment(request, appointment_id):
    """Cancel an appointment or a waiting request, after a confirmation. Anyone not allowed sees a missing page."""
    appointment = (
        AppointmentRequest.objects.filter(pk=appointment_id, cancelled_at__isnull=True)
        .select_related("slot__practitioner", "team")
        .first()
    )
    if request.method == "POST":
        try:
            cancelled = actions.cancel_appointment(request, appointment_id)
        except PermissionDenied:
            earlier = already_cancelled(request, appointment_id)
            if earlier is None:
                raise Http404 from None
            messages.success(request, "This appointment was already cancelled")
            return redirect(reverse("people:person", args=[earlier.person_id]) + "#continuity")
        if actions.leads(request, cancelled.team_id) and appointment and appointment.slot:
            url = week_url(appointment.team, weeks.monday_of(weeks.local(appointment.slot.start).date()))
        else:
            url = reverse("people:person", args=[cancelled.person_id]) + "#continuity"
        freed = " The time is free for someone else." if appointment and appointment.slot else ""
        messages.success(request, f"Appointment cancelled.{freed}")
        return redirect(url)
    if appointment is None:
        raise Http404
    person, _, _ = open_record(
        request, appointment.person_id, Category.CARE, "appointment_cancel_opened", action=Action.WRITE
    )
    if not actions.in_team(request, appointment.team_id):
        raise Http404
    back = (
        week_url(appointment.team, weeks.monday_of(weeks.local(appointment.slot.start).date()))
        if appointment.slot and actions.leads(request, appointment.team_id)
        else reverse("people:person", args=[person.pk]) + "#continuity"
    )
    return render(
        request,
        "continuity/cancel_appointment.jinja",
        {
            "appointment": appointment,
            "person": person,
            "when": weeks.when(appointment.slot.start) if appointment.slot else "",
            "window": window_text(appointment.earliest, appointment.latest),
            "back": back,
        },
    )


def already_cancelled(request, appointment_id) -> AppointmentRequest | None:
    """A cancelled appointment the user could have cancelled (pressing twice), else None."""
    found = AppointmentRequest.objects.filter(pk=appointment_id, cancelled_at__isnull=False).first()
    if found is None or not actions.in_team(request, found.team_id):
        return None
    facts = facts_for_people(request, [found.person])[found.person_id]
    return found if decide(facts, Action.WRITE, Category.CARE) else None
