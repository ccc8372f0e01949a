"""The person's questionnaires and trends. Three ways in, one flow of pages: from the person's own login, with a member
of staff, or through a one-time link. One question a page, "Question 3 of 9", answers kept as they go (a Draft), then
"Check your answers" and submit once: the draft's key is the response's idempotency key, so a second press of the
button makes no second response."""

from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core import link_tokens
from alongside.core.access import PERSON_RECORD, PUBLIC, access
from alongside.core.forms import OnceForm, once
from alongside.people.access import open_record, record_by_the_person
from alongside.people.models import Person
from alongside.people.policy import Action, Category, Decision

from . import actions, flow, links, queries, sections, trends
from .flow import Question
from .instruments import Instrument
from .models import Draft, How

ANSWER_ERROR = "Select an answer for ‘{question}’"


@dataclass
class Flow:
    """One way through a questionnaire: whose it is, who answers, and where its pages are."""

    person: Person
    instrument: Instrument
    asked: list[Question]
    draft: Draft | None
    owner: str
    how: str
    decision: Decision | None
    question_url: Any  # number -> url
    check_url: str
    start_url: str

    @property
    def answers(self) -> dict[str, int]:
        return flow.kept(self.asked, self.draft.answers if self.draft else {})

    @property
    def with_staff(self) -> bool:
        return self.how == How.WITH_STAFF

    @property
    def own(self) -> bool:
        return self.how in (How.OWN_LOGIN, How.LINK)

    @property
    def goals(self) -> dict[str, str] | None:
        return {q.link_id: q.text for q in self.asked} if self.instrument.items_per_person else None

    def context(self, **more) -> dict:
        return {
            "person": self.person,
            "name": self.person.given_name,
            "instrument": self.instrument,
            "short": trends.short_name(self.instrument),
            "with_staff": self.with_staff,
            "own": self.own,
            "by_link": self.how == How.LINK,
            "total": len(self.asked),
            **more,
        }


def _asked(person: Person, instrument: Instrument) -> list[Question]:
    return flow.questions(instrument, queries.goals(person) if instrument.items_per_person else [])


def _signed_in(request, pk: int, code: str) -> Flow:
    person, _, facts = open_record(request, pk, Category.NAME, "outcome_questionnaire_opened")
    instrument = queries.instrument(code)
    allowed = actions.completer_for(facts, instrument) if instrument else None
    if allowed is None or instrument is None:
        raise Http404
    how, decision = allowed
    owner = actions.owner_for(request, how)
    return Flow(
        person=person,
        instrument=instrument,
        asked=_asked(person, instrument),
        draft=queries.draft(person, code, owner),
        owner=owner,
        how=how,
        decision=decision,
        question_url=lambda n: reverse("outcomes:question", args=[person.pk, code, n]),
        check_url=reverse("outcomes:check", args=[person.pk, code]),
        start_url=reverse("outcomes:choose", args=[person.pk]),
    )


LINKS = "outcomes"  # this app's links in the session (alongside.core.link_tokens)


def _held(request, handle: str) -> str:
    """The hash of the token the session keeps for this page's handle (pages are `_through_link`)."""
    token_hash = link_tokens.held(request, LINKS, handle)
    if token_hash is None:
        raise Http404
    return token_hash


def _through_link(view):
    """For a page a link opens: a handle the session does not hold (it ended, or another browser) is the
    timed-out page."""

    @wraps(view)
    def page(request, handle, *args, **kwargs):
        if link_tokens.held(request, LINKS, handle) is None:
            return link_tokens.timed_out(request)
        return view(request, handle, *args, **kwargs)

    return page


def _by_link(request, handle: str) -> Flow:
    link = links.opened(request, _held(request, handle))
    instrument = queries.instrument(link.instrument) if link else None
    if link is None or instrument is None:
        raise Http404
    owner = links.owner_of(link)
    return Flow(
        person=link.person,
        instrument=instrument,
        asked=_asked(link.person, instrument),
        draft=queries.draft(link.person, instrument.code, owner),
        owner=owner,
        how=How.LINK,
        decision=None,
        question_url=lambda n: reverse("outcomes:link_question", args=[handle, n]),
        check_url=reverse("outcomes:link_check", args=[handle]),
        start_url=reverse("outcomes:link_start", args=[handle]),
    )


# --- choosing a questionnaire (signed in) ------------------------------------------------------------------------


@access(PERSON_RECORD)
def choose(request, pk):
    person, _, facts = open_record(request, pk, Category.NAME, "outcome_questionnaires_viewed")
    offered = [(i, how) for i in queries.shipped().values() if (how := actions.completer_for(facts, i))]
    if not offered:
        raise Http404
    how = offered[0][1][0]
    started = queries.drafts(person, actions.owner_for(request, how))
    latest = queries.latest(person)
    rows = [
        {
            "instrument": i,
            "short": trends.short_name(i),
            "draft": started.get(i.code),
            "last": latest.get(i.code),
            "resume": sections.resume(person, i, started.get(i.code)),
        }
        for i, _ in offered
    ]
    return render(
        request,
        "outcomes/choose.jinja",
        {
            "person": person,
            "name": person.given_name,
            "own": facts.is_self,
            "with_staff": how == How.WITH_STAFF,
            "rows": rows,
        },  # fmt: skip
    )


# --- the questions: one a page -----------------------------------------------------------------------------------


def _question(request, way: Flow, number: int):
    if not way.asked:
        return render(request, "outcomes/no_goals.jinja", way.context(back=way.start_url))
    if not 1 <= number <= len(way.asked):
        raise Http404
    asked = way.asked[number - 1]
    answers = way.answers
    from_check = request.GET.get("check") == "1" and flow.first_unanswered(way.asked, answers) > len(way.asked)
    error = ""
    if request.method == "POST":
        value = flow.parse(asked, request.POST.get("answer"))
        if value is None:
            error = ANSWER_ERROR.format(question=asked.text)
        else:
            kept = actions.keep_answer(
                request, way.person, way.instrument.code, way.owner, way.how, asked.link_id, value, way.decision
            )
            following = flow.first_unanswered(way.asked, flow.kept(way.asked, kept.answers))
            if from_check or following > len(way.asked):
                return redirect(way.check_url)
            return redirect(way.question_url(number + 1 if number < len(way.asked) else following))
    back = way.check_url if from_check else (way.question_url(number - 1) if number > 1 else way.start_url)
    return render(
        request,
        "outcomes/question.jinja",
        way.context(
            question=asked,
            number=number,
            chosen=answers.get(asked.link_id),
            error=error,
            has_errors=bool(error),
            back=back,
            action=request.get_full_path(),
            layout="outcomes/link/layout.jinja" if way.how == How.LINK else "layout.jinja",
        ),
    )


def _check(request, way: Flow, done):
    """Check your answers; on "Submit" with the draft's key, `done()` records them once and says what comes next."""
    answers = way.answers
    missing = flow.first_unanswered(way.asked, answers)
    if not way.asked or way.draft is None or missing <= len(way.asked):
        return redirect(way.question_url(min(missing, max(len(way.asked), 1))))
    if request.method == "POST":
        if request.POST.get("form_key") == str(way.draft.form_key):
            return done()
        return redirect(way.check_url)
    rows = [
        {"question": q, "answer": q.words_for(answers[q.link_id]), "change": f"{way.question_url(n)}?check=1"}
        for n, q in enumerate(way.asked, start=1)
    ]
    return render(
        request,
        "outcomes/check.jinja",
        way.context(
            rows=rows,
            form_key=way.draft.form_key,
            back=way.question_url(len(way.asked)),
            layout="outcomes/link/layout.jinja" if way.how == How.LINK else "layout.jinja",
        ),
    )


@access(PERSON_RECORD)
def question(request, pk, code, number):
    return _question(request, _signed_in(request, pk, code), number)


@access(PERSON_RECORD)
def check(request, pk, code):
    way = _signed_in(request, pk, code)
    trend_page = reverse("outcomes:trend", args=[way.person.pk])
    if request.method == "POST" and queries.response_by_key(way.person, request.POST.get("form_key", "")[:100]):
        return redirect(trend_page)  # pressed twice: the first press saved them

    def done():
        try:
            actions.submit(request, way.person, way.instrument, way.draft, goals=way.goals)
        except PermissionDenied:
            raise Http404 from None
        whose = "Your" if way.own else f"{way.person.given_name}’s"
        what = "goal ratings" if way.instrument.items_per_person else f"{trends.short_name(way.instrument)} answers"
        messages.success(request, f"Thank you. {whose} {what} are saved.")
        return redirect(trend_page)

    return _check(request, way, done)


# --- the trend page ----------------------------------------------------------------------------------------------


@access(PERSON_RECORD)
def trend(request, pk):
    person, _, facts = open_record(request, pk, Category.CARE, "outcomes_viewed")
    shown = trends.outcomes(queries.responses(person), queries.shipped())
    offered = any(actions.completer_for(facts, i) for i in queries.shipped().values())
    return render(
        request,
        "outcomes/trend.jinja",
        {
            "person": person,
            "name": person.given_name,
            "own": facts.is_self,
            "outcomes": shown,
            "may_fill": offered,
            "may_send": links.sender_for(facts) is not None,
        },  # fmt: skip
    )


# --- sending a one-time link -------------------------------------------------------------------------------------


class SendForm(OnceForm):
    instrument = forms.ChoiceField(
        label="Which questionnaire?", widget=forms.RadioSelect, error_messages={"required": "Select a questionnaire"}
    )
    channel = forms.ChoiceField(
        label="How should we send it?", widget=forms.RadioSelect, error_messages={"required": "Select how to send it"}
    )

    def __init__(self, *args, instruments: list[Instrument], contacts: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [(i.code, i.title) for i in instruments]
        words = {"text": "Text message to", "email": "Email to"}
        self.fields["channel"].choices = [(channel, f"{words[channel]} {to}") for channel, to in contacts.items()]


@access(PERSON_RECORD)
def send(request, pk):
    person, _, facts = open_record(request, pk, Category.CARE, "outcome_link_opened_for_sending", action=Action.WRITE)
    if links.sender_for(facts) is None:
        raise Http404
    contacts = links.contacts(person, facts)
    offered = [i for i in queries.shipped().values() if links.sendable(i)]
    form = SendForm(request.POST or None, instruments=offered, contacts=contacts)
    page = {"person": person, "name": person.given_name, "contacts": contacts, "form": form}
    if request.method == "POST" and contacts and "change" not in request.POST and form.is_valid():
        chosen = queries.instrument(form.cleaned_data["instrument"])
        channel = form.cleaned_data["channel"]
        if request.POST.get("confirm") == "yes" and chosen is not None:

            def make():
                links.send(request, person, facts, chosen, channel)
                return reverse("people:person", args=[person.pk])

            url, made = once(request.user, form.cleaned_data["form_key"], make)
            if made:
                messages.success(request, f"Link sent to {person.given_name}: {chosen.title}, to {contacts[channel]}.")
            return redirect(url)
        raw = [(name, request.POST.get(name, "")) for name in ("form_key", "instrument", "channel")]
        return render(
            request,
            "outcomes/send_check.jinja",
            page | {"chosen": chosen, "channel": channel, "to": contacts[channel], "raw": raw},
        )
    return render(request, "outcomes/send.jinja", page | {"has_errors": bool(form.errors)})


# --- through a one-time link -------------------------------------------------------------------------------------


@access(PUBLIC)
@link_tokens.opens_link
def link(request, token):
    """The address in the message: a good link's token's hash goes into the session,
    and the pages open without it."""
    if len(token) > 100 or links.opened(request, queries.hash_token(token)) is None:
        raise Http404
    return link_tokens.swap(request, LINKS, token, "outcomes:link_start")


@access(PUBLIC)
@_through_link
def link_start(request, handle):
    way = _by_link(request, handle)
    record_by_the_person(request, way.person, "outcome_link_opened", instrument=way.instrument.code, via="link")
    answers = way.answers
    following = flow.first_unanswered(way.asked, answers)
    go_on = way.check_url if way.asked and following > len(way.asked) else way.question_url(max(following, 1))
    return render(request, "outcomes/link/start.jinja", way.context(go_on=go_on, started=bool(answers)))


@access(PUBLIC)
@_through_link
def link_question(request, handle, number):
    return _question(request, _by_link(request, handle), number)


@access(PUBLIC)
@_through_link
def link_check(request, handle):
    token_hash = _held(request, handle)
    key = request.POST.get("form_key", "")[:100] if request.method == "POST" else ""
    if key and (used := queries.link_by_hash(token_hash)) and used.response and used.response.idempotency_key == key:
        return render(request, "outcomes/link/thanks.jinja", {"name": used.person.given_name})  # pressed twice
    way = _by_link(request, handle)

    def done():
        if links.submit(request, token_hash, way.instrument, goals=way.goals) is None:
            raise Http404
        return render(request, "outcomes/link/thanks.jinja", {"name": way.person.given_name})

    return _check(request, way, done)
