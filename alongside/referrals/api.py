"""The JSON API for the single point of access: other systems send referrals, and referrers follow what became of them.

- POST /referrals: a referral from another system, made under an Idempotency-Key (alongside.core.idempotency), by
  staff who may refer (`access.REFERRER_ROLES`). The token's user is the referrer, and sees the outcome through
  GET. Checked by the same rules as the forms (`intake.missing`, NHS number, postcode, date of birth).
- GET /referrals: the referrals the caller may see (`access.visible_referrals`), newest first; each one returned is
  audited, in one insert.
- GET /referrals/{id}: one referral, through `access.open_referral` (404, exactly like a missing one, when the
  caller may not see it).

The POST body is read here rather than by a ninja Schema parameter, for two reasons: the Idempotency-Key must see
the request (and fingerprint it) before anything is checked, so that a replay answers exactly as the first
request did; and every problem with a referral, from pydantic's type checks to `intake.missing`'s "what to do"
messages, is answered in one list of {field, message}, with paths like "person.given_name". The OpenAPI document
still describes the body, from the same pydantic models (`openapi_extra`).
"""

import json
import re
from datetime import date, datetime

import pydantic
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from localflavor.gb.forms import GBPostcodeField
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from alongside.core import idempotency
from alongside.core.validators import clean_nhs_number, clean_uk_phone
from alongside.people.access import visible_people
from alongside.people.policy import Category

from . import access, actions, intake
from .lifecycle import Status
from .models import Channel, Referral, Source, Urgency
from .outcome import outcome_words, reference

router = Router(tags=["referrals"])

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
SCOPE = "referrals.create"  # what an Idempotency-Key is bound to, with the body

NOT_A_REFERRER = (
    "Only staff who make referrals (clinicians, social workers, GPs, community coordinators, team leaders and the "
    "single point of access) may send one."
)
NOT_JSON = 'Send the referral as a JSON object in the request body, with the header "Content-Type: application/json".'
NOT_SENT = "The referral was not sent. Put right each problem listed in errors, then send it again."

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORMAT = "Enter the date of birth as YYYY-MM-DD, like 1941-03-12"
DATE_RANGE = "Date of birth must be in the past, and after 1890"
POSTCODE = "Enter a real postcode, like NV1 2AB"
EMAIL = "Enter a real email address, like name@example.com"
CONTACT = "Enter an email address, like name@example.com, or a UK phone number, like 07700 900123"
NOT_A_FIELD = "This is not a field of a referral. Check its name against the API guide"
NOT_AN_OBJECT = "Send a JSON object here"


# ----------------------------------------------------------------------------------------------- the body


def _blank_is_none(value):
    return None if isinstance(value, str) and not value.strip() else value


def _problem(message: str) -> PydanticCustomError:
    return PydanticCustomError("invalid", message)


def _django_check(check, value):
    """A Django-style check (raises forms.ValidationError with a message) as a pydantic one."""
    try:
        return check(value)
    except DjangoValidationError as error:
        raise _problem(error.messages[0]) from None


def _email(value: str) -> str:
    try:
        validate_email(value)
    except DjangoValidationError:
        raise _problem(EMAIL) from None
    return value


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    nhs_number: str | None = Field(
        None, max_length=20, description="Optional. 10 digits, spaces allowed", examples=["999 000 0018"]
    )
    given_name: str | None = Field(None, max_length=100, description="Required")
    family_name: str | None = Field(None, max_length=100, description="Required")
    birth_date: date | None = Field(None, description="Required. An ISO date, YYYY-MM-DD", examples=["1941-03-12"])
    postcode: str | None = Field(None, max_length=10, description="Required. A UK postcode", examples=["NV1 2AB"])
    address_line: str | None = Field(None, max_length=200, description="Optional")
    phone: str | None = Field(None, max_length=30, description="Optional. A UK phone number")
    email: str | None = Field(None, max_length=254, description="Optional")

    @field_validator("nhs_number")
    @classmethod
    def _nhs_number(cls, value):
        return (_django_check(clean_nhs_number, value) or None) if value else None

    @field_validator("birth_date", mode="before")
    @classmethod
    def _birth_date(cls, value):
        value = _blank_is_none(value)
        if value is None:
            return None
        if not isinstance(value, str) or not ISO_DATE.fullmatch(value.strip()):
            raise _problem(DATE_FORMAT)
        try:
            born = date.fromisoformat(value.strip())
        except ValueError:
            raise _problem(DATE_FORMAT) from None
        if born > timezone.localdate() or born.year < 1890:
            raise _problem(DATE_RANGE)
        return born

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value):
        if not value:
            return None
        try:
            return GBPostcodeField().clean(value)
        except DjangoValidationError:
            raise _problem(POSTCODE) from None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value):
        return _django_check(clean_uk_phone, value) if value else None

    @field_validator("email")
    @classmethod
    def _email(cls, value):
        return _email(value) if value else None


class ReferrerIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(None, max_length=200, description="Required unless the source is self")
    organisation: str | None = Field(None, max_length=200, description="The referrer's organisation or team")
    contact: str | None = Field(
        None,
        max_length=254,
        description="Required. An email address, or else a UK phone number: how to reach the referrer",
        examples=["ward7.discharge@nhs.net"],
    )
    relationship: str | None = Field(None, max_length=100, description="Optional. Who they are to the person")

    @field_validator("contact")
    @classmethod
    def _contact(cls, value):
        if not value:
            return None
        if "@" in value:
            return _email(value)
        try:
            return clean_uk_phone(value)
        except DjangoValidationError:
            raise _problem(CONTACT) from None


class ReferralIn(BaseModel):
    """A referral from another system. Every problem is reported at once, each with what to do about it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    person: PersonIn | None = Field(None, description="Required. Who the referral is about")
    source: Source | None = Field(Source.OTHER_SERVICE, description="Who the referral is from")
    urgency: Urgency | None = Field(None, description="Required. How soon help is needed")
    reason: str | None = Field(None, max_length=5000, description="Required. Why the referral is being made")
    situation: str | None = Field(
        None,
        max_length=5000,
        description="Optional. What is happening in the person's life; offered into their story if they agree",
    )
    person_agrees: bool | None = Field(None, description="The person knows about the referral and agrees to it")
    share_named_worker: bool = Field(
        False, description="The person agrees that the referrer may be told who their named worker is"
    )
    referrer: ReferrerIn | None = Field(None, description="Required. Who is referring, and how to reach them")


# The order in which problems are listed: the order of the fields in the body.
FIELD_ORDER = [
    "person",
    *[f"person.{name}" for name in PersonIn.model_fields],
    *[name for name in ReferralIn.model_fields if name not in {"person", "referrer"}],
    "referrer",
    *[f"referrer.{name}" for name in ReferrerIn.model_fields],
]


def api_field(name: str) -> str:
    """Where a field of `intake` lives in the API's body: "given_name" -> "person.given_name"."""
    if name in intake.PERSON_FIELDS:
        return f"person.{name}"
    if name in ("referrer_email", "referrer_phone"):
        return "referrer.contact"
    if name.startswith("referrer_"):
        return "referrer." + name.removeprefix("referrer_")
    return name


def _message(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return NOT_A_FIELD
    if error["type"] in ("model_type", "model_attributes_type", "dict_type"):
        return NOT_AN_OBJECT
    return error["msg"]


def _as_given(body: dict) -> dict:
    """The body as `intake` names its fields, values as sent: for saying what is missing even when a type is wrong."""
    person = body.get("person") if isinstance(body.get("person"), dict) else {}
    referrer = body.get("referrer") if isinstance(body.get("referrer"), dict) else {}
    fields = {name: person.get(name) for name in intake.PERSON_FIELDS}
    fields.update({name: body.get(name) for name in intake.STORY_FIELDS})
    fields["source"] = body.get("source", Source.OTHER_SERVICE.value)
    fields["referrer_name"] = referrer.get("name")
    fields["referrer_email"] = referrer.get("contact")
    return fields


def check(body: dict) -> tuple[ReferralIn | None, list[dict]]:
    """The referral, or every problem with it as {field, message}: wrong values, then anything missing."""
    problems: dict[str, str] = {}
    referral = None
    try:
        referral = ReferralIn.model_validate(body)
    except pydantic.ValidationError as error:
        for e in error.errors():
            problems.setdefault(".".join(str(part) for part in e["loc"]), _message(e))
    for name, message in intake.missing(_as_given(body), from_outside=True).items():
        field = api_field(name)
        if not any(field == f or field.startswith(f + ".") for f in problems):
            problems[field] = message
    if problems:
        order = {name: i for i, name in enumerate(FIELD_ORDER)}
        listed = sorted(problems.items(), key=lambda item: order.get(item[0], len(order)))
        return None, [{"field": field, "message": message} for field, message in listed]
    return referral, []


def fields_for(referral: ReferralIn) -> dict:
    """The body as `actions.receive` takes it."""
    person = referral.person or PersonIn()
    referrer = referral.referrer or ReferrerIn()
    contact = referrer.contact or ""
    return {
        "source": referral.source.value if referral.source else None,
        "nhs_number": person.nhs_number or "",
        "given_name": person.given_name,
        "family_name": person.family_name,
        "birth_date": person.birth_date,
        "address_line": person.address_line or "",
        "postcode": person.postcode,
        "phone": person.phone or "",
        "email": person.email or "",
        "reason": referral.reason,
        "situation": referral.situation or "",
        "urgency": referral.urgency.value if referral.urgency else None,
        "person_agrees": referral.person_agrees,
        "share_named_worker": referral.share_named_worker,
        "referrer_name": referrer.name or "",
        "referrer_organisation": referrer.organisation or "",
        "referrer_relationship": referrer.relationship or "",
        "referrer_email": contact if "@" in contact else "",
        "referrer_phone": contact if "@" not in contact else "",
    }


def _inline(schema: dict) -> dict:
    """A pydantic JSON schema with its $defs written in place, to stand alone inside the OpenAPI document."""
    defs = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node:
                target = defs[node["$ref"].rsplit("/", 1)[-1]]
                return resolve({**target, **{k: v for k, v in node.items() if k != "$ref"}})
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return resolve(schema)


# ----------------------------------------------------------------------------------------------- answers


class ReferralCreated(Schema):
    id: int
    reference: str = Field(description="The reference the referrer quotes, like R000123")
    status: str
    person_id: int | None = Field(
        description="The person's record, when the NHS number matched one and the caller may see it; else null"
    )


class Message(Schema):
    detail: str


class Problem(Schema):
    field: str = Field(description='Where in the body, like "person.given_name"')
    message: str = Field(description="What is wrong, and what to do")


class Problems(Schema):
    detail: str
    errors: list[Problem] = Field([], description="Each problem with the body (empty for a reused key)")


class ReferralOut(Schema):
    id: int
    reference: str
    status: Status
    source: Source
    urgency: Urgency
    received_at: datetime | None = Field(description="Null for a draft, not yet sent")
    decided_at: datetime | None
    person_id: int | None = Field(description="The person's record, once known, if the caller may see it; else null")
    team: str | None = Field(description="The team that accepted the referral")
    named_worker: str | None = Field(description="Only when the person agreed that the referrer may be told")
    outcome: str | None = Field(description="What the referrer is told, in plain words; null while undecided")


class ReferralsPage(Schema):
    count: int = Field(description="How many referrals the caller may see (with this status)")
    limit: int
    offset: int
    items: list[ReferralOut]


class ReferralsQuery(Schema):
    status: Status | None = Field(None, description="Only referrals in this state")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


def shown_person_ids(request, referrals: list[Referral]) -> set[int]:
    """Of these referrals' people, the ones the caller may see under the person-record policy: one query.

    A referral names whoever the referrer wrote about, and the NHS number may have matched someone already known.
    Answering that person's id to a caller who may not see them would tell the caller that the person is known
    to the service, and who they are: so the id is shown only where `visible_people` would list the person, and
    a referral about someone unknown answers exactly as one about someone the caller may not see.
    """
    ids = {r.person_id for r in referrals if r.person_id is not None}
    if not ids:
        return set()
    return set(visible_people(request, Category.NAME).filter(pk__in=ids).values_list("pk", flat=True))


def _out(referral: Referral, shown: set[int]) -> dict:
    """One referral as the caller sees it; needs the team and named worker selected with it (no query here)."""
    outcome = actions.outcome_for(referral)
    return {
        "id": referral.pk,
        "reference": reference(referral.pk),
        "status": referral.status,
        "source": referral.source,
        "urgency": referral.urgency,
        "received_at": referral.received_at,
        "decided_at": referral.decided_at,
        "person_id": referral.person_id if referral.person_id in shown else None,
        "team": referral.team.name if referral.team_id else None,
        "named_worker": outcome.named_worker or None,
        "outcome": outcome_words(outcome, inside=True) or None,
    }


# ----------------------------------------------------------------------------------------------- operations


@router.post(
    "/referrals",
    response={201: ReferralCreated, 400: Message, 403: Message, 422: Problems},
    summary="Send a referral to the single point of access",
    description=(
        "Needs an Idempotency-Key header: send the same key again to retry safely; a repeat gets the first answer "
        "and makes nothing new, and the same key with a different body is refused (422). Only a success spends a "
        "key, so a refused referral can be corrected and sent again under the same key. Problems with the body "
        "answer 422 with every problem listed as {field, message}."
    ),
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": idempotency.HEADER,
                "required": True,
                "schema": {"type": "string", "minLength": 1, "maxLength": idempotency.MAX_KEY_LENGTH},
                "description": "Unique to this referral, chosen by the caller (a UUID, say); the same on a retry",
            }
        ],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inline(ReferralIn.model_json_schema())}},
        },
    },
)
def send_referral(request):
    if not request.roles & access.REFERRER_ROLES:
        raise HttpError(403, NOT_A_REFERRER)
    key = idempotency.key_from(request)
    body = _json_object(request)
    answer = idempotency.once(request, key, body, lambda: _receive(request, body), scope=SCOPE)
    return answer.response()


def _json_object(request) -> dict:
    def refuse(constant):
        raise ValueError(constant)  # NaN and Infinity are not JSON

    try:
        body = json.loads(request.body or b"", parse_constant=refuse)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise HttpError(400, NOT_JSON) from None
    if not isinstance(body, dict):
        raise HttpError(400, NOT_JSON)
    return body


def _receive(request, body: dict) -> idempotency.Answer:
    referral_in, problems = check(body)
    if problems:
        return idempotency.Answer(422, {"detail": NOT_SENT, "errors": problems})
    try:
        referral = actions.receive(request, fields_for(referral_in), channel=Channel.API)
    except actions.Incomplete as incomplete:  # the same rules as check(); kept in case the two ever differ
        errors = [{"field": api_field(name), "message": message} for name, message in incomplete.gaps.items()]
        return idempotency.Answer(422, {"detail": NOT_SENT, "errors": errors})
    return idempotency.Answer(
        201,
        {
            "id": referral.pk,
            "reference": reference(referral.pk),
            "status": str(referral.status),
            "person_id": referral.person_id if referral.person_id in shown_person_ids(request, [referral]) else None,
        },
    )


@router.get(
    "/referrals",
    response=ReferralsPage,
    summary="The referrals the caller may see, newest first",
    description=(
        "A referrer sees the referrals they made; the single point of access sees every referral sent; a team sees "
        "the referrals it accepted. Each referral returned is recorded in the audit."
    ),
)
def list_referrals(request, filters: Query[ReferralsQuery]):
    referrals = access.visible_referrals(request)
    if filters.status is not None:
        referrals = referrals.filter(status=filters.status.value)
    referrals = referrals.select_related("team", "named_worker").order_by(
        Coalesce(F("received_at"), F("created_at")).desc(), "-pk"
    )
    with transaction.atomic():  # the audit rows and the answer stand or fall together
        count = referrals.count()
        page = list(referrals[filters.offset : filters.offset + filters.limit])
        access.record_list(request, page, "referral_listed_api")
    shown = shown_person_ids(request, page)
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": [_out(r, shown) for r in page]}


@router.get(
    "/referrals/{int:referral_id}",
    response=ReferralOut,
    summary="One referral, and what became of it",
    description="Answers 404, exactly as for a referral that does not exist, when the caller may not see it.",
)
def get_referral(request, referral_id: int):
    referral, _ = access.open_referral(request, referral_id, "referral_viewed_api")
    return _out(referral, shown_person_ids(request, [referral]))
