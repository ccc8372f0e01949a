"""What the referrals API answers, and the query it takes, as ninja schemas (they make the OpenAPI document)."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from alongside.core.api_input import PageQuery

from .lifecycle import Status
from .models import Source, Urgency


class ReferralCreated(Schema):
    id: int
    reference: str = Field(description="The reference the referrer quotes, like R000123")
    status: str
    person_id: int | None = Field(
        description="The person's record, when the NHS number matched one and the caller may see it; else null"
    )


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
    status_words: str = Field(description="What is happening to it, in the words the service's pages use")
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


def _never_null(schema: dict) -> None:
    """A query parameter is left out rather than null: describe only the values it takes."""
    schema["anyOf"] = [option for option in schema["anyOf"] if option.get("type") != "null"]
    schema.pop("default", None)


class ReferralsQuery(PageQuery):
    status: Status | None = Field(None, description="Only referrals in this state", json_schema_extra=_never_null)
