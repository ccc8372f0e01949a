"""The body of POST /api/v1/referrals: how it is read, checked and described.

The pydantic models below are the contract. Their JSON schema, in the OpenAPI description, says what a referral
must hold: required fields required and never null, lengths, enums, patterns and formats. What JSON Schema cannot
say (an NHS number's check digit, a date of birth in the past, a real postcode or UK phone number) is in each
field's description, and the checks below answer it with a message saying what to do.

Every problem is answered at once, as {field, message} with paths like "person.given_name". A field that is
missing, null or blank gets the words the referral forms use (`intake.missing`), whatever pydantic said about it;
any other problem gets our validator's message, or pydantic's.
"""

import json
import re
from datetime import date

import pydantic
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from ninja.errors import HttpError
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from alongside.core import api_input
from alongside.core.api_input import SOME_TEXT, text

from . import intake
from . import intake_checks as checks
from .intake_checks import LENGTHS
from .models import Source, Urgency

NOT_JSON = 'Send the referral as a JSON object in the request body, with the header "Content-Type: application/json".'
NOT_TEXT = (
    "The body holds text that is not valid Unicode (a lone surrogate, such as \\ud800). "
    "Send the referral as UTF-8 JSON."
)
NOT_A_NUMBER_WE_CAN_READ = "The body holds a number too large to read. A referral holds no numbers: check the body."
NOT_SENT = "The referral was not sent. Put right each problem listed in errors, then send it again."

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORMAT = "Enter the date of birth as YYYY-MM-DD, like 1941-03-12"
CONTACT = "Enter an email address, like name@example.com, or a UK phone number, like 07700 900123"
NOT_A_FIELD = "This is not a field of a referral. Check its name against the API guide"
NOT_AN_OBJECT = "Send a JSON object here"

NHS_NUMBER_SHAPE = r"^ *(([0-9] *){10})?$"  # ten digits, spaces anywhere; blank is the same as leaving it out
BLANK = r"^ *$"  # an optional field left blank is the same as one left out

# ----------------------------------------------------------------------------------------------- reading


def read_body(request) -> dict:
    """The body as a JSON object, or HttpError(400) saying why it cannot be one."""

    def refuse(constant):
        raise ValueError(constant)  # NaN and Infinity are not JSON

    try:
        body = json.loads(request.body or b"", parse_constant=refuse)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise HttpError(400, NOT_JSON) from None
    if not isinstance(body, dict):
        raise HttpError(400, NOT_JSON)
    try:  # what the Idempotency-Key's fingerprint is made of must be writable as UTF-8 JSON
        json.dumps(body, ensure_ascii=False, allow_nan=False).encode()
    except UnicodeEncodeError:
        raise HttpError(400, NOT_TEXT) from None
    except ValueError:  # a number like 1e999 reads as infinity
        raise HttpError(400, NOT_A_NUMBER_WE_CAN_READ) from None
    return body


# ----------------------------------------------------------------------------------------------- the models


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
    return _django_check(lambda typed: checks.email(typed, checks.NOT_AN_EMAIL_API), value)


STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PersonIn(BaseModel):
    model_config = STRICT

    nhs_number: text(LENGTHS["nhs_number"], pattern=NHS_NUMBER_SHAPE, format="nhs-number") | None = Field(
        None,
        description="Optional. 10 digits, spaces allowed, that pass the NHS number check digit",
        examples=["999 000 0018"],
    )
    given_name: text(LENGTHS["given_name"], required=True) = Field(description="Required")
    family_name: text(LENGTHS["family_name"], required=True) = Field(description="Required")
    birth_date: date = Field(
        description="Required. An ISO date, YYYY-MM-DD: in the past, and in 1890 or after", examples=["1941-03-12"]
    )
    postcode: text(LENGTHS["postcode"], required=True, format="uk-postcode") = Field(
        description="Required. A UK postcode, with or without the space, in either case", examples=["NV1 2AB"]
    )
    address_line: text(LENGTHS["address_line"]) | None = Field(None, description="Optional")
    phone: text(LENGTHS["phone"], format="uk-phone") | None = Field(None, description="Optional. A UK phone number")
    email: text(LENGTHS["email"], anyOf=[{"format": "email"}, {"pattern": BLANK}]) | None = Field(
        None, description="Optional. An email address"
    )

    @field_validator("nhs_number")
    @classmethod
    def _nhs_number(cls, value):
        return (_django_check(checks.nhs_number, value) or None) if value else None

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
        return _django_check(lambda typed: checks.birth_date(typed, timezone.localdate()), born)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value):
        if not value:
            return None
        return _django_check(checks.postcode, value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value):
        return _django_check(checks.uk_phone, value) if value else None

    @field_validator("email")
    @classmethod
    def _email(cls, value):
        return _email(value) if value else None


class ReferrerIn(BaseModel):
    model_config = STRICT

    name: text(LENGTHS["referrer_name"]) | None = Field(None, description="Required unless the source is self")
    organisation: text(LENGTHS["referrer_organisation"]) | None = Field(
        None, description="Optional. The referrer's organisation or team"
    )
    contact: text(LENGTHS["referrer_email"], required=True, anyOf=[{"format": "email"}, {"format": "uk-phone"}]) = (
        Field(
            description="Required. An email address, or else a UK phone number: how to reach the referrer",
            examples=["ward7.discharge@nhs.net"],
        )
    )
    relationship: text(LENGTHS["referrer_relationship"]) | None = Field(
        None, description="Optional. Who they are to the person"
    )

    @field_validator("contact")
    @classmethod
    def _contact(cls, value):
        if not value:
            return None
        if "@" in value:
            return _email(value)
        try:
            return checks.uk_phone(value)
        except DjangoValidationError:
            raise _problem(CONTACT) from None


# Unless the referral is from the person themselves, the referrer gives their name.
NAMED = {"required": ["name"], "properties": {"name": {"type": "string", "pattern": SOME_TEXT}}}
NAME_UNLESS_SELF = {
    "if": {"properties": {"source": {"const": Source.SELF.value}}, "required": ["source"]},
    "else": {"properties": {"referrer": NAMED}},
}


class ReferralIn(BaseModel):
    """A referral from another system. Every problem is reported at once, each with what to do about it."""

    model_config = ConfigDict(**STRICT, json_schema_extra=NAME_UNLESS_SELF)

    person: PersonIn = Field(description="Required. Who the referral is about")
    source: Source = Field(Source.OTHER_SERVICE, description="Who the referral is from")
    urgency: Urgency = Field(description="Required. How soon help is needed")
    reason: text(LENGTHS["reason"], required=True) = Field(description="Required. Why the referral is being made")
    situation: text(LENGTHS["situation"]) | None = Field(
        None, description="Optional. What is happening in the person's life; offered into their story if they agree"
    )
    person_agrees: bool | None = Field(
        None, strict=True, description="The person knows about the referral and agrees to it; leave out if not asked"
    )
    share_named_worker: bool = Field(
        False, strict=True, description="The person agrees that the referrer may be told who their named worker is"
    )
    referrer: ReferrerIn = Field(description="Required. Who is referring, and how to reach them")


# ----------------------------------------------------------------------------------------------- checking

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


def _absent(error: dict) -> bool:
    return error["type"] == "missing" or error.get("input", "") is None


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
    """The referral, or every problem with it as {field, message}, in the order of the body's fields."""
    gaps = {api_field(name): message for name, message in intake.missing(_as_given(body), from_outside=True).items()}
    problems: dict[str, str] = {}
    referral = None
    try:
        referral = ReferralIn.model_validate(body)
    except pydantic.ValidationError as error:
        for e in error.errors():
            field = ".".join(str(part) for part in e["loc"])
            if field in gaps:
                problems.setdefault(field, gaps[field])
            elif not (_absent(e) and any(gap.startswith(field + ".") for gap in gaps)):
                problems.setdefault(field, _message(e))  # (a missing object is said by what is missing in it)
    for field, message in gaps.items():
        if not any(field == f or field.startswith(f + ".") for f in problems):
            problems[field] = message
    if problems:
        order = {name: i for i, name in enumerate(FIELD_ORDER)}
        listed = sorted(problems.items(), key=lambda item: order.get(item[0], len(order)))
        return None, [{"field": field, "message": message} for field, message in listed]
    return referral, []


def fields_for(referral: ReferralIn) -> dict:
    """The body as `actions.receive` takes it."""
    person, referrer = referral.person, referral.referrer
    contact = referrer.contact or ""
    return {
        "source": referral.source.value,
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
        "urgency": referral.urgency.value,
        "person_agrees": referral.person_agrees,
        "share_named_worker": referral.share_named_worker,
        "referrer_name": referrer.name or "",
        "referrer_organisation": referrer.organisation or "",
        "referrer_relationship": referrer.relationship or "",
        "referrer_email": contact if "@" in contact else "",
        "referrer_phone": contact if "@" not in contact else "",
    }


# ----------------------------------------------------------------------------------------------- describing


def body_schema() -> dict:
    """The referral body's JSON schema, to stand alone inside the OpenAPI document."""
    return api_input.body_schema(ReferralIn)
