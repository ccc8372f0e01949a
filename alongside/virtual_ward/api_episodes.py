"""The virtual ward's episodes API, under the same rules as the pages (access.seen_referrals, ADR 0034):

- GET /virtual-ward/episodes: the caller's wards' open episodes and referrals waiting (for a decision or a bed),
  each audited as a read of the person's data, in one insert.
- POST /virtual-ward/episodes: refer someone (person_id, ward_id, source, direction, reason) under an
  Idempotency-Key; 422 lists each problem with its field; 404 for a person the caller may not refer, exactly as
  for one who does not exist.
"""

import json
from datetime import datetime
from typing import Literal

from django.db.models import Q
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from alongside.core import idempotency
from alongside.core.api_errors import Message, responses
from alongside.core.api_input import body_schema
from alongside.partners.roles import caring_team_ids
from alongside.people.access import record_denied
from alongside.people.models import Person

from . import actions_episodes as actions
from . import rules_episodes as rules
from .access import seen_referrals, with_everything
from .models import Referral, Ward

router = Router(tags=["virtual ward"])

SCOPE = "virtual_ward.refer"
NOT_FOUND = "There is no person with this id that you may refer."
NOT_SENT = "The referral was not sent."
NOT_JSON = "Send the referral as a JSON object."


class EpisodeOut(Schema):
    id: int | None = Field(description="The episode's id; null for a referral not yet admitted")
    referral_id: int
    person_id: int
    ward: str
    bed: int | None
    admitted_at: datetime | None
    due_end_at: datetime | None
    hour_of_episode: int | None
    status: Literal["waiting_for_decision", "waiting_for_bed", "admitted"]


class EpisodesOut(Schema):
    items: list[EpisodeOut]


class Problems(Schema):
    detail: str
    errors: list[dict]


class ReferBody(Schema):
    """The body of POST /virtual-ward/episodes, for the OpenAPI document: the body itself is read by hand, so that
    each problem answers 422 with its own specific message."""

    person_id: int = Field(description="Who to refer")
    ward_id: int = Field(description="Which virtual ward")
    source: Literal["single_point_of_access", "gp", "ambulance", "emergency_department", "hospital_ward"] = Field(
        description="Where the referral comes from"
    )
    direction: Literal["step_up", "step_down"] = Field(
        description="step_up: to avoid going into hospital; step_down: to leave hospital sooner"
    )
    reason: str = Field(max_length=rules.REASON_LONGEST, description="Why they need the virtual ward")


class Referred(Schema):
    referral_id: int
    person_id: int
    ward_id: int
    decision_due: datetime


def _out(referral: Referral, now) -> dict:
    episode = getattr(referral, "episode", None)
    return {
        "id": episode.pk if episode else None,
        "referral_id": referral.pk,
        "person_id": referral.person_id,
        "ward": referral.ward.name,
        "bed": episode.bed if episode else None,
        "admitted_at": episode.admitted_at if episode else None,
        "due_end_at": episode.due_end_at if episode else None,
        "hour_of_episode": rules.hour_of_episode(episode.admitted_at, now) if episode else None,
        "status": "admitted" if episode else ("waiting_for_bed" if referral.decision else "waiting_for_decision"),
    }


@router.get(
    "/virtual-ward/episodes",
    response=responses({200: EpisodesOut}),
    summary="Your virtual wards' current episodes and referrals waiting",
    description="Open episodes and referrals waiting for a decision or a bed; each one shown is audited.",
)
def ward_episodes(request):
    found = list(
        with_everything()
        .filter(ward__team_id__in=caring_team_ids(request))
        .filter(
            Q(decision="")
            | Q(decision=Referral.Decision.ACCEPTED, episode__isnull=True)
            | Q(episode__isnull=False, episode__ended_at__isnull=True)
        )
        .order_by("referred_at", "pk")
    )
    now = timezone.now()
    seen = [s for s in seen_referrals(request, found, "api_ward_episodes_listed") if s.as_ward_team]
    return {"items": [_out(s.referral, now) for s in seen]}


def _problems(body: dict, ward_ids: set[int]) -> tuple[actions.ReferralIn | None, list[dict]]:
    errors = []
    texts = {}
    for name in ("source", "direction", "reason"):
        value = body.get(name, "")
        if not isinstance(value, str):
            errors.append({"field": name, "message": "Send this as text"})
            value = ""
        texts[name] = value
    ward_id = body.get("ward_id")
    if not isinstance(ward_id, int) or isinstance(ward_id, bool):
        ward_id = -1
    referral = actions.ReferralIn(ward_id, texts["source"], texts["direction"], texts["reason"])
    for field, message in actions.problems_with(referral, ward_ids).items():
        if not any(e["field"] == field for e in errors):
            errors.append({"field": "ward_id" if field == "ward" else field, "message": message})
    return (None if errors else referral), errors


@router.post(
    "/virtual-ward/episodes",
    response=responses({201: Referred, 400: Message, 422: Problems}, not_found=True),
    summary="Refer someone to a virtual ward",
    description=(
        "Needs an Idempotency-Key header: a retry with the same key gets the first answer and makes nothing new. "
        "Body: person_id, ward_id, source (single_point_of_access, gp, ambulance, emergency_department, "
        "hospital_ward), direction (step_up or step_down) and reason. Answers 404 for a person you may not refer."
    ),
    openapi_extra={
        "parameters": [idempotency.openapi_header("this referral")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": body_schema(ReferBody)}}},
    },
)
def refer_to_ward(request):
    key = idempotency.key_from(request)
    body = read_body(request)
    answer = idempotency.once(request, key, body, lambda: _refer(request, body), scope=SCOPE)
    return answer.response()


def read_body(request) -> dict:
    """The body as a JSON object, or HttpError(400)."""
    try:
        body = json.loads(request.body or b"", parse_constant=_refuse)
        json.dumps(body, ensure_ascii=False, allow_nan=False).encode()
    except (ValueError, UnicodeEncodeError):
        raise HttpError(400, NOT_JSON) from None
    if not isinstance(body, dict):
        raise HttpError(400, NOT_JSON)
    return body


def _refuse(constant):
    raise ValueError(constant)


def _refer(request, body: dict) -> idempotency.Answer:
    person_id = body.get("person_id")
    person = Person.objects.filter(pk=person_id).first() if isinstance(person_id, int) else None
    if person is None or actions.refer_basis(request, person) is None:
        record_denied(request, "ward_refer_opened", person.pk if person else None, object_id=str(person_id)[:40])
        raise HttpError(404, NOT_FOUND)
    referral_in, errors = _problems(body, set(Ward.objects.values_list("pk", flat=True)))
    if referral_in is None:
        return idempotency.Answer(422, {"detail": NOT_SENT, "errors": errors})
    try:
        made = actions.refer(request, person, referral_in)
    except actions.Problem as problem:
        return idempotency.Answer(
            422, {"detail": NOT_SENT, "errors": [{"field": "person_id", "message": str(problem)}]}
        )
    return idempotency.Answer(
        201,
        {"referral_id": made.pk, "person_id": person.pk, "ward_id": made.ward_id, "decision_due": made.decision_due},
    )
