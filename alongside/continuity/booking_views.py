"""Continuity-aware booking pages: a team's week and its plan, sessions of slots, and one person's appointment.

The team leader sees the week's waiting requests and free slots, the exact plan with a reason for each request,
and what first-available booking would have done instead; booking the plan books exactly what was shown, or
nothing if anything changed meanwhile. Care staff ask for an appointment from the person's page, and may take
one of the named worker's free times straight away.

The views read through `booking_queries` and word things through `booking_wording`.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import earlier_submission, once
from alongside.partners.roles import NAMED_WORKER_ROLES
from alongside.people.access import open_record
from alongside.people.policy import Action, Category

from . import actions, preferences, visit_times
from . import booking_queries as queries
from . import booking_wording as wording
from . import dashboard_pages as pages
from . import week as weeks
from .booking_forms import PLAN, AppointmentForm, AskForSessionForm, BookWeekForm, SessionForm, window
from .models import AppointmentRequest

TEAM_LEADERS = roles("team_leader")
UNBOOKED_PER_PAGE = 20  # requests the plan cannot book, shown a page at a time with their next steps
SESSION_STAFF = roles(*NAMED_WORKER_ROLES, "team_leader", name="care staff and team leaders")


# --- the team's week ----------------------------------------------------------------------------------------------


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


def chosen_monday(request, team) -> date:
    """The week asked for; else the first week with a request waiting (booking opens on the week that has work)."""
    try:
        day = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        return queries.first_week_with_work(request, team, timezone.localdate())
    return weeks.monday_of(day)


def week_url(team, monday: date) -> str:
    return f"{reverse('continuity:booking')}?week={monday.isoformat()}&team={team.pk}"


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
    next_week: str  # the next week's address, when the request can wait for it; else ""
    named_worker_id: int | None
    session_asked: str  # when the named worker was asked to add a session, in words; else ""
    fits: str = ""  # how the plan's time fits the person's preferred times, in words


def fit_words(person, wanted, slot) -> str:
    """Whether the plan's time fits the person's preferred times, in words; "" when they stated none."""
    if not wanted.stated:
        return ""
    if slot is None:
        return f"Best times: {visit_times.phrase(wanted)}"
    moment = weeks.local(slot.start)
    if visit_times.fits(wanted, moment):
        return visit_times.fits_text(person.given_name, wanted)
    return visit_times.outside_text(person.given_name, wanted)


def rows_of(read: queries.WeekRead, team, wanted: dict | None = None) -> list[Row]:
    """Each waiting request with what the exact plan does with it, in words, and a next step for those it does not
    book: the next week, when their dates reach into it; asking the named worker to add a session."""
    current, plan = read.current, read.plan
    following = current.monday + timedelta(days=7)
    next_start, _ = weeks.week_bounds(following)
    slots = {str(s.pk): s for s in current.slots}
    rows = []
    for r in current.requests:
        slot = slots.get(plan.exact.slot_for[str(r.pk)] or "")
        named = current.named_worker.get(r.person_id)
        rows.append(
            Row(
                request=r,
                window=wording.window_text(r.earliest, r.latest),
                named_worker=current.names[named] if named else "",
                priority=wording.priority_text(current.priority.get(r.person_id, 0)),
                booked_with=current.names[slot.practitioner_id] if slot else "",
                at=weeks.when(slot.start) if slot else "",
                with_named_worker=bool(slot and slot.practitioner_id == named),
                reason=plan.exact.reasons[str(r.pk)],
                may_cancel=r.person_id in read.may_cancel,
                next_week=week_url(team, following) if r.latest >= next_start else "",
                named_worker_id=named,
                session_asked=wording.day_name(weeks.local(r.session_asked_at)) if r.session_asked_at else "",
                fits=fit_words(r.person, (wanted or {}).get(r.person_id, visit_times.Preferred()), slot),
            )
        )
    return rows


def week_page(request, team, teams: list, monday: date, *, changed: bool = False):
    """The week's page: what waits, what is free, the plan and its reasons, and the comparison. A constant number of
    queries, however many requests and slots."""
    read = queries.read_week(request, team, monday)
    current, plan = read.current, read.plan
    rows = rows_of(read, team, current.preferred)
    unbooked = [r for r in rows if not r.booked_with]
    page = pages.clamp(pages.page_number(request.GET.get("page")), len(unbooked), UNBOOKED_PER_PAGE)
    first = (page - 1) * UNBOOKED_PER_PAGE
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
            "previous_label": wording.week_label(monday - timedelta(days=7)),
            "next_label": wording.week_label(monday + timedelta(days=7)),
            "team_urls": [(t, week_url(t, monday)) for t in teams if t != team],
            "rows": rows,
            "unbooked": unbooked[first : first + UNBOOKED_PER_PAGE],
            "unbooked_count": len(unbooked),
            "first_shown": first + 1,
            "unbooked_pages": pages.pagination(
                request.GET, page, len(unbooked), UNBOOKED_PER_PAGE, "not-booked", "Pages of requests not booked"
            ),
            "planned": [r for r in rows if r.booked_with],
            "following_label": wording.week_label(monday + timedelta(days=7)),
            "free_slots": len(current.slots),
            "slot_groups": wording.free_slot_groups(current),
            "exact": weeks.outcome(current, plan.exact),
            "greedy": weeks.outcome(current, plan.greedy),
            "number": wording.number,
            "booked": read.booked,
            "may_cancel": read.may_cancel,
            "when": weeks.when,
            "form": form,
            "changed": changed,
            "has_errors": changed,
        },
    )


@access(TEAM_LEADERS)
def week(request):
    teams = queries.led_teams(request)
    team = chosen_team(request, teams)
    return week_page(request, team, teams, chosen_monday(request, team))


@access(TEAM_LEADERS)
def book_week(request):
    """Book the plan the leader saw. Pressing twice books once; if anything changed, nothing is booked and the new
    plan is shown instead."""
    if request.method != "POST":
        return redirect("continuity:booking")
    form = BookWeekForm(request.POST)
    if not form.is_valid():
        raise Http404
    teams = queries.led_teams(request)
    team = chosen_team(request, teams, source={"team": str(form.cleaned_data["team"])})
    monday = weeks.monday_of(form.cleaned_data["week"])
    url = week_url(team, monday)
    if previous := earlier_submission(request):
        messages.success(request, wording.ALREADY_BOOKED)
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
        messages.success(request, wording.ALREADY_BOOKED)
    elif booked["plan"].exact.served:
        allocation = booked["plan"].exact
        messages.success(request, wording.week_booked(allocation.served, allocation.with_named_worker))
    else:
        messages.success(request, wording.NOTHING_BOOKED)
    return redirect(url)


@access(TEAM_LEADERS)
def ask_for_session(request):
    """Ask the named worker of someone the week's plan cannot book to add a session. Asking twice asks once."""
    if request.method != "POST":
        return redirect("continuity:booking")
    form = AskForSessionForm(request.POST)
    if not form.is_valid():
        raise Http404
    teams = queries.led_teams(request)
    team = chosen_team(request, teams, source={"team": str(form.cleaned_data["team"])})
    url = week_url(team, weeks.monday_of(form.cleaned_data["week"]))
    session_url = f"{reverse('continuity:new_session')}?team={team.pk}"
    try:
        asked = actions.ask_for_session(request, form.cleaned_data["appointment"], url=session_url)
    except PermissionDenied:
        raise Http404 from None
    named = queries.named_worker_of(asked.person)
    messages.success(request, wording.session_asked(named.user.display_name if named else "their named worker"))
    return redirect(url)


# --- sessions of slots --------------------------------------------------------------------------------------------


@access(SESSION_STAFF)
def new_session(request):
    teams = queries.session_teams(request)
    team = chosen_team(request, teams)
    practitioners = queries.practitioners_for(request, team)
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, wording.SLOTS_ALREADY_ADDED)
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
                name = dict(practitioners)[int(data["practitioner"])]
                messages.success(request, wording.slots_added(len(added["slots"]), name, data["day"]))
            else:
                messages.success(request, wording.SLOTS_ADDED_BEFORE)
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


@access(PERSON_RECORD)
def new_appointment(request, pk):
    """Ask for the person to be seen between two days: the week's plan books it, or the user takes one of the named
    worker's free times now."""
    person, _, _ = open_record(request, pk, Category.CARE, "appointment_form_opened", action=Action.WRITE)
    teams = queries.care_teams(request)
    if not teams:
        raise Http404
    person_url = reverse("people:person", args=[person.pk])
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, wording.ALREADY_DONE)
        return redirect(previous)
    caseload = queries.caseload_team_ids(person, teams)
    default_team = next((t for t in teams if t.pk in caseload), teams[0])
    named = queries.named_worker_of(person)
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

    wanted = preferences.preferred(preferences.visit_times_of(person))
    fitting = visit_times.fits_text(person.given_name, wanted) if wanted.stated else ""
    hints: dict[str, str] = {}

    def offer() -> list:
        """The named worker's free times: those that fit the person's preferred times first, then the soonest."""
        if named is None:
            return []
        soonest = queries.free_times(named, team.pk, earliest, latest, queries.CONSIDERED_TIMES)
        slots = visit_times.rank(soonest, wanted, lambda s: weeks.local(s.start))[: queries.SHOWN_TIMES]
        name = named.user.display_name
        form.offer([(s.pk, wording.offered_time(s.start, name)) for s in slots], named_worker=name)
        hints.clear()
        hints.update({str(s.pk): fitting for s in slots if fitting and visit_times.fits(wanted, weeks.local(s.start))})
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
                message = wording.appointment_message(done["appointment"]) if made else wording.DONE_BEFORE
                messages.success(request, message)
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
            "fitting": hints,
            "preferred_times": visit_times.phrase(wanted) if wanted.stated else "",
            "preferred_words": wanted.words,
            "several_teams": len(teams) > 1,
            "back": person_url,
        },
    )


# --- cancelling ---------------------------------------------------------------------------------------------------


@access(PERSON_RECORD)
def cancel_appointment(request, appointment_id):
    """Cancel an appointment or a waiting request, after a confirmation. Anyone not allowed sees a missing page."""
    appointment = queries.appointment_to_cancel(appointment_id)
    if request.method == "POST":
        try:
            cancelled = actions.cancel_appointment(request, appointment_id)
        except PermissionDenied:
            earlier = queries.already_cancelled(request, appointment_id)
            if earlier is None:
                raise Http404 from None
            messages.success(request, wording.ALREADY_CANCELLED)
            return redirect(reverse("people:person", args=[earlier.person_id]))
        if actions.leads(request, cancelled.team_id) and appointment and appointment.slot:
            url = week_url(appointment.team, weeks.monday_of(weeks.local(appointment.slot.start).date()))
        else:
            url = reverse("people:person", args=[cancelled.person_id])
        messages.success(request, wording.cancelled(freed=bool(appointment and appointment.slot)))
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
            "window": wording.window_text(appointment.earliest, appointment.latest),
            "back": back,
        },
    )
