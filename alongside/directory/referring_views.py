"""Referring a person to a community service: from the person's page, staff who may write the record choose a
service, say what would help, record the person's agreement, check and send; the service answers through its
one-time link with no account. The views read forms and ask referring_queries and actions_referring."""

import time
from uuid import UUID

from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from alongside.core.access import PERSON_RECORD, PUBLIC, access
from alongside.core.forms import EditConflict
from alongside.language.on_save import after_saving

from . import actions_referring, referring_queries, referring_rules
from .referring_forms import AnswerForm, ReferForm
from .referring_rules import Status

RATE, RATE_SECONDS = 30, 60  # answers and looks at a link, per network address per minute


@access(PERSON_RECORD)
def choose(request, person_id: int):
    start = referring_queries.start_of(request, request.GET.get("from", ""), person_id)
    person, _ = referring_queries.open_for_referring(request, person_id, "community_referral_choose", start)
    words = request.GET.get("words", "")[:100]
    services = referring_queries.search_referable(words)
    return render(
        request,
        "directory/referring/choose.jinja",
        {"person": person, "services": services, "words": words, "start": start, "keep": _keep(start)},
    )


def _keep(start: referring_queries.Start | None) -> str:
    """The query string that carries where the referral started from page to page."""
    return "?" + urlencode({"from": start.came_from}) if start else ""


@access(PERSON_RECORD)
def new(request, person_id: int, service_id: UUID):
    start = referring_queries.start_of(request, request.GET.get("from", ""), person_id)
    person, _ = referring_queries.open_for_referring(request, person_id, "community_referral_new", start)
    service = referring_queries.referable(service_id)
    if service is None:
        raise Http404
    form = ReferForm(request.POST or None)
    stage = "form"
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        stage = "check"
        if request.POST.get("confirm"):
            data = form.cleaned_data
            try:
                actions_referring.send(
                    request,
                    person.pk,
                    actions_referring.Referring(
                        service_id=service.pk,
                        what_would_help=data["what_would_help"],
                        shared=tuple(data["shared"]),
                        agreed=data["agreed"],
                        form_key=data["form_key"],
                        came_from=start.came_from if start else "",
                    ),
                )
            except actions_referring.NotAllowed as problem:
                form.add_error(None, str(problem))
                stage = "form"
            else:
                after_saving(request, form, ["what_would_help"])  # what could be written instead, never blocking
                if start:
                    messages.success(request, f"Referral sent to {service.name}")
                    return redirect(start.href)
                return redirect(reverse("people:person", args=[person.pk]) + "#community-referrals")
    return render(
        request,
        "directory/referring/new.jinja",
        {
            "person": person,
            "service": service,
            "form": form,
            "stage": stage,
            "start": start,
            "keep": _keep(start),
            "shared_labels": dict(referring_queries.SHAREABLE),
            "has_errors": bool(form.errors),
        },
        status=200,
    )


@access(PERSON_RECORD)
def referral(request, referral_id: int):
    """One referral, for its referrer and staff who may write the person's record: what was sent, the service's
    answers, and a new link for the service when it lost or outlived the one it had."""
    found = referring_queries.referral_for(request, referral_id, "community_referral_opened")
    problem = ""
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            actions_referring.new_link(request, found.pk, version)
        except EditConflict:
            problem = "This referral changed while you were looking at it. Check it below before you send a new link"
        except actions_referring.NotAllowed as refused:
            problem = str(refused)
        else:
            messages.success(request, f"A new link was sent to {found.service.referral_email}")
            return redirect(reverse("directory:referring_referral", args=[found.pk]))
        found = referring_queries.referral_for(request, referral_id, "community_referral_opened")
    status = Status(found.status)
    return render(
        request,
        "directory/referring/referral.jinja",
        {
            "referral": found,
            "back": referring_queries.start_page(found),
            "shared_labels": dict(referring_queries.SHAREABLE),
            "link_good": referring_rules.link_is_good(status, found.expires_at, timezone.now()),
            "more_to_come": bool(referring_rules.ANSWERS[status]),
            "team_phone": referring_queries.team_phone(found.team_id),
            "problem": problem,
        },
    )


def _over_the_limit(request) -> bool:
    times, seconds = getattr(settings, "ALONGSIDE_REFERRING_RATE", (RATE, RATE_SECONDS))
    window = int(time.time() // seconds)
    key = f"alongside:referring-answer-rate:{ratelimit.get_ip(request)}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    return count > times


def _gone(request):
    """One page for a link that is unknown, expired or used up: it says nothing about who or whether."""
    return render(request, "directory/referring/gone.jinja", {}, status=404)


@access(PUBLIC)
def answer(request, token: str):
    if _over_the_limit(request):
        response = render(request, "directory/referring/too_many.jinja", {}, status=429)
        response["Retry-After"] = str(RATE_SECONDS)
        return response
    referral = referring_queries.by_token(token)
    if referral is None:
        return _gone(request)
    status = Status(referral.status)
    good = referring_rules.link_is_good(status, referral.expires_at, timezone.now())
    allowed = referring_rules.ANSWERS[status]
    form = AnswerForm(allowed=allowed)
    if request.method == "POST":
        # The answer just given may come again (a double click, a retry): the action changes nothing then, and the
        # service is thanked again rather than told the link no longer works.
        again = frozenset() if status == Status.SENT else frozenset({status})
        form = AnswerForm(request.POST, allowed=allowed | again)
        if form.is_valid():
            try:
                answered = actions_referring.answer(request, token, Status(form.cleaned_data["answer"]), form.words)
            except actions_referring.NotAllowed as problem:
                form.add_error(None, str(problem))
            else:
                if answered is None:
                    return _gone(request)
                return render(
                    request,
                    "directory/referring/thanks.jinja",
                    {"referral": answered, "more": bool(referring_rules.ANSWERS[Status(answered.status)])},
                )
        form.fields["answer"].choices = [c for c in form.fields["answer"].choices if c[0] in allowed]
    if not good:
        return _gone(request)
    return render(
        request,
        "directory/referring/answer.jinja",
        {
            "referral": referral,
            "shown": referring_queries.for_service(request, referral),
            "form": form,
            "has_errors": bool(form.errors),
        },
    )
