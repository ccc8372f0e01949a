"""The JSON API for care and support plans (issue 15, item 7): the same access policy as the plan's pages.

- GET /people/{id}/plan: the plan as it stands (its newest version), with its goals and whose words each part is.
- GET /people/{id}/plan/versions: every version, newest first, a page at a time.
- POST /people/{id}/plan: a new version, through `actions.save_plan`, under an Idempotency-Key; `based_on` is the
  version the caller started from (0 for none yet), and a newer one answers 409 with the version as it stands.

The plan is the person's own account (`Category.STORY`), read through `open_record`: a caller who may not read it
gets a 404, exactly as for a person who does not exist; one who may read but not write it gets a 403. Each read is
audited; the save is audited by the action.
"""

import json
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from alongside.core import idempotency
from alongside.core.api_errors import Message, link, responses
from alongside.core.api_input import PageQuery, text
from alongside.core.forms import EditConflict
from alongside.people.access import open_record
from alongside.people.policy import Category

from . import actions
from .answers import GOAL_SLOTS, PERSON, STAFF, GoalAnswer, PlanAnswers
from .models import PlanVersion
from .queries import latest_plan, plan_versions

router = Router(tags=["plans"])

SCOPE = "plans.write"
GET_PLAN = "alongside_plans_api_person_plan"
NOT_JSON = "Send the plan as a JSON object, with based_on and the parts of the plan (see the API guide)."
MAY_NOT_WRITE = (
    "You may read this person's plan but not change it. The person and a proxy they chose write their own parts; "
    "staff who care for them write it with them."
)
CHANGED_MEANWHILE = (
    "The plan was changed by someone else since version {based_on}: it is now at version {latest}. Read it again, "
    "make your changes to that version and send them with based_on {latest}."
)


# ----------------------------------------------------------------------------------------------- schemas


class GoalOut(Schema):
    position: int
    in_own_words: str
    small_steps: str
    who_helps: str
    by_when: str
    words: str = Field(description="Whose words the goal is in: person, proxy or staff")


class PlanOut(Schema):
    number: int = Field(description="The version number; send it as based_on to change the plan")
    strengths: str
    strengths_words: str = Field(description="Whose words: person, proxy or staff; empty for an empty part")
    wants_from_services: str
    wants_words: str
    goals: list[GoalOut]
    review_on: date | None
    agreed_on: date | None
    reason: str = Field(description="Why this version was written")
    written_as: str = Field(description="Who saved this version: person, proxy or staff")
    written_by: str | None
    written_at: datetime


class PlanNow(Schema):
    plan: PlanOut | None = Field(description="Null when no plan has been written yet")


class VersionsPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PlanOut]


class GoalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    in_own_words: text(2000, required=True)  # type: ignore[valid-type]
    small_steps: text(2000) = ""  # type: ignore[valid-type]
    who_helps: text(200) = ""  # type: ignore[valid-type]
    by_when: text(100) = ""  # type: ignore[valid-type]


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    based_on: int = Field(ge=0, le=2_147_483_647, description="The version you started from; 0 when there is none")
    strengths: text(5000) = ""  # type: ignore[valid-type]
    wants_from_services: text(5000) = ""  # type: ignore[valid-type]
    goals: list[GoalIn] = Field(default_factory=list, max_length=GOAL_SLOTS)
    review_on: date | None = None
    agreed_on: date | None = None
    reason: text(200) = ""  # type: ignore[valid-type]
    in_the_persons_words: bool = Field(
        True, description="Staff only: the parts you changed are the person's own words, written down with them"
    )


def _standalone(model: type[BaseModel]) -> dict:
    """The model's JSON schema with its $defs written in place, to stand alone inside the OpenAPI document (where
    "#/$defs/..." would point at the document's own root)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(
                    {**defs[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
                )
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return resolve(schema)


def _out(plan: PlanVersion) -> dict:
    return {
        "number": plan.number,
        "strengths": plan.strengths,
        "strengths_words": plan.strengths_words,
        "wants_from_services": plan.wants_from_services,
        "wants_words": plan.wants_words,
        "goals": [
            {
                "position": g.position,
                "in_own_words": g.in_own_words,
                "small_steps": g.small_steps,
                "who_helps": g.who_helps,
                "by_when": g.by_when,
                "words": g.words,
            }
            for g in plan.goals.all()
        ],
        "review_on": plan.review_on,
        "agreed_on": plan.agreed_on,
        "reason": plan.reason,
        "written_as": plan.written_as,
        "written_by": plan.written_by.display_name if plan.written_by is not None else None,
        "written_at": plan.written_at,
    }


# ----------------------------------------------------------------------------------------------- operations


@router.get(
    "/people/{int:person_id}/plan",
    response=responses({200: PlanNow}, not_found=True),
    summary="The person's care and support plan as it stands",
    description=(
        "Its newest version, with its goals and whose words each part is. Answers 404, exactly as for a person who "
        "does not exist, when the caller may not read the plan. Recorded in the audit."
    ),
)
def person_plan(request, person_id: int):
    person, _, _ = open_record(request, person_id, Category.STORY, "api_plan_viewed")
    plan = latest_plan(person)
    return {"plan": _out(plan) if plan is not None else None}


@router.get(
    "/people/{int:person_id}/plan/versions",
    response=responses({200: VersionsPage}, not_found=True, parameters=True),
    summary="Every version of the person's plan, newest first",
    description="Answers 404, exactly as for a person who does not exist, when the caller may not read the plan.",
)
def person_plan_versions(request, person_id: int, page: Query[PageQuery]):
    person, _, _ = open_record(request, person_id, Category.STORY, "api_plan_versions_listed")
    versions = plan_versions(person)  # a plan has a handful of versions: read whole, with their goals
    shown = versions[page.offset : page.offset + page.limit]
    return {"count": len(versions), "limit": page.limit, "offset": page.offset, "items": [_out(v) for v in shown]}


@router.post(
    "/people/{int:person_id}/plan",
    response=responses({201: PlanOut, 400: Message, 403: Message, 409: Message, 422: Message}, not_found=True),
    summary="Write a new version of the person's plan",
    description=(
        "Needs an Idempotency-Key header: a repeat gets the first answer and writes nothing new. Send the whole "
        "plan as it should now be, with based_on, the version you started from (0 when none): if someone has "
        "written a newer version since, the answer is 409 and nothing is saved. Whose words each part is follows "
        "from who you are: parts you did not change keep whose words they were. 404, exactly as for a person who "
        "does not exist, when the caller may not read the plan; 403 when they may read but not write it."
    ),
    openapi_extra={
        "parameters": [idempotency.openapi_header("this change")],
        "responses": {
            201: {"links": {"plan": link(GET_PLAN, person_id="$request.path.person_id")}},
            400: {"description": "No Idempotency-Key or a malformed one, or a body that is not a JSON object"},
            403: {"description": "The caller may read the plan but not write it"},
            409: {"description": "A newer version was written since based_on: read the plan again"},
            422: {"description": "A body that does not fit, or a key already used with another body"},
        },
        "requestBody": {"required": True, "content": {"application/json": {"schema": _standalone(PlanIn)}}},
    },
)
def write_person_plan(request, person_id: int):
    key = idempotency.key_from(request)
    try:
        body = json.loads(request.body or b"", parse_constant=_refuse)
    except ValueError:
        raise HttpError(400, NOT_JSON) from None
    if not isinstance(body, dict):
        raise HttpError(400, NOT_JSON)
    person, _, _ = open_record(request, person_id, Category.STORY, "api_plan_sent")
    answer = idempotency.once(request, key, body, lambda: _write(request, person, body), scope=SCOPE)
    return answer.response()


def _refuse(constant):
    raise ValueError(constant)  # NaN and Infinity are not JSON


def _write(request, person, body: dict) -> idempotency.Answer:
    try:
        sent = PlanIn.model_validate(body)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in error.errors())
        return idempotency.Answer(422, {"detail": f"The plan could not be saved: {problems}."})
    answers = PlanAnswers(
        strengths=sent.strengths,
        wants_from_services=sent.wants_from_services,
        goals=tuple(GoalAnswer(g.in_own_words, g.small_steps, g.who_helps, g.by_when) for g in sent.goals),
        review_on=sent.review_on,
        agreed_on=sent.agreed_on,
        reason=sent.reason,
    )
    try:
        version = actions.save_plan(
            request, person, answers, sent.based_on, staff_words=PERSON if sent.in_the_persons_words else STAFF
        )
    except PermissionDenied:
        return idempotency.Answer(403, {"detail": MAY_NOT_WRITE})
    except EditConflict as conflict:
        latest = conflict.current.number if getattr(conflict, "current", None) is not None else 0
        return idempotency.Answer(409, {"detail": CHANGED_MEANWHILE.format(based_on=sent.based_on, latest=latest)})
    return idempotency.Answer(201, _out(latest_plan(person) or version))
