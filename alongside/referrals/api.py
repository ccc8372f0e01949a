"""The JSON API for the single point of access: other systems send referrals, and referrers follow what became of them.

- POST /referrals: a referral from another system, made under an Idempotency-Key (alongside.core.idempotency), by
  staff who may refer (`roles.REFERRER_ROLES`). The token's user is the referrer, and sees the outcome through
  GET. Checked by the same rules as the forms (`intake.missing`, NHS number, postcode, date of birth).
- GET /referrals: the referrals the caller may see (`access.visible_referrals`), newest first; each one returned is
  audited, in one insert.
- GET /referrals/{id}: one referral, through `access.open_referral` (404, exactly like a missing one, when the
  caller may not see it).

The POST body is read here rather than by a ninja Schema parameter, for two reasons: the Idempotency-Key must see
the request (and fingerprint it) before anything is checked, so that a replay answers exactly as the first
request did; and every problem with a referral, from pydantic's type checks to `intake.missing`'s "what to do"
messages, is answered in one list of {field, message}, with paths like "person.given_name". The OpenAPI document
still describes the body, from the same pydantic models (alongside.referrals.api_body).

Only the operations are here: what they read comes from `queries`, and the answers' schemas from `api_schemas`.
"""

from ninja import Query, Router
from ninja.errors import HttpError

from alongside.core import idempotency
from alongside.core.api_errors import Message, link, links, responses
from alongside.partners import roles

from . import access, actions
from .api_body import NOT_SENT, api_field, body_schema, check, fields_for, read_body
from .api_schemas import Problems, ReferralCreated, ReferralOut, ReferralsPage, ReferralsQuery
from .models import Channel, Referral
from .outcome import outcome_words, reference
from .queries import referrals_page, shown_person_ids

router = Router(tags=["referrals"])

SCOPE = "referrals.create"  # what an Idempotency-Key is bound to, with the body
GET_REFERRAL = "alongside_referrals_api_get_referral"  # its operationId, for the links to it

NOT_A_REFERRER = (
    "Only staff who make referrals (clinicians, social workers, GPs, community coordinators, team leaders and the "
    "single point of access) may send one."
)
NO_REFERRALS = (
    "Only staff who make or receive referrals (clinicians, social workers, GPs, community coordinators, team leaders "
    "and the single point of access) may see them."
)


def _refuse_other_roles(request) -> None:
    """Referrals are for the roles that make or receive them, as their pages are: a user who made a referral and
    now holds another role (a volunteer, say) no longer follows it."""
    if not request.roles & roles.REFERRER_ROLES:
        raise HttpError(403, NO_REFERRALS)


# ----------------------------------------------------------------------------------------------- answers


def _out(referral: Referral, shown: set[int]) -> dict:
    """One referral as the caller sees it; needs the team and named worker selected with it (no query here)."""
    outcome = actions.outcome_for(referral)
    return {
        "id": referral.pk,
        "reference": reference(referral.pk),
        "status": referral.status,
        "status_words": referral.status_words,
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
    response=responses({201: ReferralCreated, 400: Message, 403: Message, 422: Problems}),
    summary="Send a referral to the single point of access",
    description=(
        "Needs an Idempotency-Key header: send the same key again to retry safely; a repeat gets the first answer "
        "and makes nothing new, and the same key with a different body is refused (422). Only a success spends a "
        "key, so a refused referral can be corrected and sent again under the same key. Problems with the body "
        "answer 422 with every problem listed as {field, message}."
    ),
    openapi_extra={
        "parameters": [idempotency.openapi_header("this referral")],
        "responses": {
            201: {"links": {"referral": link(GET_REFERRAL, referral_id="$response.body#/id")}},
            400: {
                "description": "No Idempotency-Key, or one too long or with characters other than printable ASCII; "
                "or a body that cannot be read as a JSON object, or is over the size limit"
            },
            403: {"description": "The caller may not make referrals, or a signed-in browser sent no CSRF token"},
            422: {
                "description": "Problems with the body, each with its field and what to do; or an Idempotency-Key "
                "already used with a different body"
            },
        },
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": body_schema()}},
        },
    },
)
def send_referral(request):
    if not request.roles & roles.REFERRER_ROLES:
        raise HttpError(403, NOT_A_REFERRER)
    key = idempotency.key_from(request)
    body = read_body(request)
    answer = idempotency.once(request, key, body, lambda: _receive(request, body), scope=SCOPE)
    return answer.response()


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
    response=responses({200: ReferralsPage, 403: Message}, parameters=True),
    openapi_extra=links(200, referral=link(GET_REFERRAL, referral_id="$response.body#/items/0/id")),
    summary="The referrals the caller may see, newest first",
    description=(
        "A referrer sees the referrals they made; the single point of access sees every referral sent; a team sees "
        "the referrals it accepted. Each referral returned is recorded in the audit."
    ),
)
def list_referrals(request, filters: Query[ReferralsQuery]):
    _refuse_other_roles(request)
    status = filters.status.value if filters.status is not None else None
    count, page = referrals_page(request, status, filters.offset, filters.limit)
    shown = shown_person_ids(request, page)
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": [_out(r, shown) for r in page]}


@router.get(
    "/referrals/{int:referral_id}",
    response=responses({200: ReferralOut, 403: Message}, not_found=True),
    summary="One referral, and what became of it",
    description=(
        "Answers 404, exactly as for a referral that does not exist, when the caller may not see it; 403 when the "
        "caller's role never reaches referrals."
    ),
)
def get_referral(request, referral_id: int):
    _refuse_other_roles(request)
    referral, _ = access.open_referral(request, referral_id, "referral_viewed_api")
    return _out(referral, shown_person_ids(request, [referral]))
