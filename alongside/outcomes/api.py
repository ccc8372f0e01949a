"""The JSON API for outcome measures (issue 15, item 7): the same access policy as the pages, audited the same way.

- GET /instruments: each instrument the service ships: its code, title, licence note and who may complete it.
- GET /instruments/{code}: its FHIR R4 Questionnaire (404 for a code the service does not ship).
- POST /people/{id}/responses: the person's answers to one instrument, recorded through `actions.record_response`
  under an Idempotency-Key (alongside.core.idempotency: the same key again replays the first answer and records
  nothing new). Answers that do not fit the instrument answer 422 with what is wrong (scoring.AnswerError's words).
- GET /people/{id}/responses: the person's responses, newest first, a page at a time; audited as one read.
- GET /people/{id}/responses/{rid}/fhir: one response as a FHIR R4 QuestionnaireResponse (fhir.py).

Reading is reading the person's care information (`Category.CARE`), through `open_record`: a caller who may not
see it gets a 404, exactly as for a person who does not exist. The person themselves, and a proxy they chose, read
their own through their own login, as the people API lets them. Recording is `actions.completer_for`'s to decide,
as for the pages (a caller who may read but not record gets a 403 saying so), and is stored as `How.API`.
"""

import hashlib
import json
from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from alongside.core import idempotency, registry
from alongside.core.api_errors import Message, link, links, responses
from alongside.core.api_input import PageQuery
from alongside.people.access import open_record
from alongside.people.policy import Category

from . import actions, fhir, scoring
from .instruments import Instrument
from .models import Response
from .queries import shipped

router = Router(tags=["outcomes"])

SCOPE = "outcomes.respond"  # what an Idempotency-Key is bound to, with the body
GET_RESPONSES = "alongside_outcomes_api_outcome_responses"
GET_FHIR = "alongside_outcomes_api_outcome_response_fhir"
GET_INSTRUMENT = "alongside_outcomes_api_instrument"

COMPLETERS = {
    "person": "The person, from their own login or a link sent to them",
    "staff_with_person": "Staff who care for the person, filling it in with them",
}
NOT_JSON = 'Send the answers as a JSON object: {"instrument": "phq-9", "answers": {"phq9-1": 2, ...}}.'
NO_INSTRUMENT = 'Say which questionnaire was answered in "instrument": one of {codes} (see GET /api/v1/instruments).'
NO_ANSWERS = 'Send the answers in "answers", an object of each question\'s linkId and the number of the answer chosen.'
MAY_NOT_RECORD = (
    "You may see this person's outcome measures but not record their answers to {title}. The person records their "
    "own; staff who care for them record them with the person, where the questionnaire allows."
)
NO_GOAL = (
    'The person\'s plan has no goal "{link_id}". Rate their current goals, keyed goal-<key>: {goals} '
    "(GET /api/v1/people/{{id}}/plan)."
)
NO_GOALS_YET = "The person's plan has no goals yet: write them in the plan before rating them."


# ----------------------------------------------------------------------------------------------- schemas


class InstrumentOut(Schema):
    code: str = Field(description='The instrument\'s code, as in "instrument" when sending answers')
    title: str
    licence: str = Field(description="Whose the wording is, and what its licence allows")
    completed_by: list[str] = Field(description="Who may complete it: person, staff_with_person")
    completed_by_words: list[str] = Field(description="The same, in words")
    questionnaire: str = Field(description="The canonical URL of its FHIR Questionnaire")


class ResponseOut(Schema):
    id: int
    instrument: str
    completed_at: datetime
    score: float | dict[str, float] | None = Field(
        description="The total; for an instrument read item by item (ONS4, goals), each item's value by linkId; "
        "null where too many questions were left unanswered to give a total"
    )
    band: str | None = Field(description="The band the total falls in, like Mild; null where there is none")
    reliable_change: Literal["improved", "no_reliable_change", "deteriorated"] | None = Field(
        description="Since the person's previous response to the same instrument, by the instrument's reliable "
        "change threshold (Jacobson and Truax); null for a first measure or where no threshold is published"
    )
    how: str = Field(description="own_login, link, with_staff or api")


class ResponsesPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResponseOut]


def _out(response: Response, instrument: Instrument | None) -> dict[str, Any]:
    per_item = instrument is not None and instrument.method == "per_item"
    return {
        "id": response.pk,
        "instrument": response.instrument,
        "completed_at": response.completed_at,
        "score": dict(response.items) if per_item else response.total,
        "band": response.band or None,
        "reliable_change": response.reliable_change or None,
        "how": response.how,
    }


# ----------------------------------------------------------------------------------------------- instruments


@router.get(
    "/instruments",
    response=responses({200: list[InstrumentOut]}),
    openapi_extra=links(200, questionnaire=link(GET_INSTRUMENT, code="$response.body#/0/code")),
    summary="The outcome measures the service uses",
    description="Each with its licence note and who may complete it.",
)
def instruments(request):
    return [
        {
            "code": instrument.code,
            "title": instrument.title,
            "licence": instrument.licence,
            "completed_by": sorted(instrument.completed_by),
            "completed_by_words": [COMPLETERS[who] for who in sorted(instrument.completed_by)],
            "questionnaire": instrument.questionnaire.get("url", ""),
        }
        for instrument in shipped().values()
    ]


@router.get(
    "/instruments/{code}",
    response=responses({200: dict[str, Any]}, not_found=True),
    summary="One outcome measure as a FHIR R4 Questionnaire",
    description="The questions and answer options as the service asks them. 404 for a code it does not use.",
)
def instrument(request, code: str):
    found = shipped().get(code)
    if found is None:
        raise HttpError(404, "There is no questionnaire with this code. The codes are listed at /api/v1/instruments.")
    return found.questionnaire


# ----------------------------------------------------------------------------------------------- responses


@router.get(
    "/people/{int:person_id}/responses",
    response=responses({200: ResponsesPage}, not_found=True, parameters=True),
    openapi_extra=links(
        200, fhir=link(GET_FHIR, person_id="$request.path.person_id", response_id="$response.body#/items/0/id")
    ),
    summary="The person's answers to outcome measures, newest first",
    description=(
        "Each with its score, band and reliable change since the one before. Answers 404, exactly as for a person "
        "who does not exist, when the caller may not see the person's care information. Recorded in the audit."
    ),
)
def outcome_responses(request, person_id: int, page: Query[PageQuery]):
    person, _, _ = open_record(request, person_id, Category.CARE, "api_outcomes_listed")
    found = Response.objects.filter(person=person)
    count = found.count()
    rows = list(found.order_by("-completed_at", "-pk")[page.offset : page.offset + page.limit])
    known = shipped()
    items = [_out(r, known.get(r.instrument)) for r in rows]
    return {"count": count, "limit": page.limit, "offset": page.offset, "items": items}


@router.get(
    "/people/{int:person_id}/responses/{int:response_id}/fhir",
    response=responses({200: dict[str, Any]}, not_found=True),
    summary="One of the person's responses as a FHIR R4 QuestionnaireResponse",
    description="Answers 404, exactly as for one that does not exist, when the caller may not see it.",
)
def outcome_response_fhir(request, person_id: int, response_id: int):
    person, _, _ = open_record(request, person_id, Category.CARE, "api_outcome_viewed")
    response = Response.objects.filter(person=person, pk=response_id).first()
    instrument = shipped().get(response.instrument) if response is not None else None
    if response is None or instrument is None:
        raise HttpError(404, "This person has no response with this id.")
    return fhir.questionnaire_response(
        instrument,
        response_id=response.pk,
        person_id=person.pk,
        answers=response.answers,
        goals=response.goals,
        authored=response.completed_at,
    )


@router.post(
    "/people/{int:person_id}/responses",
    response=responses({201: ResponseOut, 400: Message, 403: Message, 422: Message}, not_found=True),
    summary="Record the person's answers to an outcome measure",
    description=(
        "Needs an Idempotency-Key header: send the same key again to retry safely; a repeat gets the first answer "
        "(with the header Idempotent-Replayed: true) and records nothing new. Answers are each question's linkId "
        "and the number of the answer chosen (the ordinalValue of its option in GET /api/v1/instruments/{code}); "
        "for goal-based outcomes (gbo), each of the person's current goals keyed goal-<key> with a rating from 0 "
        "to 10. Answers that do not fit answer 422 saying what is wrong. 404, exactly as for a person who does not "
        "exist, when the caller may not see the person; 403 when they may see but not record."
    ),
    openapi_extra={
        "parameters": [idempotency.openapi_header("these answers")],
        "responses": {
            201: {"links": {"responses": link(GET_RESPONSES, person_id="$request.path.person_id")}},
            400: {"description": "No Idempotency-Key or a malformed one, or a body that is not a JSON object"},
            403: {"description": "The caller may see the person but not record these answers"},
            422: {"description": "Answers that do not fit the instrument, or a key already used with another body"},
        },
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["instrument", "answers"],
                        "properties": {
                            "instrument": {"type": "string", "description": "The instrument's code, like phq-9"},
                            "answers": {
                                "type": "object",
                                "additionalProperties": {"type": ["number", "null"]},
                                "description": "Each question's linkId and the number of the answer chosen",
                            },
                        },
                    }
                }
            },
        },
    },
)
def record_outcome_response(request, person_id: int):
    key = idempotency.key_from(request)
    body = _read_body(request)
    person, _, _ = open_record(request, person_id, Category.CARE, "api_outcome_sent")
    answer = idempotency.once(request, key, body, lambda: _record(request, person, body, key), scope=SCOPE)
    return answer.response()


def _read_body(request) -> dict:
    try:
        body = json.loads(request.body or b"", parse_constant=_refuse)
    except ValueError:
        raise HttpError(400, NOT_JSON) from None
    if not isinstance(body, dict):
        raise HttpError(400, NOT_JSON)
    return body


def _refuse(constant):
    raise ValueError(constant)  # NaN and Infinity are not JSON


def _record(request, person, body: dict, key: str) -> idempotency.Answer:
    known = shipped()
    instrument = known.get(body.get("instrument")) if isinstance(body.get("instrument"), str) else None
    if instrument is None:
        return idempotency.Answer(422, {"detail": NO_INSTRUMENT.format(codes=", ".join(sorted(known)))})
    answers = body.get("answers")
    if not isinstance(answers, dict) or not answers:
        return idempotency.Answer(422, {"detail": NO_ANSWERS})
    goals: dict[str, str] | None = None
    if instrument.items_per_person:
        goals, problem = _goals_rated(person.pk, answers)
        if problem:
            return idempotency.Answer(422, {"detail": problem})
    own_key = "api-" + hashlib.sha256(f"{request.user.pk}:{key}".encode()).hexdigest()[:60]
    try:
        response, _ = actions.record_response(
            request, person, instrument, answers, key=own_key, goals=goals, through_api=True
        )
    except PermissionDenied:
        return idempotency.Answer(403, {"detail": MAY_NOT_RECORD.format(title=instrument.title)})
    except scoring.AnswerError as error:
        return idempotency.Answer(422, {"detail": _sentence(str(error))})
    return idempotency.Answer(201, _out(response, instrument))


def _goals_rated(person_id: int, answers: dict) -> tuple[dict[str, str], str]:
    """The person's goals that were rated, {linkId: their words}, or a problem: a rating for no current goal."""
    current = {f"goal-{key}": words for key, words in registry.person_goals(person_id)}
    if not current:
        return {}, NO_GOALS_YET
    for link_id in answers:
        if link_id not in current:
            return {}, NO_GOAL.format(link_id=link_id, goals=", ".join(current))
    return {link_id: current[link_id] for link_id in answers}, ""


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."
