"""The JSON API for reviews on the virtual ward:

- POST /virtual-ward/episodes/{id}/observations: one set of observations, scored with NEWS2 and kept as a review,
  under an Idempotency-Key (alongside.core.idempotency). For the ward's team, while the episode is open. Answers
  201 with the total (`news2`, null when a reading is missing), the clinical `response` (null when it cannot be
  told), whether it is `complete`, what is `missing` and what the score is `at_least`. A reading out of its range,
  or of the wrong type, answers 422 with a specific message for each field.
- GET /virtual-ward/episodes/{id}/observations: the episode's reviews, newest first, for whoever may read them
  (the ward's team; anyone the person's record lets read their care).

An episode the caller may not see answers 404 exactly as a missing one; one they may see that has ended says so.
"""

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from alongside.core import idempotency
from alongside.core.api_errors import Message, responses
from alongside.core.api_input import body_schema
from alongside.people.access import record_denied

from . import actions_reviews, news2, queries_reviews
from .forms_reviews import NOT_A_NUMBER
from .words_reviews import READINGS

router = Router(tags=["virtual ward"])

SCOPE = "virtual_ward.observations"
NOT_FOUND = "There is no virtual ward episode with this id that you may see."
ENDED = "This episode has ended: a review can only be recorded while the person is on the ward."
NOT_SAVED = "The observations were not saved. Correct each field named below and send them again."
NOT_JSON = 'Send the observations as a JSON object, like {"pulse": 72}.'
WHOLE_FIELDS = ("respiration_rate", "spo2", "systolic_bp", "pulse")
KNOWN = {*news2.PARAMETERS, "spo2_scale", "note", "escalation"}


class ObservationsIn(Schema):
    respiration_rate: int | None = Field(None, description="Breaths a minute, 3 to 70")
    spo2: int | None = Field(None, description="Oxygen saturation, %, 50 to 100")
    spo2_scale: Literal[1, 2] = Field(1, description="2 only for a target of 88 to 92% set by a clinician")
    on_oxygen: bool | None = Field(None, description="true on extra oxygen, false on air")
    systolic_bp: int | None = Field(None, description="mmHg, 40 to 300")
    pulse: int | None = Field(None, description="Beats a minute, 20 to 250")
    consciousness: Literal["alert", "new_confusion", "voice", "pain", "unresponsive"] | None = None
    temperature: float | None = Field(None, description="°C to one decimal place, 25.0 to 45.0")
    note: str = ""
    escalation: str = Field("", description="What was done about a score calling for an urgent or emergency response")


class Scored(Schema):
    id: int
    at: datetime
    news2: int | None = Field(description="The NEWS2 total; null when a reading is missing")
    response: Literal["low", "low_medium", "medium", "high"] | None = Field(
        description="The clinical response; null when it cannot be told from what was taken"
    )
    complete: bool
    missing: list[str] = Field(description="The readings not taken, in the chart's order")
    at_least: int = Field(description="The total of the readings taken: the score is this or more")


class ReviewOut(Scored):
    by: str
    respiration_rate: int | None
    spo2: int | None
    spo2_scale: int
    on_oxygen: bool | None
    systolic_bp: int | None
    pulse: int | None
    consciousness: str | None
    temperature: float | None
    note: str
    escalation: str


class Problem(Schema):
    field: str
    message: str


class Problems(Schema):
    detail: str
    errors: list[Problem]


def _read(request) -> dict:
    try:
        body = json.loads(request.body or b"", parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    except ValueError:
        raise HttpError(400, NOT_JSON) from None
    if not isinstance(body, dict):
        raise HttpError(400, NOT_JSON)
    return body


def check(body: dict) -> tuple[news2.Observations | None, str, str, list[dict]]:
    """The observations in the body, or every problem with them as {field, message}."""
    problems: list[dict] = []
    values: dict = {}
    for name in sorted(set(body) - KNOWN):
        problems.append({"field": name, "message": f"Remove {name}: it is not an observation this API takes"})
    for name in WHOLE_FIELDS:
        value = body.get(name)
        if value is None:
            values[name] = None
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append({"field": name, "message": NOT_A_NUMBER[name]})
        elif news2.out_of_range(name, value):
            problems.append({"field": name, "message": READINGS[name].refused})
        else:
            values[name] = value
    temperature = body.get("temperature")
    values["temperature"] = None
    if temperature is not None:
        try:
            if isinstance(temperature, bool) or not isinstance(temperature, int | float):
                raise InvalidOperation
            reading = Decimal(str(temperature))
            if reading != reading.quantize(Decimal("0.1")):
                raise InvalidOperation
        except InvalidOperation:
            problems.append({"field": "temperature", "message": NOT_A_NUMBER["temperature"]})
        else:
            if news2.out_of_range("temperature", reading):
                problems.append({"field": "temperature", "message": READINGS["temperature"].refused})
            else:
                values["temperature"] = reading.quantize(Decimal("0.1"))
    scale = body.get("spo2_scale", 1)
    if scale not in (1, 2) or isinstance(scale, bool):
        problems.append({"field": "spo2_scale", "message": "Send spo2_scale as 1, or 2 for a target of 88 to 92%"})
    oxygen = body.get("on_oxygen")
    if oxygen is not None and not isinstance(oxygen, bool):
        problems.append({"field": "on_oxygen", "message": "Send on_oxygen as true (extra oxygen) or false (air)"})
    level = body.get("consciousness")
    levels = [c.value for c in news2.Consciousness]
    if level is not None and level not in levels:
        problems.append({"field": "consciousness", "message": "Send consciousness as one of " + ", ".join(levels)})
    texts = {}
    for name in ("note", "escalation"):
        text = body.get(name, "")
        if not isinstance(text, str) or "\x00" in text or len(text) > 5000:
            problems.append({"field": name, "message": f"Send {name} as text of at most 5,000 characters"})
            text = ""
        texts[name] = text
    if problems:
        return None, "", "", problems
    obs = news2.Observations(
        respiration_rate=values["respiration_rate"],
        spo2=values["spo2"],
        spo2_scale=scale,
        on_oxygen=oxygen,
        systolic_bp=values["systolic_bp"],
        pulse=values["pulse"],
        consciousness=news2.Consciousness(level) if level else None,
        temperature=values["temperature"],
    )
    return obs, texts["note"], texts["escalation"], []


def _scored(review) -> dict:
    score = news2.score(queries_reviews.observations_of(review))
    return {
        "id": review.pk,
        "at": review.at,
        "news2": review.news2,
        "response": review.response or None,
        "complete": review.news2 is not None,
        "missing": list(score.missing),
        "at_least": review.news2_at_least,
    }


@router.post(
    "/virtual-ward/episodes/{int:episode_id}/observations",
    response=responses({201: Scored, 400: Message, 422: Problems}, not_found=True),
    summary="Record a review's observations and get their NEWS2",
    description=(
        "For the ward's team while the episode is open. Every reading is optional, but a missing one makes the "
        "score incomplete (news2 null, never scored as normal). Needs an Idempotency-Key header: a retry with the "
        "same key and body gets the first answer and records nothing new."
    ),
    openapi_extra={
        "parameters": [idempotency.openapi_header("this set of observations")],
        # the body is read by hand (for a specific 422 message per field), so it is documented from its model here
        "requestBody": {"required": True, "content": {"application/json": {"schema": body_schema(ObservationsIn)}}},
    },
)
def record_observations(request, episode_id: int):
    key = idempotency.key_from(request)
    body = _read(request)
    episode = actions_reviews.may_review(request, episode_id)
    if episode is None:
        record_denied(request, "api_ward_review_recorded", None, object_type="ward_episode", object_id=episode_id)
        raise HttpError(404, NOT_FOUND)
    if episode.ended_at is not None:
        raise HttpError(404, ENDED)

    def work() -> idempotency.Answer:
        obs, note, done, problems = check(body)
        if obs is None:
            return idempotency.Answer(422, {"detail": NOT_SAVED, "errors": problems})
        try:
            review = actions_reviews.record_review(
                request, episode_id, obs, note, done, done_required=False, what="api_ward_review_recorded"
            )
        except actions_reviews.Ended:
            return idempotency.Answer(404, {"detail": ENDED})
        return idempotency.Answer(201, _scored(review))

    return idempotency.once(request, key, body, work, scope=f"{SCOPE}.{episode_id}").response()


@router.get(
    "/virtual-ward/episodes/{int:episode_id}/observations",
    response=responses({200: list[ReviewOut]}, not_found=True),
    summary="An episode's reviews with their observations and NEWS2, newest first",
)
def list_observations(request, episode_id: int):
    readable = queries_reviews.readable_episode(request, episode_id, "api_ward_reviews_viewed")
    if readable is None:
        raise HttpError(404, NOT_FOUND)
    return [
        {
            **_scored(r),
            "by": r.by.display_name,
            "respiration_rate": r.respiration_rate,
            "spo2": r.spo2,
            "spo2_scale": r.spo2_scale,
            "on_oxygen": r.on_oxygen,
            "systolic_bp": r.systolic_bp,
            "pulse": r.pulse,
            "consciousness": r.consciousness or None,
            "temperature": float(r.temperature) if r.temperature is not None else None,
            "note": r.note,
            "escalation": r.escalation,
        }
        for r in queries_reviews.reviews_of(readable.episode.pk)
    ]
