"""The audit's pages: a team's audit page, opening and closing a round, a member's answers, links for people who
use the service, the page a link opens, and the results side by side. A team or round the user is not to see is the
site's own missing page, like one that does not exist."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core import link_tokens
from alongside.core.access import PUBLIC, SIGNED_IN, access
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again

from . import actions, queries, who
from .compare import AT_LEAST, TEAM_AT_LEAST, compare, people_words
from .forms import AnswersForm, MakeLinkForm, OpenRoundForm, TeamAnswersForm

LINKS = "service_environment"  # this app's links in the session (alongside.core.link_tokens)
DONE = "environment_link_done"  # in the session: the hashes of links this browser has just answered


def _team_or_404(request, team_id):
    team = queries.team_for(request, team_id)
    if team is None:
        raise Http404
    return team


def _round_or_404(request, round_id):
    found = queries.round_for(request, round_id)
    checklist = queries.checklist_of(found) if found is not None else None
    if found is None or checklist is None:
        raise Http404
    return found, checklist


@access(SIGNED_IN)
def team(request, team_id):
    the_team = _team_or_404(request, team_id)
    rounds = queries.rounds_of(team_id)
    current = next((r for r in rounds if r.is_open), None)
    return render(
        request,
        "service_environment/team.jinja",
        {
            "team": the_team,
            "current": current,
            "past": [r for r in rounds if not r.is_open],
            "leads": who.leads(request, team_id),
            "hands_out_links": who.hands_out_links(request, team_id),
            "titles": {code: c.title for code, c in queries.checklists().items()},
            "people_words": people_words,
        },
    )


@access(SIGNED_IN)
def open_round(request, team_id):
    the_team = _team_or_404(request, team_id)
    if not who.leads(request, team_id):
        raise Http404
    back = reverse("service_environment:team", args=[team_id])
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    available = queries.checklists()
    choices = [(code, c.title) for code, c in available.items()]
    data = request.POST or None
    if data is not None and len(choices) == 1:
        data = data.copy()
        data["checklist"] = choices[0][0]
    form = OpenRoundForm(choices, data)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["checklist"]

        def opened() -> str:
            actions.open_round(request, the_team, code)
            return back

        try:
            once(request.user, form.cleaned_data["form_key"], opened)
        except actions.RoundAlreadyOpen:
            messages.info(request, "A round is open already. Close it before you open another.")
            return redirect(back)
        messages.success(request, "The round is open. Everyone in the team can now answer.")
        return redirect(back)
    return render(
        request,
        "service_environment/open.jinja",
        {"team": the_team, "form": form, "choices": choices, "back": back, "has_errors": bool(form.errors)},
    )


@access(SIGNED_IN)
def answer(request, round_id):
    found, checklist = _round_or_404(request, round_id)
    back = reverse("service_environment:team", args=[found.team_id])
    if not found.is_open:
        return redirect(reverse("service_environment:results", args=[found.pk]))
    mine = queries.own_answers(request, found)
    conflict = False
    if request.method == "POST":
        form = TeamAnswersForm(checklist, "team", request.POST)
        if form.is_valid():
            try:
                actions.save_team_answers(request, found, checklist, form.answers(), form.cleaned_data["version"])
            except EditConflict as clash:
                conflict = True
                data = request.POST.copy()
                data["version"] = str(clash.current.version if clash.current is not None else 0)
                form = TeamAnswersForm(checklist, "team", data)
            except actions.RoundClosed:
                messages.info(request, "The round closed before you saved, so your answers were not kept.")
                return redirect(back)
            else:
                messages.success(request, "Your answers are saved. You can change them until the round closes.")
                return redirect(back)
    else:
        initial = AnswersForm.initial_from(mine.answers) if mine else {}
        form = TeamAnswersForm(checklist, "team", initial=initial | {"version": mine.version if mine else 0})
    return render(
        request,
        "service_environment/answer.jinja",
        {
            "round": found,
            "team": found.team,
            "checklist": checklist,
            "form": form,
            "back": back,
            "conflict": conflict,
            "again": mine is not None,
            "has_errors": bool(form.errors) or conflict,
        },
    )


@access(SIGNED_IN)
def links(request, round_id):
    found, checklist = _round_or_404(request, round_id)
    if not who.hands_out_links(request, found.team_id):
        raise Http404
    here = reverse("service_environment:links", args=[found.pk])
    back = reverse("service_environment:team", args=[found.team_id])
    if not found.is_open:
        return redirect(back)
    made = None
    if request.method == "POST":
        if earlier_submission(request):
            messages.info(request, "That link was made already. Make another if you need one.")
            return redirect(here)
        form = MakeLinkForm(request.POST)
        if form.is_valid():
            tokens: list[str] = []

            def made_one() -> str:
                tokens.append(actions.make_link(request, found))
                return here

            try:
                once(request.user, form.cleaned_data["form_key"], made_one)
            except actions.RoundClosed:
                return redirect(back)
            if tokens:
                made = request.build_absolute_uri(reverse("service_environment:say", args=[found.pk, tokens[0]]))
    return render(
        request,
        "service_environment/links.jinja",
        {
            "round": found,
            "team": found.team,
            "form": MakeLinkForm(),
            "made": made,
            "counts": queries.link_counts(found),
            "back": back,
            "lasts": actions.LINK_LASTS.days,
        },
    )


@access(SIGNED_IN)
def close(request, round_id):
    found, _checklist = _round_or_404(request, round_id)
    if not who.leads(request, found.team_id):
        raise Http404
    results = reverse("service_environment:results", args=[found.pk])
    if not found.is_open:
        return redirect(results)
    if request.method == "POST":
        try:
            actions.close_round(request, found)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, "The round is closed. These are its results.")
        return redirect(results)
    team_sets, people_sets = queries.answer_sets(found)
    return render(
        request,
        "service_environment/close.jinja",
        {
            "round": found,
            "team": found.team,
            "team_count": len(team_sets),
            "people_count": len(people_sets),
            "people_words": people_words,
            "at_least": AT_LEAST,
            "team_at_least": TEAM_AT_LEAST,
            "back": reverse("service_environment:team", args=[found.team_id]),
        },
    )


@access(SIGNED_IN)
def results(request, round_id):
    found, checklist = _round_or_404(request, round_id)
    team_sets, people_sets = queries.answer_sets(found)
    return render(
        request,
        "service_environment/results.jinja",
        {
            "round": found,
            "team": found.team,
            "checklist": checklist,
            "comparison": compare(checklist, team_sets, people_sets, closed=not found.is_open),
            "at_least": AT_LEAST,
            "team_at_least": TEAM_AT_LEAST,
            "people_words": people_words,
            "back": reverse("service_environment:team", args=[found.team_id]),
        },
    )


@access(PUBLIC)
@link_tokens.opens_link
def say(request, round_id, token):
    """The address given to someone: a good link's token's hash goes into the session,
    and the page opens without it."""
    if queries.good_link_by_token(round_id, token) is None:
        raise Http404
    return link_tokens.swap(request, LINKS, token, "service_environment:say_page", round_id=round_id)


@access(PUBLIC)
def say_page(request, round_id, handle):
    """The page a link opens: the team's name and the statements, nothing else; no name asked."""
    token_hash = link_tokens.held(request, LINKS, handle)
    if token_hash is None:
        return link_tokens.timed_out(request)
    link = queries.good_link(round_id, token_hash)
    if link is None:
        if request.method == "POST" and token_hash in request.session.get(DONE, []):
            return redirect("service_environment:thanks")  # a second press of "Send my answers"
        raise Http404
    checklist = queries.checklist_of(link.round)
    if checklist is None:
        raise Http404
    form = AnswersForm(checklist, "people", request.POST or None)
    context = {"team": link.round.team, "checklist": checklist, "form": form, "has_errors": bool(form.errors)}
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        if "confirm" not in request.POST:
            chosen = [
                (s, checklist.scale[v] if (v := form.answers()[s.key]) is not None else checklist.dont_know)
                for s in checklist.statements
            ]
            return render(
                request,
                "service_environment/say_check.jinja",
                context | {"chosen": chosen, "typed": typed_again(request)},
            )
        if not actions.answer_by_link(request, round_id, token_hash, checklist, form.answers()):
            raise Http404
        request.session[DONE] = [*request.session.get(DONE, [])[-9:], token_hash]
        return redirect("service_environment:thanks")
    if "change" in request.POST:
        context["has_errors"] = False
    return render(request, "service_environment/say.jinja", context)


@access(PUBLIC)
def thanks(request):
    return render(request, "service_environment/thanks.jinja", {})
