"""The JSON API for concerns from volunteers.

- POST /concerns: a volunteer raises a concern about one of their clients with their own API token, under an
  Idempotency-Key (alongside.core.idempotency): a retry gets the first answer and makes nothing new. It goes down
  its hub's route exactly as one raised on the page does (`actions_raising.raise_concern`). A person who is not
  the volunteer's client, or does not exist, gets the same answer: 422 on `person_id`.
- GET /concerns: the concerns the caller may see (`raising_access.visible_concerns`, the one access policy's
  `concern_basis`), newest first; each returned is audited, in one insert.
- GET /concerns/{id}: one concern, its status, route and outcome; 404, exactly like a missing one, when the caller
  may not see it.
"""

import json
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field, ValidationError

from alongside.core import idempotency
from alongside.core.api_errors import Message, link, links, responses
from alongside.core.api_input import PageQuery, text
from alongside.partners.models import Role

from . import actions_raising, raising_access, raising_queries, routing
from .models import Concern

router = Router(tags=["concerns"])

SCOPE = "concerns.create"
GET_CONCERN = "alongside_concerns_api_get_concern"
NOT_A_VOLUNTEER = "Only volunteers raise concerns about the people they visit, with their own API token."
NOT_SENT = "The concern was not sent. Put right each problem listed and send it again with the same Idempotency-Key."
NOT_A_CLIENT = "Use the id of someone you visit now as their volunteer."
BODY_UNREADABLE = 'Send the concern as a JSON object, like {"person_id": 12, "kind": "health", "urgency": "today"}.'


class ConcernIn(Schema):
    person_id: int = Field(ge=1, le=2_147_483_647, description="The person, one of the caller's clients")
    kind: Literal["health", "social", "environmental"] = Field(description="What kind of worry")
    urgency: Literal["next_meeting", "few_days", "today"] = Field(description="How soon someone should look")
    words: text(2000) = Field("", description="The volunteer's own words (optional)")  # type: ignore[valid-type]


class Problem(Schema):
    field: str
    message: str


class Problems(Schema):
    detail: str
    errors: list[Problem] = Field([], description="Each problem with the body (empty for a reused key)")


class ConcernOut(Schema):
    id: int
    person_id: int
    kind: str
    urgency: str
    status: str = Field(description='"open" or "closed"')
    route: str = Field(description="How it travels: team_leader_call, monthly_meeting, coffee_morning or mdt")
    route_words: str
    answer_by: str = Field(description="When the route's response target falls (ISO 8601)")
    overdue: bool
    raised_at: str
    outcome: str | None = Field(description="What happened, written for the volunteer; null while open")


class ConcernCreated(Schema):
    id: int
    status: str
    route: str
    answer_by: str


class ConcernsPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ConcernOut]


def _out(concern: Concern) -> dict:
    return {
        "id": concern.pk,
        "person_id": concern.person_id,
        "kind": concern.kind,
        "urgency": concern.urgency,
        "status": concern.status,
        "route": concern.route_kind,
        "route_words": raising_queries.route_words(concern.route_kind),
        "answer_by": concern.answer_by.isoformat(),
        "overdue": routing.is_overdue(concern.answer_by, timezone.now(), concern.status == Concern.Status.OPEN),
        "raised_at": concern.created_at.isoformat(),
        "outcome": concern.outcome or None if concern.status == Concern.Status.CLOSED else None,
    }


@router.post(
    "/concerns",
    response=responses({201: ConcernCreated, 400: Message, 403: Message, 422: Problems}),
    summary="Raise a concern about one of your clients (volunteers)",
    description=(
        "Needs an Idempotency-Key header: a repeat with the same key and body gets the first answer and makes "
        "nothing new. Problems with the body answer 422, each with its field."
    ),
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": idempotency.HEADER,
                "required": True,
                "schema": {"type": "string", "minLength": 1, "maxLength": idempotency.MAX_KEY_LENGTH},
                "description": "Unique to this concern, chosen by the caller (a UUID, say); the same on a retry",
            }
        ],
        "responses": {201: {"links": {"concern": link(GET_CONCERN, concern_id="$response.body#/id")}}},
        "requestBody": {"required": True, "content": {"application/json": {"schema": ConcernIn.model_json_schema()}}},
    },
)
def raise_concern(request):
    if Role.VOLUNTEER not in request.roles:
        raise HttpError(403, NOT_A_VOLUNTEER)
    key = idempotency.key_from(request)
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, BODY_UNREADABLE) from None
    if not isinstance(body, dict):
        raise HttpError(400, BODY_UNREADABLE)
    answer = idempotency.once(request, key, body, lambda: _receive(request, body), scope=SCOPE)
    return answer.response()


def _receive(request, body: dict) -> idempotency.Answer:
    try:
        concern_in = ConcernIn.model_validate(body)
    except ValidationError as error:
        problems = [
            {"field": ".".join(str(part) for part in e["loc"]) or "body", "message": e["msg"]} for e in error.errors()
        ]
        return idempotency.Answer(422, {"detail": NOT_SENT, "errors": problems})
    worry = actions_raising.Worry(concern_in.person_id, concern_in.kind, concern_in.urgency, concern_in.words)
    try:
        concern = actions_raising.raise_concern(request, worry)
    except Http404:
        return idempotency.Answer(
            422, {"detail": NOT_SENT, "errors": [{"field": "person_id", "message": NOT_A_CLIENT}]}
        )
    return idempotency.Answer(
        201,
        {
            "id": concern.pk,
            "status": concern.status,
            "route": concern.route_kind,
            "answer_by": concern.answer_by.isoformat(),
        },
    )


@router.get(
    "/concerns",
    response=responses({200: ConcernsPage}, parameters=True),
    openapi_extra=links(200, concern=link(GET_CONCERN, concern_id="$response.body#/items/0/id")),
    summary="The concerns the caller may see, newest first",
    description=(
        "A volunteer sees the concerns they raised about the people they visit now; a hub's coordinators their "
        "hub's; staff caring for a person the concerns about them. Each concern returned is recorded in the audit."
    ),
)
def list_concerns(request, filters: Query[PageQuery]):
    count, rows = raising_queries.concerns_page(request, filters.offset, filters.limit)
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": [_out(c) for c in rows]}


@router.get(
    "/concerns/{int:concern_id}",
    response=responses({200: ConcernOut}, not_found=True),
    summary="One concern: its status, route and outcome",
    description="Answers 404, exactly as for a concern that does not exist, when the caller may not see it.",
)
def get_concern(request, concern_id: int):
    concern, _basis = raising_access.open_concern(request, concern_id, "concern_viewed_api")
    return _out(concern)
