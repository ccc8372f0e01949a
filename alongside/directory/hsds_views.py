"""The open data's answers, under one stub, /api/hsds/ (Open Referral UK: open, no key, CORS for everyone).

Plain Django views rather than a second django-ninja API: the HSDS answers are defined by the published HSDS 3.0
schemas (the tests check every answer against them), not by schemas of our own; the answers need their own
envelope, error shape, CORS header and rate limit on every response, 404s included; and /api/v1/ (the project's
NinjaAPI) authenticates every operation, which this API must never do. Every view is PUBLIC.

Every answer carries `Access-Control-Allow-Origin: *`. Each network address may ask `RATE` times in
`RATE_SECONDS` (settings ALONGSIDE_HSDS_RATE overrides, as (times, seconds)); past that the answer is 429 in
JSON with a Retry-After header. The count is kept in the cache, as the sign-in limits are
(alongside/core/sign_in_limits.py), by a fixed window per address.
"""

import time
import uuid
from collections.abc import Callable
from functools import wraps

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse

from alongside.core.access import PUBLIC, access

from . import hsds_out, hsds_queries
from .hsds_queries import BadQuery

RATE = 600
RATE_SECONDS = 60
NOT_FOUND = "Nothing was found at this address. Check the path and any id in it; the API's root is /api/hsds/."
TOO_MANY = "Too many requests from your address. Wait a minute and try again."
METHODS = ("GET", "HEAD", "OPTIONS")


def _with_cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def answer(data, status: int = 200) -> HttpResponse:
    return _with_cors(JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}))


def _over_the_limit(request) -> int:
    """Seconds until the address may ask again, or 0 if it may ask now."""
    times, seconds = getattr(settings, "ALONGSIDE_HSDS_RATE", (RATE, RATE_SECONDS))
    window = int(time.time() // seconds)
    key = f"alongside:hsds-rate:{ratelimit.get_ip(request)}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count <= times:
        return 0
    return max(1, int((window + 1) * seconds - time.time()) + 1)


def hsds(view: Callable) -> Callable:
    """An open data view: public, rate limited, GET only, bad queries answered 400 and CORS on every answer."""

    @access(PUBLIC)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = _with_cors(HttpResponse(status=204))
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "*"
            return response
        if request.method not in METHODS:
            response = answer({"detail": "This API only answers GET requests."}, status=405)
            response["Allow"] = ", ".join(METHODS)
            return response
        wait = _over_the_limit(request)
        if wait:
            response = answer({"detail": TOO_MANY}, status=429)
            response["Retry-After"] = str(wait)
            return response
        try:
            return view(request, *args, **kwargs)
        except BadQuery as bad:
            return answer({"detail": "Some query values cannot be used.", "errors": bad.problems}, status=400)

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapped


def _id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def _one(pk: str, find: Callable, serialise: Callable) -> HttpResponse:
    key = _id(pk)
    found = find(key) if key is not None else None
    if found is None:
        return answer({"detail": NOT_FOUND}, status=404)
    return answer(serialise(found))


@hsds
def root(request):
    return answer(
        {
            "version": hsds_out.HSDS_VERSION,
            "profile": hsds_out.UK_PROFILE_URL,
            "openapi_url": "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/profile/openapi.json",
        }
    )


@hsds
def services(request):
    query = hsds_queries.read_query(request.GET)
    page = hsds_queries.page_of(hsds_queries.services(query), query)
    return answer(page.envelope(hsds_out.services(page.items)))


@hsds
def service(request, pk: str):
    return _one(pk, hsds_queries.service, hsds_out.service)


@hsds
def service_at_locations(request):
    query = hsds_queries.read_query(request.GET)
    page = hsds_queries.page_of(hsds_queries.service_at_locations(query), query)
    return answer(page.envelope([hsds_out.service_at_location(sal, with_service=True) for sal in page.items]))


@hsds
def service_at_location(request, pk: str):
    return _one(pk, hsds_queries.service_at_location, lambda sal: hsds_out.service_at_location(sal, with_service=True))


def _plain_page(request, found, serialise: Callable) -> HttpResponse:
    query = hsds_queries.read_query(request.GET)
    page = hsds_queries.page_of(found, query)
    return answer(page.envelope([serialise(item) for item in page.items]))


@hsds
def taxonomies(request):
    return _plain_page(request, hsds_queries.all_taxonomies(), hsds_out.taxonomy)


@hsds
def taxonomy(request, pk: str):
    return _one(pk, hsds_queries.taxonomy, hsds_out.taxonomy)


@hsds
def taxonomy_terms(request):
    return _plain_page(request, hsds_queries.all_taxonomy_terms(), hsds_out.taxonomy_term)


@hsds
def taxonomy_term(request, pk: str):
    return _one(pk, hsds_queries.taxonomy_term, hsds_out.taxonomy_term)


@hsds
def not_found(request, rest: str = ""):
    return answer({"detail": NOT_FOUND}, status=404)
