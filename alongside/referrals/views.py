"""The single point of access pages: the triage queue, a referral and each triage step, and referrals I made.

Every page asks `access` who may see what, and each referral shown is audited. Steps are separate pages, each a
plain form post; a stale or impossible step is refused with a message that says why.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.language.on_save import after_saving
from alongside.partners.roles import REFERRER_ROLES, is_triage

from . import access as referral_access
from . import actions, candidates, checking, choices, intake, prefill, queries, summary
from .forms import (
    AllocateForm,
    CloseForm,
    ConfirmPersonForm,
    Decision,
    DecisionForm,
    DraftForm,
    MdtFlagForm,
    NewReferralForm,
    PartnerAnswer,
    PartnerAnswerForm,
    StoryOfferForm,
)
from .lifecycle import AWAITING_DECISION, Move, MoveRefused, Status, allowed_moves
from .models import Referral, Source, Urgency
from .outcome import outcome_words, reference
from .timers import duration_words, is_overdue

REFERRERS = roles(*sorted(REFERRER_ROLES), name="referrers")
TRIAGE = roles("spa_triage", "team_leader", name="single point of access")
NEW_PERSON = "new"

QUEUE_VIEWS = {
    "waiting": ("Waiting for a decision", [s.value for s in AWAITING_DECISION]),
    "accepted": ("Accepted, needing a named worker", [Status.ACCEPTED.value]),
    "decided": ("Redirected, declined or allocated", [Status.REDIRECTED, Status.DECLINED, Status.ALLOCATED]),
    "closed": ("Closed", [Status.CLOSED.value]),
}


@access(TRIAGE)
def queue(request):
    """Referrals for the single point of access, soonest due first, with filters and this week's figures."""
    if not is_triage(request):
        raise Http404
    view = request.GET.get("view") if request.GET.get("view") in QUEUE_VIEWS else "waiting"
    chosen = {name: request.GET.get(name, "") for name in ("source", "urgency", "neighbourhood")}
    neighbourhoods = queries.neighbourhoods()
    counts, page = queries.queue_page(request, view, QUEUE_VIEWS[view][1], chosen, request.GET.get("page"))
    now = timezone.now()
    rows = [_row(r, now, request.user.id) for r in page.object_list]
    return render(
        request,
        "referrals/queue.jinja",
        {
            "rows": rows,
            "page": page,
            "counts": counts,
            "view": view,
            "views": QUEUE_VIEWS,
            "chosen": chosen,
            "sources": Source.choices,
            "urgencies": Urgency.choices,
            "neighbourhoods": neighbourhoods,
            "figures": summary.week_figures(now),
            "query": {k: v for k, v in {**chosen, "view": view}.items() if v},
        },
    )


def _row(referral: Referral, now, user_id: int) -> dict:
    waiting_until = referral.decided_at or now
    return {
        "referral": referral,
        "for_a_colleague": referral.status == Status.RECEIVED and referral.referrer_user_id == user_id,
        "reference": reference(referral.pk),
        "waited": duration_words(waiting_until - referral.received_at),
        "overdue": referral.status in AWAITING_DECISION
        and is_overdue(referral.received_at, referral.urgency, now, settings.TRIAGE_TARGET_HOURS),
        "status": referral.status_words,
    }


@access(REFERRERS)
def mine(request):
    """The referrals I made, drafts first, then newest: what became of each, in plain words."""
    page = queries.made_by_me_page(request, request.GET.get("page"))
    rows = [
        {
            "referral": r,
            "reference": reference(r.pk),
            "status": r.status_words,
            "outcome": outcome_words(actions.outcome_for(r), inside=True),
        }
        for r in page.object_list
    ]
    return render(request, "referrals/mine.jinja", {"rows": rows, "page": page})


@access(REFERRERS)
def team(request):
    """Referrals the user's teams accepted: those still needing a named worker first, then the newest."""
    page = queries.accepted_by_my_teams_page(request, request.GET.get("page"))
    rows = [{"referral": r, "reference": reference(r.pk), "status": r.status_words} for r in page.object_list]
    return render(request, "referrals/team.jinja", {"rows": rows, "page": page})


def _default_source(request) -> str:
    by_role = {"gp": Source.GP, "coordinator": Source.VOLUNTEER_COORDINATOR}
    for role, source in by_role.items():
        if role in request.roles:
            return source
    return Source.NEIGHBOURHOOD_TEAM


def _organisation(request) -> str:
    return request.memberships[0].team.organisation.name if request.memberships else ""


@access(REFERRERS)
def new(request):
    """Make a referral, or save it as a draft to finish later. Sending goes by a check-your-answers page; from a
    person's record the form starts with what the record says about them, so that nothing is typed twice."""
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This was already done: you may have pressed the button twice")
        return redirect(previous)
    initial = {"source": _default_source(request), "referrer_organisation": _organisation(request)}
    answers = checking.restore(request, request.GET.get("answers"), draft=None)
    person = None
    if answers is None and request.method == "GET" and request.GET.get("person"):
        person, from_record = prefill.from_record(request, request.GET["person"])
        initial |= from_record
    form = NewReferralForm(request.POST or answers, initial=initial)
    draft = request.POST.get("action") == "draft"
    if request.method == "POST" and not form.is_valid() and not draft:
        _show_missing(form)
    if request.method == "POST" and form.is_valid() and not draft:
        if not (gaps := intake.missing(_with_referrer(request, form))):
            return redirect(reverse("referrals:check", args=[checking.keep(request, request.POST, draft=None)]))
        form.show_gaps(gaps)
    if request.method == "POST" and form.is_valid():
        made = []

        def make():
            made.append(actions.receive(request, _with_referrer(request, form), channel="staff", draft=True))
            return reverse("referrals:mine")

        url, _ = once(request.user, form.cleaned_data["form_key"], make)
        messages.success(request, _sent_words(made[0], True) if made else "This was already done")
        return redirect(url)
    return render(
        request,
        "referrals/form.jinja",
        {
            "form": form,
            "has_errors": bool(form.errors),
            "urgency_hints": _urgency_hints(),
            "from_record": person,
        },
    )


@access(REFERRERS)
def check(request, key):
    """Check your answers before sending: every answer with a link back to its field, everything typed kept."""
    kept = checking.kept(request, key)
    if kept is None:
        messages.info(request, "This referral was already sent, or the page expired. It is listed here if it was sent")
        return redirect("referrals:mine")
    draft_id = kept["draft"]
    form = (DraftForm if draft_id else NewReferralForm)(checking.as_data(kept))
    if not form.is_valid():  # kept only once valid: a changed form rule sends them back to it
        return redirect(checking.change_url(key, draft_id))
    if request.method == "POST":
        try:
            referral = _send_checked(request, form, draft_id)
        except actions.Incomplete:
            return redirect(checking.change_url(key, draft_id))
        except EditConflict:
            messages.error(request, "This draft was changed in another window. Check it again below")
            return redirect("referrals:edit_draft", pk=draft_id)
        checking.forget(request, key)
        if referral is None:
            messages.success(request, "This was already done: you may have pressed the button twice")
            return redirect("referrals:mine")
        messages.success(request, _sent_words(referral, draft=False))
        after_saving(request, form, ["reason", "situation"])  # what could be written instead, never blocking
        return redirect("referrals:referral", pk=referral.pk)
    return render(
        request,
        "referrals/check.jinja",
        {"rows": checking.rows(form, key, draft_id), "key": key, "back": checking.change_url(key, draft_id)},
    )


def _send_checked(request, form, draft_id) -> Referral | None:
    fields = _with_referrer(request, form)
    if draft_id:
        return actions.send_draft(request, draft_id, fields, form.cleaned_data["version"])
    made = []

    def make():
        made.append(actions.receive(request, fields, channel="staff"))
        return reverse("referrals:referral", args=[made[0].pk])

    once(request.user, form.cleaned_data["form_key"], make)
    return made[0] if made else None


def _show_missing(form) -> None:
    """Alongside the fields typed wrongly, say which needed ones are empty, so that one round of fixes is enough."""
    gaps = intake.missing({**form.cleaned_data, **{name: "typed" for name in form.errors}})
    form.show_gaps(gaps)


def _with_referrer(request, form) -> dict:
    """A referral the user makes is theirs; one taken by phone names the caller, who is told by email or text."""
    fields = form.fields_for_referral()
    if not fields.get("referrer_name"):
        fields["referrer_name"] = request.user.display_name
    return fields


def _sent_words(referral: Referral, draft: bool) -> str:
    if draft:
        return f"Draft saved. You can finish it from ‘Referrals I made’ ({reference(referral.pk)})"
    return f"Referral {reference(referral.pk)} sent to the single point of access. You will be told the outcome here"


def _urgency_hints():
    from .forms import URGENCY_HINTS

    return {k.value: v for k, v in URGENCY_HINTS.items()}


@access(REFERRERS)
def edit_draft(request, pk):
    referral, _ = referral_access.open_referral(request, pk, "referral_draft_viewed")
    if referral.status != Status.DRAFT or referral.referrer_user_id != request.user.id:
        raise Http404
    answers = checking.restore(request, request.GET.get("answers"), draft=pk)
    initial = {**_draft_initial(referral), "version": referral.version}
    form = DraftForm(request.POST or answers, initial=initial)
    if request.method == "POST" and not form.is_valid() and request.POST.get("action") != "draft":
        _show_missing(form)
    if request.method == "POST" and form.is_valid():
        fields = _with_referrer(request, form)
        version = form.cleaned_data["version"]
        if request.POST.get("action") != "draft":
            if not (gaps := intake.missing(fields)):
                return redirect(reverse("referrals:check", args=[checking.keep(request, request.POST, draft=pk)]))
            form.show_gaps(gaps)
            return _draft_page(request, form, referral)
        try:
            actions.save_draft(request, pk, fields, version)
            messages.success(request, _sent_words(referral, draft=True))
            return redirect("referrals:mine")
        except EditConflict:
            form.add_error(None, "This draft was changed in another window. Reload the page to see the latest")
    return _draft_page(request, form, referral)


def _draft_page(request, form, referral):
    return render(
        request,
        "referrals/form.jinja",
        {"form": form, "has_errors": bool(form.errors), "referral": referral, "urgency_hints": _urgency_hints()},
    )


def _draft_initial(referral: Referral) -> dict:
    from .forms import ReferralForm

    values = {name: getattr(referral, name) for name in ReferralForm.base_fields if hasattr(referral, name)}
    values["person_agrees"] = {True: "yes", False: "no"}.get(referral.person_agrees, "")
    return values


@access(REFERRERS)
def referral(request, pk):
    """One referral: what the referrer said, who it is about, what was decided, its history, messages sent."""
    found, basis = referral_access.open_referral(request, pk, "referral_viewed")
    triage = basis == referral_access.Basis.TRIAGE or is_triage(request)
    return render(
        request,
        "referrals/referral.jinja",
        {
            "referral": found,
            "reference": reference(found.pk),
            "status": found.status_words,
            "is_triage": triage,
            "may_allocate": referral_access.may_allocate(request, found),
            "may_close": referral_access.may_close(request, found),
            "may_match": referral_access.may_match(request, found),
            "may_answer": referral_access.may_answer(request, found),
            "receiving_service": basis == referral_access.Basis.RECEIVING_SERVICE,
            "accepting_team": basis == referral_access.Basis.ACCEPTING_TEAM,
            "outcome": outcome_words(actions.outcome_for(found), inside=True),
            "transitions": queries.history(found) if triage else [],
            "messages_sent": queries.messages_sent(found) if triage else [],
            "overdue": found.status in AWAITING_DECISION
            and is_overdue(found.received_at, found.urgency, timezone.now(), settings.TRIAGE_TARGET_HOURS),
            "waited": duration_words((found.decided_at or timezone.now()) - found.received_at)
            if found.received_at
            else "",
        },
    )


def _triage_referral(request, pk, what):
    found, basis = referral_access.open_referral(request, pk, what)
    if not referral_access.may_decide(request):
        raise Http404
    return found


def _not_now(request, found: Referral, *moves: Move):
    """A step that does not apply to the referral as it stands sends the user back to it, saying why."""
    if any(move in allowed_moves(found.status) for move in moves):
        return None
    messages.info(request, MoveRefused(moves[0], found.status).args[0])
    return redirect("referrals:referral", pk=found.pk)


def _refused(request, problem: Exception, pk):
    messages.error(request, str(problem))
    return redirect("referrals:referral", pk=pk)


@access(TRIAGE)
def confirm_person(request, pk):
    """Who is this? Candidates ranked by how much agrees, each shown only as how its details compare with the
    referral; or a new record, only if asked. Never matched by the user who wrote the referral (ADR 0016)."""
    found = _triage_referral(request, pk, "referral_matching_viewed")
    if stop := _not_now(request, found, Move.CONFIRM_PERSON):
        return stop
    if not referral_access.may_match(request, found):
        referral_access.record_matching_refused(request, found)
        context = {"referral": found, "reference": reference(found.pk)}
        return render(request, "referrals/confirm_person_refused.jinja", context, status=403)
    ranked = candidates.for_referral(found)
    referral_access.record_candidates(request, found, ranked)
    choices_ = [(str(c.person_id), f"Possible match {n}") for n, c in enumerate(ranked, 1)]
    choices_.append((NEW_PERSON, "Someone new"))
    form = ConfirmPersonForm(request.POST or None, choices=choices_, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        chosen, version = form.cleaned_data["person"], form.cleaned_data["version"]
        try:
            if chosen == NEW_PERSON:
                actions.create_person(request, pk, version)
                messages.success(request, "A new record was made for them from the referral")
            else:
                actions.confirm_person(request, pk, int(chosen), version)
                messages.success(request, "Confirmed who the referral is about")
            return redirect("referrals:decision", pk=pk)
        except (MoveRefused, EditConflict) as problem:
            return _refused(request, _stale(problem), pk)
        except actions.AlreadyKnown:
            form.add_error("person", "Someone already known has this NHS number: check the possible matches again")
    return render(
        request,
        "referrals/confirm_person.jinja",
        {
            "referral": found,
            "reference": reference(found.pk),
            "form": form,
            "has_errors": bool(form.errors),
            "ranked": ranked,
        },
    )


def _stale(problem: Exception) -> str:
    if isinstance(problem, EditConflict):
        return "Someone else changed this referral while you were looking at it. Check it again below"
    return str(problem)


@access(TRIAGE)
def decision(request, pk):
    """Accept for a team (suggested by address, GP practice and who already cares for them), redirect or decline."""
    found = _triage_referral(request, pk, "referral_decision_viewed")
    if stop := _not_now(request, found, Move.DECLINE):
        return stop
    teams = choices.teams_for(found)
    form = DecisionForm(
        request.POST or None,
        teams=[(str(t.team_id), t.name) for t in teams],
        partners=[(str(o.pk), o.name) for o in choices.partner_services()],
        must_accept_first=found.person_id is None or found.status == Status.RECEIVED,
        initial={"version": found.version, "team": str(teams[0].team_id) if teams and teams[0].reasons else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == Decision.ACCEPT:
                share = data["share_named_worker"] or found.share_named_worker  # agreed already: never asked twice
                actions.accept(request, pk, int(data["team"]), data["reason"], share, data["version"])
                messages.success(request, "Accepted. The referrer has been told")
                return redirect("referrals:allocate", pk=pk)
            if data["decision"] == Decision.REDIRECT:
                partner = int(data["partner"]) if data["partner"] else None
                actions.redirect(request, pk, data["service"], data["reason"], data["version"], partner_id=partner)
            else:
                actions.decline(request, pk, data["reason"], data["version"])
            messages.success(request, "Decision recorded. The referrer has been told")
            return redirect("referrals:referral", pk=pk)
        except (MoveRefused, EditConflict) as problem:
            return _refused(request, _stale(problem), pk)
    return render(
        request,
        "referrals/decision.jinja",
        {
            "referral": found,
            "reference": reference(found.pk),
            "form": form,
            "has_errors": bool(form.errors),
            "teams": teams,
        },
    )


@access(REFERRERS)
def allocate(request, pk):
    """A named worker from the accepting team: who already knows them first, then who has room."""
    found, _ = referral_access.open_referral(request, pk, "referral_allocation_viewed")
    if not referral_access.may_allocate(request, found) or found.team_id is None:
        raise Http404
    if stop := _not_now(request, found, Move.ALLOCATE):
        return stop
    workers = choices.workers_for(found)
    form = AllocateForm(
        request.POST or None,
        workers=[(str(w.user_id), w.name) for w in workers],
        initial={"version": found.version, "worker": str(workers[0].user_id) if workers else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.allocate(request, pk, int(form.cleaned_data["worker"]), form.cleaned_data["version"])
        except (MoveRefused, EditConflict) as problem:
            return _refused(request, _stale(problem), pk)
        messages.success(request, "Named worker allocated. The referrer has been told")
        return redirect("referrals:referral", pk=pk)
    return render(
        request,
        "referrals/allocate.jinja",
        {
            "referral": found,
            "reference": reference(found.pk),
            "form": form,
            "has_errors": bool(form.errors),
            "workers": workers,
        },
    )


@access(TRIAGE)
def close(request, pk):
    found, _ = referral_access.open_referral(request, pk, "referral_close_viewed")
    if not referral_access.may_close(request, found):
        raise Http404
    if stop := _not_now(request, found, Move.CLOSE):
        return stop
    form = CloseForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.close(request, pk, form.cleaned_data["reason"], form.cleaned_data["version"])
        except (MoveRefused, EditConflict) as problem:
            return _refused(request, _stale(problem), pk)
        messages.success(request, "Referral closed")
        return redirect("referrals:queue" if is_triage(request) else "referrals:team")
    return render(
        request,
        "referrals/close.jinja",
        {"referral": found, "reference": reference(found.pk), "form": form, "has_errors": bool(form.errors)},
    )


@access(REFERRERS)
def service(request):
    """Referrals passed to the user's partner service: those waiting for its answer first, then the newest."""
    page = queries.passed_to_my_service_page(request, request.GET.get("page"))
    rows = [
        {
            "referral": r,
            "reference": reference(r.pk),
            "waiting": r.status == Status.REDIRECTED and not r.partner_answer,
        }
        for r in page.object_list
    ]
    return render(request, "referrals/service.jinja", {"rows": rows, "page": page})


@access(REFERRERS)
def answer(request, pk):
    """The partner service's coordinator takes the person on, or hands the referral back, with a reason."""
    found, _ = referral_access.open_referral(request, pk, "referral_answer_viewed")
    if not referral_access.may_answer(request, found):
        raise Http404
    form = PartnerAnswerForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["answer"] == PartnerAnswer.TAKE_ON:
                actions.take_on(request, pk, data["reason"], data["version"])
                messages.success(request, "You have taken them on. The referrer has been told")
                return redirect("referrals:referral", pk=pk)
            actions.hand_back(request, pk, data["reason"], data["version"])
        except (MoveRefused, EditConflict, PermissionDenied) as problem:
            messages.error(request, _stale(problem) if str(problem) else "This referral has already been answered")
            return redirect("referrals:service")
        messages.success(request, "Handed back to the single point of access. The referrer has been told")
        return redirect("referrals:service")
    return render(
        request,
        "referrals/answer.jinja",
        {"referral": found, "reference": reference(found.pk), "form": form, "has_errors": bool(form.errors)},
    )


@access(PERSON_RECORD)
def story_offer(request, pk):
    """Add what the referrer said to the person's story, if they agreed; asked of whoever may write the story."""
    if request.method != "POST":
        raise Http404
    form = StoryOfferForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        found = actions.answer_story_offer(request, pk, form.cleaned_data["agreed"] == "yes")
    except PermissionDenied:
        raise Http404 from None
    agreed = found.story_offer == "added"
    messages.success(request, "Added to their story" if agreed else "Left out of their story")
    return redirect("people:person", pk=found.person_id)


@access(TRIAGE)
def mdt_flag(request, pk):
    """Triage asks the person's MDT to discuss them, with why (or takes the ask back): a plain checkbox, never
    ticked for them. Only once the person is known."""
    found = _triage_referral(request, pk, "referral_mdt_flag_viewed")
    if found.person_id is None or found.status == Status.DRAFT:
        messages.error(request, "Confirm who this referral is about before asking the MDT to discuss them")
        return redirect("referrals:referral", pk=pk)
    initial = {"version": found.version, "discuss": found.discuss_at_mdt, "reason": found.mdt_reason}
    form = MdtFlagForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.flag_for_mdt(request, pk, data["discuss"], data["reason"], data["version"])
        except EditConflict as changed:
            again = request.POST.copy()
            again["version"] = str(changed.current.version)
            form = MdtFlagForm(again)
            form.is_valid()
            form.add_error(None, "Someone else changed this referral while you were writing. Check it, then save again")
        else:
            after_saving(request, form, ["reason"])  # what could be written instead, never blocking
            said = "The MDT will be asked to discuss them" if data["discuss"] else "The MDT will not be asked"
            messages.success(request, said)
            return redirect("referrals:referral", pk=pk)
    return render(
        request,
        "referrals/mdt_flag.jinja",
        {"referral": found, "reference": reference(found.pk), "form": form, "has_errors": bool(form.errors)},
    )
