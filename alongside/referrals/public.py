"""The public form at /refer/: anyone may ask for help for themselves or for someone they care for, one question
at a time, then check their answers and send them.

No account is needed, so the safeguards that forms inside the service get from the signed-in user are made here
from what an anonymous visitor has:

- The answers are kept in the session (on the server), page by page, as typed; never in hidden fields. Going
  back, or changing an answer from the check page, shows what was typed. Answers untouched for an hour are
  forgotten, and the person is told kindly and starts again (`public_journey.IDLE_MINUTES`).
- Double submission. Each journey has a one-time key, sent with the check page's button. The key's result (the
  reference and urgency shown on the "sent" page) is kept in the cache for a day, so a repeat with the same key
  (a double click, the back button and "send" again) is sent to the same "sent" page. Two copies arriving at the
  same moment take turns on a PostgreSQL advisory lock named by the key, so the second always finds what the
  first made: the cache alone cannot promise that, because the file-based cache's `add` is not atomic between
  processes.
- Spam. A honeypot field that people never see (hidden from screens and from screen readers alike) on the page
  about the person: a journey with it filled in is answered with the usual "sent" page and nothing is stored.
  And a few referrals per internet address (IP address) are allowed in each window of time; beyond that the
  check page is shown again, with every answer, and a kind message (status 429). No CAPTCHA.
- Never revealing a match. The "sent" page says the same whether or not we already know the person: only the
  reference and the urgency's target time come through the session, never the referral's id or anything found.
"""

import hashlib
import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from alongside.core.access import PUBLIC, access
from alongside.core.addresses import client_address

from . import actions
from . import public_journey as journeys
from .models import Channel, Urgency
from .outcome import reference
from .public_forms import SendForm
from .timers import duration_words

logger = logging.getLogger("alongside.referrals")

# The service's name as the public know it, in the header and the pages' titles (staff know it as Alongside).
PUBLIC_SERVICE_NAME = "Get help from your neighbourhood health and care team"
# How many referrals one internet address may send: (window in seconds, most in that window). A care home or a
# GP surgery's waiting room shares one address, so the limits leave room for several honest referrals.
RATE_LIMITS = ((10 * 60, 5), (24 * 60 * 60, 20))
ONCE_FOR = 24 * 60 * 60  # how long a one-time key's result is remembered, in seconds
JOURNEY = "refer_answers"  # session key: the answers so far (see public_journey)
SENT = "refer_sent"  # session key: what the "sent" page shows
HONEYPOT = "website"
HONEYPOT_PAGE = "about"


@access(PUBLIC)
@never_cache  # what people type about themselves is not kept by the browser or a proxy
def start(request):
    return _render(request, "referrals/public/start.jinja", {})


@access(PUBLIC)
@never_cache
def privacy(request):
    back = request.GET.get("from") == "check"
    context = {"back_to_check": back, "idle_minutes": journeys.IDLE_MINUTES}
    return _render(request, "referrals/public/privacy.jinja", context)


@access(PUBLIC)
@never_cache
def step(request, name: str):
    """One page of questions: shown with the answers kept, and on a good answer on to the next page."""
    page = journeys.BY_NAME[name]
    now = time.time()
    journey = _journey(request, now)
    first = page.name == journeys.PAGES[0].name
    if journey is not None and journey.get("sent") and not first:
        return redirect("refer:sent")  # back from the "sent" page: these answers are sent, not to be changed
    if journey is None or journey.get("sent"):
        if not first:
            return _expired(request)
        journey = journeys.new_journey(now)
    answers = journey["pages"]
    changing = request.GET.get("change") == "1"
    if not journeys.applies(page, answers):  # a page for someone else, after choosing "Me", or the reverse
        return redirect(_address(journeys.first_gap(answers)))
    data = request.POST if request.method == "POST" else None
    form = journeys.form_for(page, answers, data)
    if request.method == "POST":
        if page.name == HONEYPOT_PAGE and request.POST.get(HONEYPOT, "").strip():
            logger.info("Public referral form: the honeypot was filled in, so nothing will be stored")
            journey["honeypot"] = True
        if form.is_valid():
            answers[page.name] = form.raw()
            _keep(request, journey, now)
            following = journeys.following(page, answers)
            if changing or following is None:
                return redirect(_address(journeys.first_gap(answers)))
            return redirect(_address(following))
    _keep(request, journey, now)
    before = journeys.previous(page, answers)
    back = reverse("refer:check") if changing else _address(before) if before else reverse("refer:start")
    context = {
        "form": form,
        "page": page,
        "heading": page.heading(journeys.for_self(answers)),
        "for_self": journeys.for_self(answers),
        "has_errors": bool(form.errors),
        "back": back,
        "honeypot": HONEYPOT if page.name == HONEYPOT_PAGE else None,
        "urgency_hints": _urgency_hints(),
    }
    return _render(request, f"referrals/public/{page.name}.jinja", context)


@access(PUBLIC)
@never_cache
def check(request):
    """Check your answers, then send: the one step that makes a referral."""
    now = time.time()
    if request.method == "POST":
        key = _key(request.POST.get("form_key"))
        if key and (done := cache.get(_once_key(key))) is not None:
            request.session[SENT] = done  # a repeat: the same page as the first time
            return redirect("refer:sent")
    journey = _journey(request, now)
    if journey is None:
        return _expired(request)
    if journey.get("sent"):
        return redirect("refer:sent")
    answers = journey["pages"]
    gap = journeys.first_gap(answers)
    if gap is not None:
        return redirect(_address(gap))
    _keep(request, journey, now)
    if request.method == "POST":
        if journey.get("honeypot"):
            urgency = journeys.cleaned(answers)["how_soon"]["urgency"]
            return _sent(request, journey, {"reference": "", "urgency": urgency})
        if not _within_limits(request):
            logger.warning("Public referral form: too many referrals from one address; this one was refused")
            return _check_page(request, journey, status=429, too_many=True)
        try:
            done = _send_once(request, uuid.UUID(journey["key"]), journeys.fields_for_referral(answers))
        except actions.Incomplete as incomplete:  # the pages check what intake needs, so this is not expected
            logger.error("Public referral form: answers passed every page but not intake: %s", sorted(incomplete.gaps))
            return _check_page(request, journey, status=400, gaps=list(incomplete.gaps.values()))
        return _sent(request, journey, done)
    return _check_page(request, journey)


@access(PUBLIC)
@never_cache
def sent(request):
    done = request.session.get(SENT)
    if done is None:
        return redirect("refer:start")
    hours = settings.TRIAGE_TARGET_HOURS[_urgency(done.get("urgency"))]
    context = {"reference": done.get("reference", ""), "aim": duration_words(timedelta(hours=hours))}
    return _render(request, "referrals/public/sent.jinja", context)


def _render(request, template: str, context: dict, status: int = 200):
    return render(request, template, {"public_service_name": PUBLIC_SERVICE_NAME, **context}, status=status)


def _check_page(request, journey, status=200, too_many=False, gaps=()):
    context = {
        "sections": journeys.summary(journey["pages"]),
        "for_self": journeys.for_self(journey["pages"]),
        "form": SendForm(initial={"form_key": journey["key"]}),
        "too_many": too_many,
        "gaps": gaps,
        "has_errors": too_many or bool(gaps),
        "back": _address(journeys.pages_for(journey["pages"])[-1]),
    }
    return _render(request, "referrals/public/check.jinja", context, status=status)


def _sent(request, journey: dict, done: dict):
    """The answers are kept, marked sent, until they expire: going back shows the "sent" page, and the first page
    starts a new request with empty pages."""
    journey["sent"] = True
    request.session[JOURNEY] = journey
    request.session[SENT] = done
    return redirect("refer:sent")


def _expired(request):
    """No answers to go on with: the session ended, or the answers were left for too long."""
    return _render(request, "referrals/public/expired.jinja", {"idle_minutes": journeys.IDLE_MINUTES})


def _journey(request, now: float) -> dict | None:
    journey = request.session.get(JOURNEY)
    return journey if journeys.is_current(journey, now) else None


def _keep(request, journey: dict, now: float) -> None:
    journey["touched"] = now
    request.session[JOURNEY] = journey
    request.session.modified = True


def _address(page) -> str:
    return reverse(f"refer:{page.name}") if page is not None else reverse("refer:check")


def _aims() -> dict[str, str]:
    return {u: duration_words(timedelta(hours=h)) for u, h in settings.TRIAGE_TARGET_HOURS.items()}


def _urgency_hints() -> dict[str, str]:
    aims = _aims()
    return {
        Urgency.ROUTINE.value: f"We aim to read your request within {aims[Urgency.ROUTINE]}",
        Urgency.SOON.value: f"We aim to read your request within {aims[Urgency.SOON]}",
        Urgency.URGENT.value: f"We aim to read your request within {aims[Urgency.URGENT]}",
    }


def _send_once(request, key: uuid.UUID, fields: dict) -> dict:
    """Make the referral unless this key already made one; either way, what the "sent" page shows."""
    with transaction.atomic():
        with connection.cursor() as cursor:  # a second copy of the same form waits here for the first
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(key.bytes[:8], "big", signed=True)])
        done = cache.get(_once_key(key))
        if done is None:
            referral = actions.receive(request, fields, channel=Channel.PUBLIC)
            done = {"reference": reference(referral.pk), "urgency": referral.urgency}
            cache.set(_once_key(key), done, ONCE_FOR)
    return done


def _within_limits(request) -> bool:
    """Count this referral against its internet address; False once any window's limit is passed.

    Fixed windows in the cache. With the file-based cache two requests at the same moment may both count as
    one, which is close enough for a limit on spam.
    """
    address = hashlib.sha256((client_address(request) or "").encode()).hexdigest()[:32]  # the cache keeps no address
    now = int(time.time())
    within = True
    for window, most in RATE_LIMITS:
        name = f"refer-rate:{window}:{address}:{now // window}"
        cache.add(name, 0, timeout=window)
        try:
            count = cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.set(name, 1, timeout=window)
            count = 1
        within = within and count <= most
    return within


def _key(raw) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


def _once_key(key: uuid.UUID) -> str:
    return f"refer-once:{key}"


def _urgency(value) -> str:
    return value if value in Urgency.values else Urgency.ROUTINE.value
