"""The JSON API for MDT meetings (issue 16, item 7), under the same audience rule as the pages (access.seen_items):

- GET /mdt/meetings: the meetings the caller may see anything of, newest first, a page at a time, each with its
  agenda filtered to the items the caller may see.
- GET /mdt/meetings/{id}: one meeting, the same way; 404 when the caller may see no item of it, exactly as for a
  meeting that does not exist.

A core member sees every item, with why the person is on the agenda and, once the meeting is finished, its notes
and decision. Someone invited for one item (a volunteer for their own client) sees that item only: whom it is about,
when to join, how long it has, and once the meeting is finished what was decided. Every item shown is audited as a
read of the person's data, on its basis, in one insert.
"""

from datetime import datetime, timedelta
from typing import Literal

from django.db.models import Q
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from alongside.core.api_errors import link, links, responses
from alongside.core.api_input import PageQuery
from alongside.people.access import record_denied

from . import access
from .access import Seen
from .models import Item, Meeting

router = Router(tags=["mdt"])

GET_MEETING = "alongside_mdt_api_mdt_meeting"
NOT_FOUND = "There is no MDT meeting with this id that you may see."


class ItemOut(Schema):
    id: int
    person_id: int
    person_name: str
    position: int = Field(description="Its place on the agenda, from 1")
    starts_at: datetime = Field(description="When the item is due to start: the time to join for an invitee")
    minutes: int = Field(description="How long it has on the agenda")
    reason: str | None = Field(description="Why the person is on the agenda: for core members only, else null")
    notes: str | None = Field(description="The notes of the discussion, once finished: for core members only")
    decision: str | None = Field(description="What was decided, once the meeting is finished; else null")
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
        .select_related("meeting__mdt", "person")
        .order_by("meeting_id", "position", "pk")
    )
    agendas: dict[int, list[dict]] = {}
    for seen in access.seen_items(request, items, "api_mdt_items_listed"):
        agendas.setdefault(seen.item.meeting_id, []).append(_item(seen, timing[seen.item.meeting_id][seen.item.pk]))
    return agendas


def _item(seen: Seen, starts_at: datetime) -> dict:
    item, member = seen.item, seen.as_member
    finished = item.meeting.status == Meeting.Status.FINISHED
    return {
        "id": item.pk,
        "person_id": item.person_id,
        "person_name": item.person.full_name,
        "position": item.position,
        "starts_at": starts_at,
        "minutes": item.minutes,
        "reason": item.reason if member else None,
        "notes": item.notes if member and finished else None,
        "decision": item.decision if finished else None,
        "seen_as": "member" if member else "invited",
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
