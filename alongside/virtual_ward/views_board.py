"""The virtual ward's board pages: the capacity board (and its live region, for htmx), the day's beds, a day's
visits with who visits whom, and a visit or call recorded as done. For the ward's team only: anyone else gets the
missing page, audited."""

import re
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from alongside.core.access import Policy, access
from alongside.core.numbers import whole_number
from alongside.people.access import record_denied

from . import actions_board, planning_board, queries_board
from .forms_board import BedsForm, DoneForm, done_early
from .models import Ward

# Any signed-in user reaches the view, which answers the site's missing page (audited) to anyone outside the ward's
# team: a role refusal (403) would tell a volunteer or an administrator that the page exists (ADR 0036).
WARD_STAFF = Policy(
    "virtual ward team",
    "Any signed-in user; the view answers 404 like a missing page, audited, unless they give care in a ward's team.",
)
REFRESH_SECONDS = 45  # settings.VIRTUAL_WARD_BOARD_REFRESH_SECONDS may say otherwise (a test makes it short)
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def refresh_seconds() -> int:
    return int(getattr(settings, "VIRTUAL_WARD_BOARD_REFRESH_SECONDS", REFRESH_SECONDS))


def _ward(request, what: str) -> tuple[Ward, list[Ward]]:
    """The ward asked for (or the user's only one), or 404 audited: the user is on no ward team."""
    wards = queries_board.my_ward_list(request)
    ward = queries_board.chosen_ward(request, wards)
    if ward is None:
        record_denied(request, what, None, object_type="ward", object_id=request.GET.get("ward", ""))
        raise Http404
    return ward, wards


def _with_ward(name: str, ward: Ward, wards: list[Ward], **more) -> str:
    query = {"ward": ward.pk} if len(wards) > 1 else {}
    query.update({k: v for k, v in more.items() if v})
    return reverse(name) + (f"?{urlencode(query)}" if query else "")


def _board_context(request, ward: Ward, wards: list[Ward]) -> dict:
    return {
        "board": queries_board.board(request, ward, "ward_board_viewed"),
        "ward": ward,
        "wards": wards,
        "leads": queries_board.leads(request, ward),
        "live_url": _with_ward("virtual_ward:board_live", ward, wards),
        "board_url": _with_ward("virtual_ward:board", ward, wards),
        "visits_url": _with_ward("virtual_ward:visits", ward, wards),
        "capacity_url": _with_ward("virtual_ward:capacity", ward, wards),
        "refresh_seconds": refresh_seconds(),
        "news2": queries_board.news2_tag,
        "duration": queries_board.duration_in_words,
        "when": queries_board.when,
    }


@access(WARD_STAFF)
def board(request):
    """The capacity board: beds, who is on the ward and where they are in their stay; refreshes its region."""
    ward, wards = _ward(request, "ward_board_viewed")
    return render(request, "virtual_ward/board/board.jinja", _board_context(request, ward, wards))


@access(WARD_STAFF)
def board_live(request):
    """The board's region alone, for htmx to swap in every REFRESH_SECONDS."""
    ward, wards = _ward(request, "ward_board_viewed")
    return render(request, "virtual_ward/board/_live.jinja", _board_context(request, ward, wards))


@access(WARD_STAFF)
def capacity(request):
    """The ward's team leader sets the beds for a day."""
    ward, wards = _ward(request, "ward_day_beds_opened")
    if not queries_board.leads(request, ward):
        record_denied(request, "ward_day_beds_opened", None, object_type="ward", object_id=ward.pk)
        raise Http404
    form = BedsForm(request.POST or None, initial={"day": timezone.localdate(), "beds": ward.beds})
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["day"]
        try:
            actions_board.set_beds(request, ward, day, form.cleaned_data["beds"], form.cleaned_data["reason"])
        except actions_board.TooFewBeds as too_few:
            form.add_error(
                "beds",
                f"{too_few.people} people have a bed on the ward on {day:%-d %B}. "
                f"Set at least {too_few.people} beds, or end a stay first",
            )
        else:
            messages.success(request, f"The ward has {form.cleaned_data['beds']} beds on {day:%-d %B %Y}.")
            return redirect(_with_ward("virtual_ward:board", ward, wards))
    return render(
        request,
        "virtual_ward/board/capacity.jinja",
        {
            "form": form,
            "ward": ward,
            "wards": wards,
            "board_url": _with_ward("virtual_ward:board", ward, wards),
            "has_errors": bool(form.errors),
        },
    )


def _day(request) -> date:
    typed = request.GET.get("day") or request.POST.get("day") or ""
    if DAY.fullmatch(typed):
        try:
            return date.fromisoformat(typed)
        except ValueError:
            pass
    return timezone.localdate()


@access(WARD_STAFF)
def visits(request):
    """A day's visits and calls across the ward team's nurses, and who could do the ones without a nurse: shown
    first (check your answers), then saved."""
    ward, wards = _ward(request, "ward_visits_viewed")
    day = _day(request)
    plan = queries_board.day_plan(request, ward, day, "ward_visits_viewed")
    nurse_names = {n.pk: n.display_name for n in plan.nurses}
    step = request.POST.get("step", "")
    back = _with_ward("virtual_ward:visits", ward, wards, day=day.isoformat())
    if request.method == "POST" and step == "save":
        rows = zip(
            request.POST.getlist("planned"),
            request.POST.getlist("version"),
            request.POST.getlist("nurse"),
            strict=False,
        )
        proposals = [
            planning_board.Proposal(planned, version, nurse, "")
            for planned, version, nurse in (tuple(map(whole_number, row)) for row in rows)
            if planned is not None and version is not None and nurse is not None
        ]
        saved = actions_board.save_nurses(request, ward, proposals, {c.pk for c in plan.contacts}, set(nurse_names))
        if saved:
            messages.success(
                request, f"{saved} {'visit or call has' if saved == 1 else 'visits and calls have'} a nurse now."
            )
        else:
            messages.info(request, "Nothing changed: the nurses were already saved, or someone changed the plan.")
        return redirect(back)
    proposals = []
    if request.method == "POST" and step == "propose":
        proposals = _propose(plan, nurse_names)
    return render(
        request,
        "virtual_ward/board/visits.jinja",
        {
            "plan": plan,
            "ward": ward,
            "wards": wards,
            "day": day,
            "today": timezone.localdate(),
            "proposals": proposals,
            "proposed": request.method == "POST" and step == "propose",
            "nurse_names": nurse_names,
            "board_url": _with_ward("virtual_ward:board", ward, wards),
            "day_url": lambda d: _with_ward("virtual_ward:visits", ward, wards, day=d.isoformat()),
            "timedelta": timedelta,
            "hhmm": lambda at: timezone.localtime(at).strftime("%H:%M"),
            "when": queries_board.when,
            "first_slot": planning_board.FIRST_SLOT,
            "last_slot": planning_board.LAST_SLOT,
        },
    )


def _propose(plan: queries_board.DayPlan, nurse_names: dict[int, str]) -> list:
    open_ones = [c for c in plan.contacts if c.nurse_id is None and c.done_at is None]
    if not open_ones:
        return []
    episode_ids = sorted({c.episode_id for c in open_ones})
    busy = [planning_board.Busy(c.nurse_id, c.due_at, c.minutes) for c in plan.contacts if c.nurse_id is not None]
    slots = planning_board.slots_for(plan.day, timezone.get_current_timezone(), sorted(nurse_names), busy)
    to_plan = [planning_board.ToPlan(c.pk, c.person_id, c.episode_id, c.due_at, c.version) for c in open_ones]
    found = planning_board.plan(
        to_plan, slots, queries_board.usual_nurses(episode_ids), queries_board.high_scores(episode_ids), nurse_names
    )
    by_id = {c.pk: c for c in open_ones}
    return [(by_id[p.planned_id], p) for p in found]


@access(WARD_STAFF)
def visit_done(request, planned_id: int):
    """Record that a visit or call happened, when (asked, never assumed: today or yesterday and a time, not in the
    future) and a short note: recorded once as a contact at that time."""
    found = queries_board.seen_planned(request, planned_id, "ward_visit_opened")
    if found is None:
        raise Http404
    planned, seen = found
    wards = queries_board.my_ward_list(request)
    back = _with_ward(
        "virtual_ward:visits", seen.referral.ward, wards, day=timezone.localdate(planned.due_at).isoformat()
    )
    if planned.done_at is not None:
        messages.info(request, "This was already recorded as done.")
        return redirect(back)
    form = DoneForm(request.POST or None, initial={"minutes": planned.minutes}, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        at = form.cleaned_data["at"]
        try:
            with transaction.atomic():
                actions_board.record_done(
                    request, planned.pk, at, form.cleaned_data["minutes"], form.cleaned_data["note"]
                )
        except actions_board.AlreadyDone:
            messages.info(request, "This was already recorded as done.")
        except PermissionDenied:
            form.add_error(
                None,
                f"You cannot record a contact with {seen.referral.person.full_name}: they are not on your team's "
                "caseload. Ask the ward's team leader to check their admission",
            )
            return _done_page(request, form, planned, seen, back)
        else:
            early = (
                f" It happened more than 2 hours before its planned time ({queries_board.when(planned.due_at)}): "
                "check the next visits and calls still suit them."
                if done_early(at, planned.due_at)
                else ""
            )
            messages.success(
                request,
                f"The {planned.get_kind_display().lower()} to {seen.referral.person.full_name} is recorded, "
                f"{queries_board.when(at)}.{early}",
            )
        return redirect(back)
    return _done_page(request, form, planned, seen, back)


def _done_page(request, form, planned, seen, back):
    return render(
        request,
        "virtual_ward/board/visit_done.jinja",
        {
            "form": form,
            "planned": planned,
            "person": seen.referral.person,
            "episode": seen.referral.episode,
            "back": back,
            "has_errors": bool(form.errors),
        },
    )
