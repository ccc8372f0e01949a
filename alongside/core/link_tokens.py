"""Links that open a page without an account (a stakeholder's check, a one-time questionnaire): the token leaves
the address on first use.

A link's token is the only key to its page, so it must not stay in the address bar, the browser's history, the
server's access log or a Referer header. As Django's own password-reset page does, the page the link opens
(`opens_link` below) checks the token, keeps its SHA-256 hash in the visitor's session (anonymous sessions are fine)
under a short random handle, and redirects to an address that carries only the handle. The token itself is kept
nowhere: the session row is in the database, readable by anyone who can read the database or a backup, and the
apps already keep only each link's `token_hash`. Every later page and form reads the hash back from the session
with `held` and looks the link up by it; a handle this session does not hold (another browser, or the session
ended: signed out, idle sign-out) answers `timed_out`, a page saying to open the link from the message again.

The handle is no secret: without the session that holds it, it opens nothing. Each app keeps its links apart
(its own `kind`), and each token gets its own handle, so two links in one browser never mix. The same link
opened again (on another device, weeks later) is checked again and swapped again, for as long as the app says
it is good.

Failed openings (an unknown, expired or closed token: the guesses) are counted per network address with allauth's
rate-limit counters (settings.LINK_RATE_LIMIT, "30/10m/ip"): guessing tokens is slow, and past the limit every
opening from that address, good or not, is the site's plain "too many attempts" page (status 429). Good openings
are not counted, so many staff behind one NHS address opening their links are never refused; nor are the pages
read through the session. The first refusal from an address in a window is logged and audited, not every one.
"""

import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from functools import wraps

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from . import audit

SESSION_KEY = "alongside_links"
KEPT_PER_KIND = 10  # handles kept per app in one session; the oldest goes first
APP = "alongside.core"
ACTION = "link_opened"
REFUSED_KEY = "alongside:link-refused:"  # + the address: set while its first refusal in a window is noted
A_HASH = re.compile(r"[0-9a-f]{64}")

security_log = logging.getLogger("alongside.security")


def hash_of(token: str) -> str:
    """The token's SHA-256 (hex): what the apps keep as a link's `token_hash`, and all the session keeps."""
    return hashlib.sha256(token.encode()).hexdigest()


def keep(request, kind: str, token: str) -> str:
    """Keep the token's hash in the session and answer its handle (the same handle if this session already has it)."""
    token_hash = hash_of(token)
    links = request.session.get(SESSION_KEY, {})
    mine: dict[str, str] = {
        h: kept if A_HASH.fullmatch(kept) else hash_of(kept)  # a token an older release kept: now its hash
        for h, kept in dict(links.get(kind, {})).items()
        if isinstance(kept, str)
    }
    handle = next((h for h, kept in mine.items() if secrets.compare_digest(kept, token_hash)), None)
    if handle is None:
        handle = secrets.token_urlsafe(6)
        mine[handle] = token_hash
        while len(mine) > KEPT_PER_KIND:
            mine.pop(next(iter(mine)))
    request.session[SESSION_KEY] = {**links, kind: mine}
    return handle


def held(request, kind: str, handle: str) -> str | None:
    """The hash of the token this session keeps under the handle, or None."""
    kept = request.session.get(SESSION_KEY, {}).get(kind, {})
    found = kept.get(handle) if isinstance(kept, dict) else None
    if not isinstance(found, str):
        return None
    if not A_HASH.fullmatch(found):  # a token an older release kept: from now on only its hash
        found = hash_of(found)
        links = request.session[SESSION_KEY]
        request.session[SESSION_KEY] = {**links, kind: {**kept, handle: found}}
    return found


def swap(request, kind: str, token: str, to: str, **kwargs) -> HttpResponseRedirect:
    """Keep the (already checked) token's hash and redirect to the URL named `to`, given `handle` and other kwargs."""
    return HttpResponseRedirect(reverse(to, kwargs={**kwargs, "handle": keep(request, kind, token)}))


def timed_out(request):
    """The page for a handle this session does not hold: the session ended (signed out, idle) or it is another
    browser. It says to open the link again; nothing on it tells whether the link is any good."""
    return render(request, "core/link_timed_out.jinja", {}, status=404)


def _config() -> dict[str, str]:
    return {ACTION: settings.LINK_RATE_LIMIT}


def too_many(request):
    rate = ratelimit.get_rates(app=APP, action=ACTION, config=_config())[0]
    minutes = max(round(rate.duration / 60), 1)
    address = ratelimit.get_ip(request)
    if cache.add(REFUSED_KEY + address, True, timeout=rate.duration):  # the first refusal in this window only
        security_log.warning("Link openings refused by the link limit from %s", address)
        audit.record(
            request, "rate_limited", object_type="page", object_id=getattr(request.resolver_match, "view_name", "")[:80]
        )
    wait = "a minute" if minutes == 1 else f"{minutes} minutes"
    return render(request, "core/errors/429.jinja", {"wait": wait}, status=429)


def opens_link(view: Callable) -> Callable:
    """For the view a link's own address opens (its kwargs include `token`). An opening is counted before the view
    runs (so guesses sent all at once are counted too) and the count is taken back when the link was good: only
    failed openings (the view answers the missing page) stay counted. Past the limit, the 429 page."""

    @wraps(view)
    def counted(request, *args, **kwargs):
        usage = ratelimit.consume(request, app=APP, action=ACTION, config=_config(), limit_get=True)
        if usage is None:
            return too_many(request)
        response = view(request, *args, **kwargs)  # Http404 (a failed opening) goes on up, still counted
        if response.status_code < 400:
            usage.rollback()
        return response

    return counted
