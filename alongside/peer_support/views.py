"""Peer support's pages: a hub's sessions, recording one, who has not come for a while, volunteers' ideas and
"You said, we did". Every page is for the hub's own volunteers and coordinators; anyone else, and anything of
another hub, is answered like a page that does not exist (hubs.refuse), audited the same way."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from alongside.core.access import SIGNED_IN, access
from alongside.core.forms import EditConflict, earlier_submission, once
from alongside.people.access import names_in_hub_writing

from . import actions, hubs, naming, queries
from .forms import AnswerForm, EditSessionForm, IdeaForm, NewSessionForm

NOT_SEEN_DAYS = 91  # about three months


def concern_url() -> str | None:
    """Where a coordinator records a concern a volunteer raised: the concerns capability's page, if it is there.
    Peer support imports no other capability, so it asks for the page by name and does without it if missing."""
    try:
        return reverse("concerns:record")
    except NoReverseMatch:
        return None


def _checked_for_names(request, hub_id: int, form, fields: list[str]) -> bool:
    """Check what was written for names before saving. A title with a name ("Mrs P") must be changed; a client's
    name may be a plain word ("Grace"), so the writer may say it names no one. True when it may be saved."""
    may_save = True
    for name in fields:
        text = form.cleaned_data.get(name) or ""
        titled = naming.titled_names(text)
        if titled:
            form.add_error(name, naming.warning(titled) + ", for example “a client” or “the person I visit”")
            may_save = False
            continue
        found = naming.client_names(text, names_in_hub_writing(request, hub_id, naming.words_of(text)))
        if found and not form.cleaned_data.get("no_one_named"):
            form.add_error(name, naming.warning(found) + ", or tick the box below if it names no one")
            form.asks_no_one_named = True
            may_save = False
    return may_save


def _asks_no_one_named(form) -> bool:
    """Show the "no one is named" box once the check has asked, and while it is ticked."""
    return getattr(form, "asks_no_one_named", False) or bool(form.data.get("no_one_named"))


def _restarted(form, current_version: int, **kwargs):
    """After an edit conflict: the same form with what was typed, starting again from the version saved now, so
    that sending it again saves it."""
    data = form.data.copy()
    data["version"] = str(current_version)
    again = type(form)(data, **kwargs)
    again.is_valid()
    return again


def _hub(request, hub_id: int, coordinator: bool = False):
    role = hubs.role_in(request, hub_id)
    if role is None or (coordinator and role != hubs.COORDINATOR):
        raise hubs.refuse(request, "peer_support_hub", "team", hub_id)
    return hubs.hub_team(request, hub_id), role


@access(SIGNED_IN)
def index(request):
    """Peer support: the user's hub, or a choice of their hubs."""
    found = hubs.hubs(request)
    if not found:
        raise Http404
    if len(found) == 1:
        return redirect("peer_support:hub", hub_id=next(iter(found)))
    return render(request, "peer_support/index.jinja", {"hubs": list(found.values())})


@access(SIGNED_IN)
def hub(request, hub_id):
    team, role = _hub(request, hub_id)
    today = timezone.localdate()
    found = queries.sessions(hub_id, request.user)
    upcoming = sorted((s for s in found if s.held_on >= today), key=lambda s: (s.held_on, s.pk))
    past = [s for s in found if s.held_on < today]
    return render(
        request,
        "peer_support/hub.jinja",
        {
            "hub": team,
            "coordinator": role == hubs.COORDINATOR,
            "upcoming": upcoming,
            "past": past,
            "several": len(hubs.hubs(request)) > 1,
        },
    )


@access(SIGNED_IN)
def new_session(request, hub_id):
    team, _ = _hub(request, hub_id, coordinator=True)
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This session was already recorded: you may have pressed the button twice")
        return redirect(previous)
    form = NewSessionForm(request.POST or None, volunteers=queries.volunteers(hub_id))
    if request.method == "POST" and form.is_valid() and _checked_for_names(request, hub_id, form, ["place", "themes"]):
        data = form.cleaned_data

        def make():
            session = actions.record_session(
                request,
                hub_id,
                kind=data["kind"],
                held_on=data["held_on"],
                place=data["place"],
                themes=data["themes"],
                attended=[int(pk) for pk in data["attended"]],
            )
            return reverse("peer_support:session", args=[session.pk])

        url, made = once(request.user, data["form_key"], make)
        messages.success(request, "Session recorded" if made else "This session was already recorded")
        return redirect(url)
    return render(
        request,
        "peer_support/session_form.jinja",
        {
            "hub": team,
            "form": form,
            "ask_no_one_named": _asks_no_one_named(form),
            "has_errors": bool(form.errors),
            "editing": None,
        },
    )


def _session(request, pk, coordinator: bool = False):
    session = queries.session(pk)
    role = hubs.role_in(request, session.hub_id if session else None)
    if role is None or (coordinator and role != hubs.COORDINATOR):
        raise hubs.refuse(request, "peer_session", "peer_session", pk)
    return session, role


@access(SIGNED_IN)
def session(request, pk):
    found, role = _session(request, pk)
    coordinator = role == hubs.COORDINATOR
    return render(
        request,
        "peer_support/session.jinja",
        {
            "session": found,
            "hub": found.hub,
            "coordinator": coordinator,
            "upcoming": found.held_on >= timezone.localdate(),
            "attended": queries.attended(found) if coordinator else None,
            "came": None if coordinator else queries.came(found, request.user),
            "concern_url": concern_url() if coordinator else None,
        },
    )


@access(SIGNED_IN)
def edit_session(request, pk):
    found, _ = _session(request, pk, coordinator=True)
    came = [str(u.pk) for u in queries.attended(found)]
    initial = {
        "kind": found.kind,
        "held_on": found.held_on,
        "place": found.place,
        "themes": found.themes,
        "attended": came,
        "version": found.version,
    }
    volunteers = queries.volunteers(found.hub_id)
    known = {str(v.pk) for v in volunteers}
    volunteers += [u for u in queries.attended(found) if str(u.pk) not in known]  # who came and has since left
    form = EditSessionForm(request.POST or None, initial=initial, volunteers=volunteers)
    conflict = False
    checked = form.is_valid() and _checked_for_names(request, found.hub_id, form, ["place", "themes"])
    if request.method == "POST" and checked:
        data = form.cleaned_data
        try:
            actions.edit_session(
                request,
                found,
                data["version"],
                kind=data["kind"],
                held_on=data["held_on"],
                place=data["place"],
                themes=data["themes"],
                attended=[int(pk) for pk in data["attended"]],
            )
        except EditConflict as changed:
            conflict = True
            form = _restarted(form, changed.current.version, volunteers=volunteers)
            form.add_error(None, "Someone changed this session while you were editing. Check it and save again")
        else:
            messages.success(request, "Session saved")
            return redirect("peer_support:session", pk=found.pk)
    return render(
        request,
        "peer_support/session_form.jinja",
        {
            "hub": found.hub,
            "form": form,
            "ask_no_one_named": _asks_no_one_named(form),
            "has_errors": bool(form.errors),
            "editing": found,
            "conflict": conflict,
        },
    )


@access(SIGNED_IN)
def not_seen(request, hub_id):
    team, _ = _hub(request, hub_id, coordinator=True)
    today = timezone.localdate()
    since = today - timedelta(days=NOT_SEEN_DAYS)
    return render(
        request,
        "peer_support/not_seen.jinja",
        {"hub": team, "rows": queries.not_seen(hub_id, today, since), "since": since, "today": today},
    )


@access(SIGNED_IN)
def ideas(request, hub_id):
    """You said, we did: every idea the hub's volunteers sent, with the answer."""
    team, role = _hub(request, hub_id)
    found = queries.ideas(hub_id)
    return render(
        request,
        "peer_support/ideas.jinja",
        {
            "hub": team,
            "coordinator": role == hubs.COORDINATOR,
            "waiting": [i for i in found if not i.answer],
            "answered": [i for i in found if i.answer],
        },
    )


@access(SIGNED_IN)
def new_idea(request, hub_id):
    team, role = _hub(request, hub_id)
    if role != hubs.VOLUNTEER:
        raise hubs.refuse(request, "peer_support_hub", "team", hub_id)
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "Your idea was already sent: you may have pressed the button twice")
        return redirect(previous)
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _checked_for_names(request, hub_id, form, ["words"]):
        data = form.cleaned_data

        def make():
            actions.send_idea(request, hub_id, about=data["about"], words=data["words"])
            return reverse("peer_support:ideas", args=[hub_id])

        url, made = once(request.user, data["form_key"], make)
        messages.success(
            request, "Thank you: your idea has gone to the coordinators" if made else "Your idea was already sent"
        )
        return redirect(url)
    return render(
        request,
        "peer_support/idea_form.jinja",
        {"hub": team, "form": form, "ask_no_one_named": _asks_no_one_named(form), "has_errors": bool(form.errors)},
    )


@access(SIGNED_IN)
def answer_idea(request, pk):
    idea = queries.idea(pk)
    if not hubs.coordinates(request, idea.hub_id if idea else None):
        raise hubs.refuse(request, "idea", "idea", pk)
    initial = {"answer": idea.answer, "words": idea.answer_words, "version": idea.version}
    form = AnswerForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid() and _checked_for_names(request, idea.hub_id, form, ["words"]):
        data = form.cleaned_data
        try:
            actions.answer_idea(request, idea, data["version"], answer=data["answer"], words=data["words"])
        except EditConflict as changed:
            conflict = True
            idea = queries.idea(changed.current.pk)
            form = _restarted(form, changed.current.version)
            form.add_error(
                None, "Someone answered this idea while you were writing. Read their answer, then send yours again"
            )
        else:
            messages.success(request, "Answer sent: every volunteer in the hub can read it under “You said, we did”")
            return redirect("peer_support:ideas", hub_id=idea.hub_id)
    return render(
        request,
        "peer_support/answer_form.jinja",
        {
            "idea": idea,
            "hub": idea.hub,
            "form": form,
            "ask_no_one_named": _asks_no_one_named(form),
            "has_errors": bool(form.errors),
            "conflict": conflict,
        },
    )
