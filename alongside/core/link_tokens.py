"""Links that open a page without an account (a stakeholder's check, a one-time questionnaire): the token leaves
the address on first use.

A link's token is the only key to its page, so it must not stay in the address bar, the browser's history, the
server's access log or a Referer header. As Django's own password-reset page does, the page the link opens
(`opens_link` below) checks the token, keeps it in the visitor's session (anonymous sessions are fine) under a
short random handle, and redirects to an address that carries only the handle. Every later page and form reads
the token back from the session with `held`; a handle this session was never given answers the site's 404.

The handle is no secret: without the session that holds it, it opens nothing. Each app keeps its links apart
(its own `kind`), and each token gets its own handle, so two links in one browser never mix. The same link
opened again (on another device, weeks later) is checked again and swapped again, for as long as the app says
it is good.

Opening a link is counted per network address with allauth's rate-limit counters (settings.LINK_RATE_LIMIT,
"30/10m/ip"): guessing tokens is slow, and past the limit the answer is the site's plain "too many attempts" page
(status 429). Only the opening (the guess) counts; pages read through the session do not.
"""

import logging
import secrets
from collections.abc import Callable
from functools import wraps

from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from . import audit

SESSION_KEY = "alongside_links"
KEPT_PER_KIND = 10  # handles kept per app in one session; the oldest goes first
APP = "alongside.core"
ACTION = "link_opened"

security_log = logging.getLogger("alongside.security")


def keep(request, kind: str, token: str) -> str:
    """Keep the token in the session and answer its handle (the same handle if this session already has it)."""
    links = request.session.get(SESSION_KEY, {})
    mine: dict[str, str] = dict(links.get(kind, {}))
    handle = next((h for h, kept in mine.items() if secrets.compare_digest(kept, token)), None)
    if handle is None:
        handle = secrets.token_urlsafe(6)
        mine[handle] = token
        while len(mine) > KEPT_PER_KIND:
            mine.pop(next(iter(mine)))
    request.session[SESSION_KEY] = {**links, kind: mine}
    return handle


def held(request, kind: str, handle: str) -> str | None:
    """The token this session keeps under the handle, or None."""
    kept = request.session.get(SESSION_KEY, {}).get(kind, {})
    token = kept.get(handle) if isinstance(kept, dict) else None
    return token if isinstance(token, str) else None


def swap(request, kind: str, token: str, to: str, **kwargs) -> HttpResponseRedirect:
    """Keep the (already checked) token and redirect to the URL named `to`, given `handle` and any other kwargs."""
    return HttpResponseRedirect(reverse(to, kwargs={**kwargs, "handle": keep(request, kind, token)}))


def limit_reached(request) -> bool:
    """Count one opening of a link from this address; True if the address has opened too many lately."""
    config = {ACTION: settings.LINK_RATE_LIMIT}
    return ratelimit.consume(request, app=APP, action=ACTION, config=config, limit_get=True) is None


def too_many(request):
    rate = ratelimit.get_rates(app=APP, action=ACTION, config={ACTION: settings.LINK_RATE_LIMIT})[0]
    minutes = max(round(rate.duration / 60), 1)
    security_log.warning("Link openings refused by the link limit from %s", ratelimit.get_ip(request))
    audit.record(
        request, "rate_limited", object_type="page", object_id=getattr(request.resolver_match, "view_name", "")[:80]
    )
    wait = "a minute" if minutes == 1 else f"{minutes} minutes"
    return render(request, "core/errors/429.jinja", {"wait": wait}, status=429)


def opens_link(view: Callable) -> Callable:
    """For the view a link's own address opens (its kwargs include `token`): past the limit, the 429 page."""

    @wraps(view)
    def counted(request, *args, **kwargs):
        if limit_reached(request):
            return too_many(request)
        return view(request, *args, **kwargs)

    return counted
