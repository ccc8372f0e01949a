"""Every change the meeting pages make: the agenda (adding a person, moving, timing, inviting someone for one
item), and running the meeting (attendance, notes, decisions, actions, finishing it, when each item's minutes go
to that person's timeline).

Each asks the audience rule first (`access.seen_item`; a member-only change needs the member's basis), audits
the change, and runs in one transaction. Refused or missing answers `NotAllowed`, which the pages show as a
missing page.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import EditConflict, save_if_unchanged
from alongside.people.access import Read, record, record_each
from alongside.people.models import Entry
from alongside.people.policy import Basis

from . import access, agenda, queries_meeting
from .models import Action, Attendance, Invitation, Item, Meeting

TIMELINE_KIND = "mdt_minutes"


class NotAllowed(Exception):
    """Not the user's to do, or no such thing: the page answers as missing."""


class AlreadyOnAgenda(Exception):
    def __init__(self, item: Item):
        super().__init__("The person is already on this meeting's agenda")
        self.item = item


class Finished(Exception):
    """The meeting is finished: its agenda and minutes no longer change."""


def _as_member(request, item_id: int, what: str) -> Item:
    seen = access.seen_item(request, item_id, what)
    if seen is None or not seen.as_member:
        raise NotAllowed
    return seen.item


def _member_meeting(request, meeting_id: int, lock: bool = True) -> Meeting:
    meetings = Meeting.objects.select_related("mdt")
    found = (meetings.select_for_update(of=("self",)) if lock else meetings).filter(pk=meeting_id).first()
    if found is None or found.mdt_id not in access.member_mdt_ids(request):
        raise NotAllowed
    return found


def _open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.FINISHED:
        raise Finished


def _touch(meeting_id: int) -> None:
    Meeting.objects.filter(pk=meeting_id).update(version=F("version") + 1)


class NotStarted(Exception):
    """The meeting has not started yet: it cannot be finished."""

    def __init__(self, meeting: Meeting):
        super().__init__("The meeting has not started yet")
        self.meeting = meeting


def plan_meeting(request, mdt_id: int, starts_at) -> Meeting:
    """A core member plans a meeting of their MDT. It holds no one's data, so core audit records it."""
    with transaction.atomic():
        if mdt_id not in access.member_mdt_ids(request):
            raise NotAllowed
        if starts_at < timezone.now():
            raise ValueError("The meeting must start later than now")
        meeting = Meeting.objects.create(mdt_id=mdt_id, starts_at=starts_at)
        audit.record(
            request, "mdt_meeting_planned", object_type="mdt_meeting", object_id=meeting.pk,
            detail={"mdt": mdt_id, "starts_at": starts_at.isoformat()},
        )  # fmt: skip
        return meeting


def add_item(request, meeting_id: int, person_id: int, reason: str, source: str = "member", form_key=None) -> Item:
    """A member puts a person on the agenda, last, with the MDT's usual minutes. A member adds someone they may see;
    a suggestion (`source` "concern:12") brings someone of the MDT's population."""
    with transaction.atomic():
        meeting = _member_meeting(request, meeting_id)
        _open(meeting)
        if source == "member":
            person = queries_meeting.person_to_add(request, meeting.mdt, person_id)
        else:
            person = queries_meeting.in_population(meeting.mdt, person_id)
        if person is None:
            raise NotAllowed
        existing = Item.objects.filter(meeting=meeting, person=person).first()
        if existing is not None:
            raise AlreadyOnAgenda(existing)
        last = Item.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"] or 0
        try:
            with transaction.atomic():
                item = Item.objects.create(
                    meeting=meeting,
                    person=person,
                    position=last + 1,
                    minutes=meeting.mdt.minutes_per_item,
                    reason=reason.strip(),
                    source=source[:60],
                    added_by=request.user,
                    form_key=form_key,
                )
        except IntegrityError:
            raise AlreadyOnAgenda(Item.objects.get(meeting=meeting, person=person)) from None
        _touch(meeting.pk)
        record(
            request, "mdt_item_added", person.pk, Basis.MDT_MEMBER, object_type="mdt_item", object_id=item.pk,
            source=item.source,
        )  # fmt: skip
        return item


def move_item(request, item_id: int, direction: str) -> None:
    """Move an item one place up or down the agenda; the others keep their order."""
    with transaction.atomic():
        item = _as_member(request, item_id, "mdt_item_moved")
        meeting = _member_meeting(request, item.meeting_id)
        _open(meeting)
        ids = list(Item.objects.filter(meeting=meeting).order_by("position", "pk").values_list("pk", flat=True))
        _renumber(agenda.moved(ids, ids.index(item.pk), direction))
        _touch(meeting.pk)


def put_volunteers_first(request, meeting_id: int) -> None:
    """Items with an invited volunteer go first (each group keeping its order): volunteers join at the start and
    leave before the rest is discussed."""
    with transaction.atomic():
        meeting = _member_meeting(request, meeting_id)
        _open(meeting)
        ids = list(Item.objects.filter(meeting=meeting).order_by("position", "pk").values_list("pk", flat=True))
        with_volunteer = queries_meeting.volunteer_items(ids)
        _renumber(agenda.invited_first(ids, [pk in with_volunteer for pk in ids]))
        _touch(meeting.pk)


def _renumber(ids: list[int]) -> None:
    items = list(Item.objects.filter(pk__in=ids))
    by_id = {i.pk: i for i in items}
    for position, pk in enumerate(ids, start=1):
        by_id[pk].position = position
    Item.objects.bulk_update(items, ["position"])


def set_minutes(request, item_id: int, minutes: int) -> None:
    with transaction.atomic():
        item = _as_member(request, item_id, "mdt_item_timed")
        meeting = _member_meeting(request, item.meeting_id)
        _open(meeting)
        if agenda.minutes_problem(str(minutes)):
            raise ValueError(agenda.minutes_problem(str(minutes)))
        Item.objects.filter(pk=item.pk).update(minutes=minutes)
        _touch(meeting.pk)


def invite(request, item_id: int, user_id: int, person_agreed: bool) -> Invitation:
    """A member invites someone for one item: a volunteer who visits the person (only with the person's agreement),
    or a member of staff of the MDT's organisations. Invited twice is invited once."""
    with transaction.atomic():
        item = _as_member(request, item_id, "mdt_invited")
        meeting = _member_meeting(request, item.meeting_id)
        _open(meeting)
        volunteer = any(u.pk == user_id for u in queries_meeting.volunteers_of(item.person_id))
        staff = any(u.pk == user_id for u in queries_meeting.staff_of(meeting.mdt))
        if not (volunteer or staff):
            raise NotAllowed
        if volunteer and not staff and not person_agreed:
            raise ValueError("The person must agree before their volunteer joins")
        existing = Invitation.objects.filter(item=item, user_id=user_id, withdrawn_at__isnull=True).first()
        if existing:
            return existing
        invitation = Invitation.objects.create(
            item=item,
            person_id=item.person_id,
            user_id=user_id,
            invited_by=request.user,
            person_agreed=volunteer and person_agreed,
        )
        record(
            request, "mdt_invited", item.person_id, Basis.MDT_MEMBER, object_type="mdt_item", object_id=item.pk,
            invited=user_id,
        )  # fmt: skip
        return invitation


def record_attendance(request, meeting_id: int, answers: dict[int, bool]) -> None:
    """Who came (True) and who sent apologies (False): core members for the meeting, invitees for their item.
    Someone neither a core member nor invited to one of its items is left out."""
    with transaction.atomic():
        meeting = _member_meeting(request, meeting_id)
        _open(meeting)
        members = {m.user_id for m in queries_meeting.core_members(meeting.mdt)}
        standing = Invitation.objects.filter(item__meeting=meeting, withdrawn_at__isnull=True)
        invited = set(standing.values_list("user_id", flat=True))
        for user_id, present in answers.items():
            if user_id in members or user_id in invited:
                Attendance.objects.update_or_create(meeting=meeting, user_id=user_id, defaults={"present": present})
        _touch(meeting.pk)


def save_item(request, item_id: int, notes: str, decision: str, discussed: bool, version: int) -> Item:
    """The item's notes and decision, saved only over the version the writer started from (else EditConflict,
    with the item as it now stands)."""
    with transaction.atomic():
        item = _as_member(request, item_id, "mdt_item_noted")
        meeting = _member_meeting(request, item.meeting_id)
        _open(meeting)
        item.notes, item.decision, item.discussed = notes.strip(), decision.strip(), discussed
        save_if_unchanged(item, version, ["notes", "decision", "discussed"])
        record(request, "mdt_item_noted", item.person_id, Basis.MDT_MEMBER, object_type="mdt_item", object_id=item.pk)
        return item


def owners_of(meeting: Meeting) -> dict[int, str]:
    """Who may own an action: the meeting's core members and its invitees, by user id, with their names."""
    found = {m.user_id: m.user.display_name for m in queries_meeting.core_members(meeting.mdt)}
    standing = Invitation.objects.filter(item__meeting=meeting, withdrawn_at__isnull=True).select_related("user")
    for invitation in standing:
        found.setdefault(invitation.user_id, invitation.user.display_name)
    return found


def add_action(request, item_id: int, what: str, owner_id: int, due: date, form_key=None) -> Action:
    with transaction.atomic():
        item = _as_member(request, item_id, "mdt_action_agreed")
        meeting = _member_meeting(request, item.meeting_id)
        _open(meeting)
        if owner_id not in owners_of(meeting):
            raise NotAllowed
        action = Action.objects.create(
            item=item,
            person_id=item.person_id,
            what=what.strip(),
            owner_id=owner_id,
            due=due,
            agreed_by=request.user,
            form_key=form_key,
        )
        record(
            request, "mdt_action_agreed", item.person_id, Basis.MDT_MEMBER, object_type="mdt_action",
            object_id=action.pk,
        )  # fmt: skip
        return action


def _sentence(text: str) -> str:
    """Ends with a full stop (or its own ! or ?), so that the parts read well run together on one line."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def minutes_text(meeting: Meeting, item: Item, actions: list[Action], present: list[str]) -> str:
    """One item's minutes, as they go on the person's timeline: a line each, each a sentence."""
    lines = [f"Discussed at {meeting.mdt.name} on {timezone.localtime(meeting.starts_at):%-d %B %Y}."]
    lines.append(_sentence(f"Why: {item.reason}"))
    if not item.discussed:
        lines.append("Not discussed at this meeting.")
    if item.notes:
        lines.append(_sentence(f"Notes: {item.notes}"))
    if item.decision:
        lines.append(_sentence(f"Decision: {item.decision}"))
    for action in actions:
        lines.append(f"Action: {_sentence(action.what)[:-1]} ({action.owner.display_name}, by {action.due:%-d %B %Y}).")
    if present:
        lines.append(f"Present: {', '.join(present)}.")
    return "\n".join(lines)


def finish(request, meeting_id: int, version: int) -> Meeting:
    """The meeting is finished: each item's minutes go to that person's timeline, and to no one else's, written by
    the member who finishes it. Only over the version the member checked (else EditConflict)."""
    with transaction.atomic():
        meeting = _member_meeting(request, meeting_id)
        _open(meeting)
        if meeting.starts_at > timezone.now():
            raise NotStarted(meeting)
        if meeting.version != version:
            raise EditConflict(meeting)
        items = queries_meeting.items_of(meeting)
        ids = [i.pk for i in items]
        actions = queries_meeting.actions_by_item(ids)
        members = {m.user_id: m.user.display_name for m in queries_meeting.core_members(meeting.mdt)}
        came = Attendance.objects.filter(meeting=meeting, present=True).select_related("user")
        for_all = [a.user.display_name for a in came if a.user_id in members]
        for_item: dict[int, list[str]] = {}
        for invitation in queries_meeting.invitees_present(meeting):
            for_item.setdefault(invitation.item_id, []).append(invitation.user.display_name)
        now = timezone.now()
        Entry.objects.bulk_create(
            Entry(
                person_id=item.person_id,
                kind=TIMELINE_KIND,
                author=request.user,
                at=now,
                text=minutes_text(meeting, item, actions.get(item.pk, []), for_all + for_item.get(item.pk, [])),
            )
            for item in items
        )
        meeting.status, meeting.finished_at, meeting.finished_by = Meeting.Status.FINISHED, now, request.user
        meeting.version += 1
        meeting.save(update_fields=["status", "finished_at", "finished_by", "version"])
        if items:
            reads = [Read(i.person_id, Basis.MDT_MEMBER, object_id=i.pk) for i in items]
            record_each(request, "mdt_minutes_written", reads, object_type="mdt_item")
        return meeting
