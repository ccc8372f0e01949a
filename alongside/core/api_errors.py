"""Every answer under /api/ is JSON, errors included, with a `detail` that says what is wrong and what to do.

- 400: a request that cannot be read (Django's SuspiciousOperation, a body over the size limit).
- 401: no valid token or session. 404: nothing at this address, which is also the answer when the caller may not
  see what is there, byte for byte. 405: the address does not take this method (with an Allow header).
- 422: a query the API cannot use, in the framework's own form (a list of {type, loc, msg}).
- 500: our fault. The body says only that, and to quote the request id; Django logs the failure, as for a page.
- 503: the database is out of reach for a moment (stopped or restarting), with Retry-After: try again then.

`install` sets ninja's refusals in these words; `json_refusals` and `nothing_here` cover what ninja does not (a
wrong method, an unknown path under /api/); `json_under_api` makes Django's own error handlers answer JSON under
/api/, for an exception from an operation or from the middleware before it.
`responses` lists them for each operation's OpenAPI description, with the schema of each body, and `links` says
which values in an answer lead to another operation (clients, and schemathesis's stateful tests, follow them).
"""

from functools import partial, wraps
from http.client import responses as reasons
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from ninja import Schema
from ninja.errors import AuthenticationError
from pydantic import Field

from .access import PUBLIC, access
from .outage import database_unavailable, unavailable_headers

API_PREFIX = "/api/"
DOCS = "/api/v1/docs"

BAD_REQUEST = "This request could not be read. Check its headers and body against the API guide."
TOO_BIG = "The request body is too large. A referral is a few kilobytes: check that the body is the referral alone."
UNAUTHORISED = 'Sign in to Alongside, or send a valid API token in the Authorization header: "Bearer <token>".'
FORBIDDEN = "Your roles do not let you do this."
CSRF_MISSING = (
    "A change made with a signed-in browser session needs its CSRF token, in the X-CSRFToken header. "
    "A script should send an API token instead."
)
NOT_FOUND = f"Nothing was found at this address. Check the path and any id in it; the operations are listed at {DOCS}."
UNAVAILABLE = (
    "Alongside cannot reach its database for a moment, so your request was not completed. "
    "Try again after the number of seconds in the Retry-After header."
)
SERVER_ERROR = (
    "Sorry, something went wrong in Alongside and your request was not completed. Try again later. If it keeps "
    "happening, tell the service desk, quoting the X-Request-ID header of this answer."
)

DESCRIPTIONS = {
    400: "The request could not be read",
    401: "No valid API token or session",
    403: "The caller may not do this",
    404: "Nothing here, or nothing the caller may see (the two answers are identical)",
    422: "A parameter the API cannot use: each problem with its location",
    500: "Something went wrong in Alongside; nothing of the failure is shown",
    503: "The database is out of reach for a moment: try again after Retry-After seconds",
}


class Message(Schema):
    detail: str = Field(description="What is wrong, and what to do about it")


class ParameterProblem(Schema):
    type: str = Field(description='What kind of problem, like "less_than_equal"')
    loc: list[str | int] = Field(description='Where: the part of the request, then the name, like ["query", "limit"]')
    msg: str = Field(description="What is wrong")
    ctx: dict[str, Any] | None = Field(None, description="The limit or values that apply, where there are some")


class ParameterProblems(Schema):
    detail: list[ParameterProblem]


def responses(answers: dict, *, not_found: bool = False, parameters: bool = False) -> dict:
    """Every status an operation answers, with its body's schema, for `response=` (which also documents them).

    `answers` are the operation's own (its success, and any refusal of its own); every operation can answer 401,
    500 and 503, one with an id in its path 404, and one with parameters 422 (unless it says otherwise).
    """
    out = {401: Message, **({404: Message} if not_found else {}), **({422: ParameterProblems} if parameters else {})}
    return dict(sorted({**out, **answers, 500: Message, 503: Message}.items()))


def link(operation_id: str, **parameters: str) -> dict:
    """An OpenAPI link: where a value in this answer can be used next, like {"person_id": "$response.body#/id"}."""
    return {"operationId": operation_id, "parameters": parameters}


def links(status: int, **named: dict) -> dict:
    """`openapi_extra` for an operation whose `status` answer links to other operations."""
    return {"responses": {status: {"links": named}}}


def describe(schema: dict) -> dict:
    """Give each error answer in an OpenAPI document its meaning in words, where ninja wrote only the status name."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, answer in operation.get("responses", {}).items():
                if int(status) in DESCRIPTIONS and answer.get("description") in (None, "", reasons.get(int(status))):
                    answer["description"] = DESCRIPTIONS[int(status)]
    return schema


def under_api(request) -> bool:
    """Is this request for the JSON API, whose every answer is JSON?"""
    return request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")


def refusal(status: int, detail: str, **headers) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


# ----------------------------------------------------------------------------------------------- inside ninja


def install(api) -> None:
    """Answer ninja's own refusals in our words (ninja looks handlers up along the exception's classes).

    Any other exception is left to Django, whose handlers (`json_under_api`, below) answer a JSON 400 or 500 under
    /api/ after logging it, as for a page.
    """
    api.add_exception_handler(Http404, lambda request, exc: refusal(404, NOT_FOUND))
    api.add_exception_handler(AuthenticationError, lambda request, exc: refusal(401, UNAUTHORISED))
    api.add_exception_handler(RequestDataTooBig, lambda request, exc: refusal(400, TOO_BIG))


# ----------------------------------------------------------------------------------------------- around ninja


def json_refusals(view):
    """An API URL's view, with ninja's plain-text 405 and any 404 it lets through answered as JSON instead."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return refusal(404, NOT_FOUND)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = ", ".join(sorted(method.strip() for method in response.get("Allow", "").split(",")))
            detail = f"This address does not take {request.method} requests. It takes: {allowed}."
            return refusal(405, detail, Allow=allowed)
        return response

    return answer


@access(PUBLIC)
def nothing_here(request, *args, **kwargs):
    """Any path under /api/ that is not an operation: a JSON 404, whatever the method."""
    return refusal(404, NOT_FOUND)


nothing_here.csrf_exempt = True  # a refusal changes nothing, so any method may have it


# ----------------------------------------------------------------------------------------------- Django's handlers


def json_under_api(page, status: int, detail: str):
    """Django's error handler for `status`: JSON under /api/ (an error raised outside ninja), `page` elsewhere."""

    @wraps(page)
    def handler(request, *args, **kwargs):
        if under_api(request):
            if status == 500 and database_unavailable():
                return unavailable_headers(refusal(503, UNAVAILABLE))
            return refusal(status, detail)
        return page(request, *args, **kwargs)

    return handler


api_bad_request = partial(json_under_api, status=400, detail=BAD_REQUEST)
api_permission_denied = partial(json_under_api, status=403, detail=FORBIDDEN)
api_not_found = partial(json_under_api, status=404, detail=NOT_FOUND)
api_server_error = partial(json_under_api, status=500, detail=SERVER_ERROR)
