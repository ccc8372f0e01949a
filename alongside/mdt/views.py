"""The MDT meeting pages: the list of meetings, a meeting's agenda, adding a person, inviting someone for an item,
the chair's page to run the meeting, finishing it, and an invitee's page of their item.

Each item has its own audience (`access.seen_items`): a core member sees every item; someone invited for one item
sees that item and nothing else, not even how many others there are. A meeting or item the user may not see
answers "Page not found", exactly like one that does not exist.
"""

import re

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from alongside.core import registry
from alongside.core.access import access, roles
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.language.expanding import expand
from alongside.language.on_save import after_saving
from alongside.language.rules import local_terms
from alongside.partners.roles import CARE_ROLES
from alongside.people.access import Read, acting, record_denied, record_each
from alongside.people.policy import Acting, Basis

from . import access as audience
from . import actions_meeting, agenda, queries_meeting
from .actions_meeting import AlreadyOnAgenda, Finished, NotAllowed, NotStarted
from .forms import ActionForm, AddForm, FindForm, FinishForm, InviteForm, ItemNotesForm, MinutesForm, PlanForm
from .models import Meeting

TAKING_PART = roles(*sorted(CARE_ROLES), "volunteer", name="care staff and volunteers")  # then per item
# The member pages take the same users, then ask for a core member of the meeting's MDT: a volunteer asking for
# one gets the missing page, exactly as for a meeting that does not exist, never a refusal that tells it is there.
MEMBERS = TAKING_PART


def _missing(request, what: str, object_type: str, object_id: int):
    record_denied(request, what, None, object_type=object_type, object_id=object_id)
    return Http404()


def _member_meeting(request, meeting_id: int, what: str) -> Meeting:
    """The meeting, for a core member of its MDT; else 404 (audited), as for a missing one."""
    members = audience.member_mdt_ids(request)
    found = queries_meeting.meeting(meeting_id)
    if found is None or found.mdt_id not in members:
        raise _missing(request, what, "mdt_meeting", meeting_id)
    return found


def _number(text: str | None) -> int | None:
    """A whole number typed in plain digits (an id in a form or address), or None: never an error."""
    return int(text) if text and NUMBER.fullmatch(text) else None


NUMBER = re.compile(r"[0-9]{1,9}")


def _to_agenda(meeting_id: int, anchor: str = "") -> str:
    return reverse("mdt:meeting", args=[meeting_id]) + (f"#{anchor}" if anchor else "")


# --- the list ------------------------------------------------------------------------------------------------------


@access(TAKING_PART)
def meetings(request):
    """A core member's MDTs and their meetings; an invitee's items, each with when and where to join, only."""
    mdts = queries_meeting.member_meetings(request)
    invited = queries_meeting.my_invited_items(request, "mdt_invitations_listed")
    names = queries_meeting.names(request, [s.item.person for s in invited])
    starts = queries_meeting.starts_of_items([s.item for s in invited])
    rows = [
        {
            "item": s.item,
            "words": agenda.join_words(_local(starts[s.item.pk]), names[s.item.person_id], s.item.minutes),
            "place": agenda.place_parts(s.item.meeting.mdt.place),
            "finished": s.item.meeting.status == Meeting.Status.FINISHED,
        }
        for s in invited
    ]
    places = {group.mdt.pk: agenda.place_parts(group.mdt.place) for group in mdts}
    return render(request, "mdt/meeting/meetings.jinja", {"mdts": mdts, "invited": rows, "places": places})


def _local(at):
    return timezone.localtime(at)


# --- planning a meeting -------------------------------------------------------------------------------------------


@access(MEMBERS)
def plan(request, mdt_id):
    """A core member plans a meeting of their MDT: a day and a time. A double click plans one meeting."""
    if mdt_id not in audience.member_mdt_ids(request):
        raise _missing(request, "mdt_plan_opened", "mdt", mdt_id)
    mdt = queries_meeting.mdt(mdt_id)
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            return _to_agenda(actions_meeting.plan_meeting(request, mdt.pk, data["starts_at"]).pk)

        try:
            url, _ = once(request.user, data["form_key"], create)
        except NotAllowed:
            raise Http404 from None
        except ValueError as problem:
            form.add_error("time", str(problem))
        else:
            messages.success(request, f"Meeting planned for {_local(data['starts_at']):%-d %B %Y at %H:%M}")
            return redirect(url)
    return render(
        request,
        "mdt/meeting/plan.jinja",
        {"mdt": mdt, "form": form, "place": agenda.place_parts(mdt.place), "has_errors": bool(form.errors)},
    )


# --- a meeting's agenda --------------------------------------------------------------------------------------------


def _agenda(request, meeting_id: int, what: str):
    """The meeting and the items this user sees of it, or 404 (audited) when they see none and are not a member.
    Someone else's meeting and a missing one take the same queries up to the refusal."""
    known = (audience.member_mdt_ids(request), audience.invited_item_ids(request))
    found = queries_meeting.meeting(meeting_id)
    member = found is not None and found.mdt_id in known[0]
    invited = [] if member else queries_meeting.invited_items_of(meeting_id, known[1])
    if found is None or (not member and not invited):
        raise _missing(request, what, "mdt_meeting", meeting_id)
    for item in invited:
        item.meeting = found
    every = queries_meeting.items_of(found) if member else []
    seen = audience.seen_items(request, every if member else invited, what, known)
    if not member and not seen:
        raise _missing(request, what, "mdt_meeting", meeting_id)
    if member:
        starts = queries_meeting.starts_of(found, every)
    else:
        starts = queries_meeting.starts_of_items([s.item for s in seen])
    return found, member, seen, starts, every


@access(TAKING_PART)
def meeting(request, meeting_id):
    found, member, seen, starts, every = _agenda(request, meeting_id, "mdt_agenda_opened")
    ids = [s.item.pk for s in seen]
    invitations = queries_meeting.invitations_by_item(ids) if member else {}
    with_volunteer = queries_meeting.volunteer_items(ids) if member else set()
    finished = found.status == Meeting.Status.FINISHED
    actions = queries_meeting.actions_by_item(ids) if member and finished else {}
    names = queries_meeting.names(request, [s.item.person for s in seen])
    staff = acting(request) == Acting.STAFF
    terms = {} if staff else local_terms(queries_meeting.area_of_mdt(found.mdt))
    suggested = []
    if member and found.status != Meeting.Status.FINISHED:
        suggested = queries_meeting.suggestions(found.mdt, {i.person_id for i in every})
        if suggested:
            record_each(
                request,
                "mdt_suggestions_listed",
                [Read(s.person.pk, Basis.MDT_MEMBER, {"source": s.suggestion.ref}) for s in suggested],
            )
    rows = [
        {
            "item": s.item,
            "name": names[s.item.person_id],
            "start": _local(starts[s.item.pk]),
            "invitations": invitations.get(s.item.pk, []),
            "volunteer": s.item.pk in with_volunteer,
            "actions": actions.get(s.item.pk, []),
            "source": _source_words(s.item.source),
            "reason": s.item.reason if staff else expand(s.item.reason, terms),
        }
        for s in seen
    ]
    ends = agenda.ends(found.starts_at, [i.minutes for i in every]) if member else None
    return render(
        request,
        "mdt/meeting/agenda.jinja",
        {
            "meeting": found,
            "member": member,
            "rows": rows,
            "ends": _local(ends) if ends else None,
            "suggested": suggested,
            "any_volunteer": bool(with_volunteer),
            "place": agenda.place_parts(found.mdt.place),
            "open": found.status != Meeting.Status.FINISHED,
            "start": _local(found.starts_at),
        },
    )


def _source_words(source: str) -> str:
    if source == "member":
        return "Added by a member"
    kind = source.split(":", 1)[0]
    found = registry.agenda_source(kind)
    return found.label if found else kind.capitalize()


@access(MEMBERS)
@require_POST
def suggested(request, meeting_id):
    """Add a suggested person to the agenda, keeping the suggestion's reason and where it came from."""
    found = _member_meeting(request, meeting_id, "mdt_suggestion_added")
    if found.status == Meeting.Status.FINISHED:
        raise Http404
    ref = request.POST.get("ref", "")
    match = next(
        (s for s in queries_meeting.suggestions(found.mdt, set()) if s.suggestion.ref == ref),
        None,
    )
    if match is None:
        messages.error(request, "That suggestion is no longer there. It may have been dealt with")
        return redirect(_to_agenda(found.pk, "suggested"))
    try:
        actions_meeting.add_item(request, found.pk, match.person.pk, match.suggestion.reason, source=ref)
    except AlreadyOnAgenda:
        messages.error(request, f"{match.person.full_name} is already on the agenda")
        return redirect(_to_agenda(found.pk))
    except (NotAllowed, Finished):
        raise _missing(request, "mdt_suggestion_added", "mdt_meeting", meeting_id) from None
    messages.success(request, f"{match.person.full_name} added to the agenda")
    return redirect(_to_agenda(found.pk))


@access(MEMBERS)
@require_POST
def move(request, item_id):
    direction = request.POST.get("direction", "")
    seen = audience.seen_item(request, item_id, "mdt_item_moved")
    if seen is None or not seen.as_member or direction not in (agenda.UP, agenda.DOWN):
        raise Http404
    try:
        actions_meeting.move_item(request, item_id, direction)
    except (NotAllowed, Finished):
        raise Http404 from None
    return redirect(_to_agenda(seen.item.meeting_id, f"item-{item_id}"))


@access(MEMBERS)
def minutes(request, item_id):
    """Change how many minutes an item has (a page of its own, so a mistake can be shown and mended)."""
    seen = audience.seen_item(request, item_id, "mdt_item_timed")
    if seen is None or not seen.as_member or seen.item.meeting.status == Meeting.Status.FINISHED:
        raise Http404
    item = seen.item
    form = MinutesForm(request.POST or None, initial={"minutes": item.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            actions_meeting.set_minutes(request, item.pk, form.cleaned_data["minutes"])
        except (NotAllowed, Finished):
            raise Http404 from None
        messages.success(request, "Time changed. The times after it have moved")
        return redirect(_to_agenda(item.meeting_id))
    name = queries_meeting.names(request, [item.person])[item.person_id]
    return render(
        request,
        "mdt/meeting/minutes.jinja",
        {"item": item, "name": name, "form": form, "has_errors": bool(form.errors)},
    )


@access(MEMBERS)
@require_POST
def volunteers_first(request, meeting_id):
    found = _member_meeting(request, meeting_id, "mdt_volunteers_first")
    try:
        actions_meeting.put_volunteers_first(request, found.pk)
    except (NotAllowed, Finished):
        raise Http404 from None
    messages.success(request, "Items with an invited volunteer are now first")
    return redirect(_to_agenda(found.pk))


# --- adding someone ------------------------------------------------------------------------------------------------


@access(MEMBERS)
def add(request, meeting_id):
    """Find a person, say why, check, add: one item per person per meeting, and a double click adds one."""
    found = _member_meeting(request, meeting_id, "mdt_add_opened")
    if found.status == Meeting.Status.FINISHED:
        raise Http404
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    person_id = request.POST.get("person") or request.GET.get("person")
    if not person_id:
        find = FindForm(request.GET if "words" in request.GET else None)
        people = None
        if find.is_valid():
            people = queries_meeting.people_to_add(request, found.mdt, find.cleaned_data["words"])
        if people:
            record_each(request, "mdt_people_found", [Read(p.pk, Basis.MDT_MEMBER) for p in people])
        return render(
            request,
            "mdt/meeting/add_find.jinja",
            {"meeting": found, "find": find, "people": people, "has_errors": bool(find.errors)},
        )
    chosen = _number(person_id)
    person = queries_meeting.person_to_add(request, found.mdt, chosen) if chosen is not None else None
    if person is None:
        raise _missing(request, "mdt_add_opened", "person", chosen or 0)
    if request.method == "GET" and queries_meeting.on_agenda(found, person.pk):
        return render(
            request,
            "mdt/meeting/add_find.jinja",
            {"meeting": found, "find": FindForm(), "people": None, "already": person},
        )
    form = AddForm(request.POST or None, initial={"person": person.pk})
    stage = "write"
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        if "confirm" not in request.POST:
            stage = "check"
        else:
            data = form.cleaned_data

            def create() -> str:
                actions_meeting.add_item(request, found.pk, person.pk, data["reason"], form_key=data["form_key"])
                return _to_agenda(found.pk)

            try:
                url, made = once(request.user, data["form_key"], create)
            except AlreadyOnAgenda:
                form.add_error(None, f"{person.full_name} is already on the agenda for this meeting")
                stage = "write"
            except (NotAllowed, Finished):
                raise Http404 from None
            else:
                messages.success(request, f"{person.full_name} added to the agenda")
                if made:
                    after_saving(request, form, ["reason"])  # what could be written instead, never blocking
                return redirect(url)
    return render(
        request,
        "mdt/meeting/add_reason.jinja",
        {
            "meeting": found,
            "person": person,
            "form": form,
            "stage": stage,
            "typed": typed_again(request),
            "has_errors": bool(form.errors),
        },
    )


# --- inviting someone for one item ---------------------------------------------------------------------------------


@access(MEMBERS)
def invite(request, item_id):
    seen = audience.seen_item(request, item_id, "mdt_invite_opened")
    if seen is None or not seen.as_member:
        raise Http404
    item = seen.item
    if item.meeting.status == Meeting.Status.FINISHED:
        raise Http404
    volunteers = queries_meeting.volunteers_of(item.person_id)
    staff = queries_meeting.staff_of(item.meeting.mdt)
    form = InviteForm(request.POST or None, volunteers=volunteers, staff=staff)
    if request.method == "POST" and form.is_valid():
        user_id = form.cleaned_data["user"]
        try:
            actions_meeting.invite(request, item.pk, user_id, bool(form.cleaned_data.get("agreed")))
        except (NotAllowed, Finished):
            raise Http404 from None
        except ValueError as problem:
            form.add_error("agreed", str(problem))
        else:
            messages.success(request, f"{form.display_names[user_id]} is invited for this item")
            return redirect(_to_agenda(item.meeting_id))
    volunteer_names = {u.pk: u.display_name for u in volunteers}
    return render(
        request,
        "mdt/meeting/invite.jinja",
        {
            "item": item,
            "person": item.person,
            "form": form,
            "volunteers": volunteers,
            "volunteer_names": volunteer_names,
            "has_errors": bool(form.errors),
        },
    )


# --- running the meeting -------------------------------------------------------------------------------------------


@access(MEMBERS)
def run(request, meeting_id):
    """One page to run the meeting: attendance, then each item's notes, decision and actions, saved item by item.
    Two members writing at once never overwrite each other: the later save is shown what changed."""
    found = _member_meeting(request, meeting_id, "mdt_meeting_run")
    if request.method == "POST" and (done := earlier_submission(request)):
        return redirect(done)
    every = queries_meeting.items_of(found)
    seen = audience.seen_items(request, every, "mdt_meeting_run") if every else []
    items = [s.item for s in seen]
    owners = actions_meeting.owners_of(found)
    bound: dict[tuple[str, int], object] = {}
    conflicts: dict[int, object] = {}
    part = request.POST.get("part", "")
    if request.method == "POST" and found.status != Meeting.Status.FINISHED:
        response = _run_post(request, found, items, owners, part, bound, conflicts)
        if response is not None:
            return response
    ids = [i.pk for i in items]
    actions = queries_meeting.actions_by_item(ids)
    invitations = queries_meeting.invitations_by_item(ids)
    starts = queries_meeting.starts_of(found, every)
    rows = [
        {
            "item": item,
            "start": _local(starts[item.pk]),
            "actions": actions.get(item.pk, []),
            "invitations": invitations.get(item.pk, []),
            "notes_form": bound.get(("notes", item.pk))
            or ItemNotesForm(
                initial={
                    "version": item.version,
                    "notes": item.notes,
                    "decision": item.decision,
                    "discussed": item.discussed,
                },
                prefix=f"item{item.pk}",
            ),  # fmt: skip
            "action_form": bound.get(("action", item.pk)) or ActionForm(owners=owners, prefix=f"action{item.pk}"),
            "conflict": conflicts.get(item.pk),
        }
        for item in items
    ]
    attendance = queries_meeting.attendance_of(found)
    members = queries_meeting.core_members(found.mdt)
    invitees = [(inv, row["item"]) for row in rows for inv in row["invitations"]]
    has_errors = any(getattr(f, "errors", None) for f in bound.values())
    return render(
        request,
        "mdt/meeting/run.jinja",
        {
            "meeting": found,
            "rows": rows,
            "members": members,
            "invitees": invitees,
            "attendance": attendance,
            "attendance_problem": bound.get(("attendance", 0)),
            "open": found.status != Meeting.Status.FINISHED,
            "has_errors": has_errors,
            "start": _local(found.starts_at),
            "today": timezone.localdate(),
            "saved": _number(request.GET.get("saved")),
            "added": _number(request.GET.get("added")),
        },
    )


def _run_post(request, found, items, owners, part, bound, conflicts):
    by_id = {i.pk: i for i in items}
    if part == "attendance":
        answers = {}
        for name, value in request.POST.items():
            user_id = _number(name[8:]) if name.startswith("present-") else None
            if user_id is not None and value in ("yes", "no"):
                answers[user_id] = value == "yes"
        if not answers:
            bound[("attendance", 0)] = "Choose present or apologies for at least one person"
            return None
        try:
            actions_meeting.record_attendance(request, found.pk, answers)
        except (NotAllowed, Finished):
            raise Http404 from None
        messages.success(request, "Attendance saved")
        return redirect(reverse("mdt:run", args=[found.pk]))
    item = by_id.get(_number(request.POST.get("item")) or 0)
    if item is None:
        raise Http404
    if part == "notes":
        form = ItemNotesForm(request.POST, prefix=f"item{item.pk}")
        bound[("notes", item.pk)] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions_meeting.save_item(
                    request, item.pk, data["notes"], data["decision"], data["discussed"], data["version"]
                )
            except EditConflict as changed:
                conflicts[item.pk] = changed.current
                again = request.POST.copy()
                again[f"item{item.pk}-version"] = str(changed.current.version)
                form = ItemNotesForm(again, prefix=f"item{item.pk}")
                form.is_valid()
                form.add_error(
                    None,
                    "Someone else saved this item while you were writing. What they saved is shown above your "
                    "words. Check both, then save again",
                )
                bound[("notes", item.pk)] = form
                item.refresh_from_db(fields=["notes", "decision", "discussed", "version"])
                return None
            except (NotAllowed, Finished):
                raise Http404 from None
            after_saving(request, form, ["notes", "decision"])  # what could be written instead, never blocking
            # told beside the item, where the chair lands, rather than in a banner at the top of a long page
            return redirect(reverse("mdt:run", args=[found.pk]) + f"?saved={item.pk}#item-{item.pk}")
        return None
    if part == "action":
        form = ActionForm(request.POST, owners=owners, prefix=f"action{item.pk}")
        bound[("action", item.pk)] = form
        if form.is_valid():
            data = form.cleaned_data

            def create() -> str:
                actions_meeting.add_action(
                    request, item.pk, data["what"], data["owner"], data["due"], form_key=data["form_key"]
                )
                return reverse("mdt:run", args=[found.pk]) + f"?added={item.pk}#item-{item.pk}"

            try:
                url, made = once(request.user, data["form_key"], create)
            except (NotAllowed, Finished):
                raise Http404 from None
            if made:
                after_saving(request, form, ["what"])
            return redirect(url)
        return None
    raise Http404


@access(MEMBERS)
def finish(request, meeting_id):
    """Check the whole meeting, then finish it: each item's minutes go to that person's timeline."""
    found = _member_meeting(request, meeting_id, "mdt_finish_opened")
    if found.status == Meeting.Status.FINISHED:
        return redirect(reverse("mdt:meeting", args=[found.pk]))
    form = FinishForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions_meeting.finish(request, found.pk, form.cleaned_data["version"])
        except EditConflict:
            found = _member_meeting(request, meeting_id, "mdt_finish_opened")
            form = FinishForm(initial={"version": found.version})
            form.is_valid()
            messages.error(
                request, "Someone changed the meeting while you were checking it. Check it again, then finish it"
            )
        except NotStarted:
            pass  # the page says when it can be finished
        except (NotAllowed, Finished):
            raise Http404 from None
        else:
            messages.success(request, "Meeting finished. Each person's minutes are on their timeline")
            return redirect(reverse("mdt:meeting", args=[found.pk]))
    every = queries_meeting.items_of(found)
    seen = audience.seen_items(request, every, "mdt_finish_opened") if every else []
    ids = [s.item.pk for s in seen]
    actions = queries_meeting.actions_by_item(ids)
    attendance = queries_meeting.attendance_of(found)
    members = queries_meeting.core_members(found.mdt)
    return render(
        request,
        "mdt/meeting/finish.jinja",
        {
            "meeting": found,
            "form": FinishForm(initial={"version": found.version}),
            "rows": [{"item": s.item, "actions": actions.get(s.item.pk, [])} for s in seen],
            "present": [m for m in members if (a := attendance.get(m.user_id)) and a.present],
            "apologies": [m for m in members if (a := attendance.get(m.user_id)) and not a.present],
            "unknown": [m for m in members if m.user_id not in attendance],
            "invitees_present": queries_meeting.invitees_present(found),
            "start": _local(found.starts_at),
            "not_started": found.starts_at > timezone.now(),
        },
    )


# --- one item, for whoever may see it ------------------------------------------------------------------------------


@access(TAKING_PART)
def item(request, item_id):
    """An item as an invitee (or a member) sees it: when to join, where, whom it is about and why; after the
    meeting, its minutes. Never anything of another item."""
    seen = audience.seen_item(request, item_id, "mdt_item_opened")
    if seen is None:
        raise Http404
    found = seen.item
    start = queries_meeting.starts_of_items([found])[found.pk]
    name = queries_meeting.names(request, [found.person])[found.person_id]
    finished = found.meeting.status == Meeting.Status.FINISHED
    plain = acting(request) != Acting.STAFF
    terms = local_terms(queries_meeting.area_of_mdt(found.meeting.mdt)) if plain else {}
    words = (lambda text: expand(text, terms)) if plain else (lambda text: text)
    actions = queries_meeting.actions_by_item([found.pk]).get(found.pk, []) if finished else []
    may_open = seen.as_member and queries_meeting.may_open(request, found.person_id)
    return render(
        request,
        "mdt/meeting/item.jinja",
        {
            "item": found,
            "name": name,
            "start": _local(start),
            "join": agenda.join_words(_local(start), name, found.minutes),
            "place": agenda.place_parts(found.meeting.mdt.place),
            "finished": finished,
            "reason": words(found.reason),
            "notes": words(found.notes),
            "decision": words(found.decision),
            "actions": [(a, words(a.what)) for a in actions],
            "as_member": seen.as_member,
            "may_open": may_open,
            "plain": plain,
        },
    )
