"""The JSON API for the virtual ward's capacity board (issue 17, item 6): GET /virtual-ward/board, the same figures
and patients as the page, through the same query module (queries_board), audited the same way. For the ward's team
only: anyone else gets 404, exactly as for a ward that does not exist."""

from datetime import datetime

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from alongside.core.api_errors import responses
from alongside.people.access import record_denied

from . import queries_board

router = Router(tags=["virtual ward"])

NOT_FOUND = "There is no virtual ward with this id whose team you are on."


class NextContactOut(Schema):
    kind: str = Field(description="visit, call or readings")
    due_at: datetime
    nurse: str | None = Field(description="The nurse's name, or null when no nurse is given yet")


class PatientOut(Schema):
    episode_id: int
    person_id: int
    person_name: str
    bed: int
    hour: int = Field(description="The hour of the stay they are in, from 1")
    hours: int = Field(description="How many hours the stay is planned for (72, or more with a reason)")
    due_end_at: datetime
    leaving_within_12_hours: bool
    next_contact: NextContactOut | None
    news2: int | None = Field(description="The latest review's NEWS2 total; null when incomplete or no review yet")
    news2_at_least: int | None = Field(description="The least it can be when a reading was missing")
    news2_incomplete: bool
    response: str | None = Field(description="low, low_medium, medium or high; null when it cannot be told")
    last_review_at: datetime | None
    review_overdue: bool = Field(description="No review for more than 24 hours (or none yet)")


class BoardOut(Schema):
    ward_id: int
    ward: str
    at: datetime
    beds: int = Field(description="Beds today: the day's number if set, else the ward's usual number")
    beds_reason: str = Field(description="Why today's beds differ from the usual number; empty when they do not")
    occupied: int
    free: int
    waiting_for_bed: int = Field(description="People accepted and not yet admitted")
    waiting_for_decision: int
    oldest_decision_due: datetime | None
    patients: list[PatientOut] = Field(description="The people on the ward, by bed")


@router.get(
    "/virtual-ward/board",
    response=responses({200: BoardOut}, not_found=True, parameters=True),
    summary="The capacity board of your virtual ward",
    description=(
        "Beds today, occupied and free beds, who is waiting, and each patient with their hour of the stay, next "
        "contact, latest NEWS2 and last review. `ward` chooses the ward when you are on more than one ward's team. "
        "Each patient shown is recorded in the audit."
    ),
)
def virtual_ward_board(request, ward: int | None = None):
    wards = queries_board.my_ward_list(request)
    chosen = next((w for w in wards if w.pk == ward), None) if ward is not None else (wards[0] if wards else None)
    if chosen is None:
        record_denied(request, "api_ward_board_viewed", None, object_type="ward", object_id=ward or "")
        raise HttpError(404, NOT_FOUND)
    board = queries_board.board(request, chosen, "api_ward_board_viewed")
    return {
        "ward_id": chosen.pk,
        "ward": chosen.name,
        "at": board.now,
        "beds": board.beds,
        "beds_reason": board.beds_reason,
        "occupied": board.occupied,
        "free": board.free,
        "waiting_for_bed": board.waiting_for_bed_count,
        "waiting_for_decision": board.deciding_count,
        "oldest_decision_due": board.oldest_decision_due,
        "patients": [_patient(p) for p in board.patients],
    }


def _patient(p: queries_board.Patient) -> dict:
    review, nxt = p.review, p.next_contact
    return {
        "episode_id": p.episode.pk,
        "person_id": p.episode.person_id,
        "person_name": p.name,
        "bed": p.episode.bed,
        "hour": p.hour,
        "hours": p.hours,
        "due_end_at": p.episode.due_end_at,
        "leaving_within_12_hours": p.leaving_soon,
        "next_contact": {
            "kind": nxt.kind,
            "due_at": nxt.due_at,
            "nurse": nxt.nurse.display_name if nxt.nurse else None,
        }
        if nxt
        else None,
        "news2": review.news2 if review else None,
        "news2_at_least": review.news2_at_least if review else None,
        "news2_incomplete": bool(review and review.news2 is None),
        "response": (review.response or None) if review else None,
        "last_review_at": review.at if review else None,
        "review_overdue": p.review_overdue,
    }
