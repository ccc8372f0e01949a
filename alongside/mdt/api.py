"""The JSON API for MDT meetings (issue 16, item 7), under the same audience rule as the pages (access.seen_items):

- GET /mdt/meetings: the meetings the caller may see anything of, newest first, a page at a time, each with its
  agenda filtered to the items the caller may see.
- GET /mdt/meetings/{id}: one meeting, the same way; 404 when the caller may see no item of it, exactly as for a
  meeting that does not exist.

Everyone sees exactly what the item's page (/mdt/items/<id>/) shows them. A core member sees every item; someone
invited for one item (a volunteer for their own client) sees that item only. Each item shown has whom it is about
(named as the page names them), when to join, how long it has and why; once the meeting is finished, its notes,
decision and actions. A caller who is not staff reads the text with abbreviations written out, with the MDT's
area's own terms, as on the page. Every item shown is audited as a read of the person's data, on its basis, in
one insert.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Literal

from django.db.models import Q
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from alongside.core.api_errors import link, links, responses
from alongside.core.api_input import PageQuery
from alongside.language.expanding import expand
from alongside.language.rules import local_terms
from alongside.people.access import acting, record_denied
from alongside.people.policy import Acting

from . import access, queries_meeting
from .access import Seen
from .models import Item, Meeting

router = Router(tags=["mdt"])

GET_MEETING = "alongside_mdt_api_mdt_meeting"
NOT_FOUND = "There is no MDT meeting with this id that you may see."


class ActionOut(Schema):
    what: str
    owner: str = Field(description="Who does it")
    due: date
    done: bool


class ItemOut(Schema):
    id: int
    person_id: int
    person_name: str
    position: int = Field(description="Its place on the agenda, from 1")
    starts_at: datetime = Field(description="When the item is due to start: the time to join for an invitee")
    minutes: int = Field(description="How long it has on the agenda")
    reason: str = Field(description="Why the person is on the agenda")
    discussed: bool | None = Field(description="Whether there was time to talk about it, once finished; else null")
    notes: str | None = Field(description="The notes of the discussion, once the meeting is finished; else null")
    decision: str | None = Field(description="What was decided, once the meeting is finished; else null")
    actions: list[ActionOut] | None = Field(description="What was agreed to do, once finished; else null")
    seen_as: Literal["member", "invited"] = Field(description="Whether the caller sees it as a core member or invitee")


class MeetingOut(Schema):
    id: int
    mdt: str = Field(description="The MDT's name")
    starts_at: datetime
    status: Literal["planned", "running", "finished"]
    place: str = Field(description="Where it meets, or how to join by video or phone")
    items: list[ItemOut] = Field(description="The agenda items the caller may see, in order")


class MeetingsPage(Schema):
    count: int = Field(description="How many meetings the caller takes part in")
    limit: int
    offset: int
    items: list[MeetingOut]


def _candidates(request):
    """Meetings where the caller is a core member of the MDT or is invited to an item: one query each for the ids."""
    members, invited = access.member_mdt_ids(request), access.invited_item_ids(request)
    return Meeting.objects.filter(Q(mdt_id__in=members) | Q(items__in=invited)).distinct(), members, invited


def _agendas(request, meetings: list[Meeting], members, invited) -> dict[int, list[dict]]:
    """Each meeting's items the caller may see, with their start times (from every item's minutes), audited."""
    if not meetings:
        return {}
    ids = [m.pk for m in meetings]
    timing: dict[int, dict[int, datetime]] = {}
    starts = {m.pk: m.starts_at for m in meetings}
    for meeting_id, item_id, minutes in (
        Item.objects.filter(meeting_id__in=ids)
        .order_by("meeting_id", "position", "pk")
        .values_list("meeting_id", "pk", "minutes")
    ):
        times = timing.setdefault(meeting_id, {})
        times[item_id] = starts[meeting_id]
        starts[meeting_id] += timedelta(minutes=minutes)
    mine = Q(meeting__mdt_id__in=members) | Q(pk__in=invited)
    items = list(
        Item.objects.filter(mine, meeting_id__in=ids)
        .select_related("meeting__mdt__practice", "person")
        .order_by("meeting_id", "position", "pk")
    )
    seen = access.seen_items(request, items, "api_mdt_items_listed")
    finished = [s.item.pk for s in seen if s.item.meeting.status == Meeting.Status.FINISHED]
    actions = queries_meeting.actions_by_item(finished) if finished else {}
    names = queries_meeting.names(request, [s.item.person for s in seen])
    plain = acting(request) != Acting.STAFF
    terms: dict[int | None, dict[str, str]] = {}  # an area's local terms, read once each

    def words_for(item: Item) -> Callable[[str], str]:
        if not plain:
            return lambda text: text
        area = queries_meeting.area_of_mdt(item.meeting.mdt)
        if area not in terms:
            terms[area] = local_terms(area)
        return lambda text: expand(text, terms[area])

    agendas: dict[int, list[dict]] = {}
    for s in seen:
        shown = _item(s, timing[s.item.meeting_id][s.item.pk], names[s.item.person_id], actions, words_for(s.item))
        agendas.setdefault(s.item.meeting_id, []).append(shown)
    return agendas


def _item(seen: Seen, starts_at: datetime, name: str, actions: dict, words: Callable[[str], str]) -> dict:
    """One item as its page shows it to this caller: why always; the minutes only once the meeting is finished."""
    item = seen.item
    finished = item.meeting.status == Meeting.Status.FINISHED
    return {
        "id": item.pk,
        "person_id": item.person_id,
        "person_name": name,
        "position": item.position,
        "starts_at": starts_at,
        "minutes": item.minutes,
        "reason": words(item.reason),
        "discussed": item.discussed if finished else None,
        "notes": words(item.notes) if finished else None,
        "decision": words(item.decision) if finished else None,
        "actions": [
            {"what": words(a.what), "owner": a.owner.display_name, "due": a.due, "done": a.done_at is not None}
            for a in actions.get(item.pk, [])
        ]
        if finished
        else None,
        "seen_as": "member" if seen.as_member else "invited",
    }


def _meeting(meeting: Meeting, items: list[dict]) -> dict:
    return {
        "id": meeting.pk,
        "mdt": meeting.mdt.name,
        "starts_at": meeting.starts_at,
        "status": meeting.status,
        "place": meeting.mdt.place,
        "items": items,
    }


@router.get(
    "/mdt/meetings",
    response=responses({200: MeetingsPage}, parameters=True),
    openapi_extra=links(200, meeting=link(GET_MEETING, meeting_id="$response.body#/items/0/id")),
    summary="The MDT meetings you take part in, newest first",
    description=(
        "Each with its agenda filtered to the items you may see: every item for a core member of the MDT, only "
        "the items you are invited to otherwise. Each item shown is recorded in the audit."
    ),
)
def mdt_meetings(request, page: Query[PageQuery]):
    found, members, invited = _candidates(request)
    count = found.count()
    meetings = list(found.select_related("mdt").order_by("-starts_at", "pk")[page.offset : page.offset + page.limit])
    agendas = _agendas(request, meetings, members, invited)
    items = [_meeting(m, agendas[m.pk]) for m in meetings if agendas.get(m.pk)]
    return {"count": count, "limit": page.limit, "offset": page.offset, "items": items}


@router.get(
    "/mdt/meetings/{int:meeting_id}",
    response=responses({200: MeetingOut}, not_found=True),
    summary="One MDT meeting, with the agenda items you may see",
    description="Answers 404, exactly as for a meeting that does not exist, when you may see no item of it.",
)
def mdt_meeting(request, meeting_id: int):
    found, members, invited = _candidates(request)
    meeting = found.select_related("mdt").filter(pk=meeting_id).first()
    agenda = _agendas(request, [meeting], members, invited).get(meeting_id) if meeting else None
    if not agenda or meeting is None:
        record_denied(request, "api_mdt_items_listed", None, object_type="mdt_meeting", object_id=meeting_id)
        raise HttpError(404, NOT_FOUND)
    return _meeting(meeting, agenda)
