"""The ten standards' pages: a team's cycle, rating a standard, sharing for checking, inviting stakeholders, a
stakeholder's link, answering a challenge, the history, the partnership's view and an organisation's own set."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core import link_tokens
from alongside.core.access import PUBLIC, SIGNED_IN, access
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.partners.roles import leads_team, sees_partnership

from . import actions, quarters, queries
from .forms import AnswerForm, CheckForm, InviteForm, RatingForm, SetForm
from .models import Colour, Cycle, StakeholderKind


def _team(request, team_id):
    team = queries.caring_team(request, team_id)
    if team is None:
        raise Http404
    return team


def _cycle_url(team_id) -> str:
    return reverse("standards:team", args=[team_id])


@access(SIGNED_IN)
def team(request, team_id):
    """This quarter's cycle: each standard, its rating in words and colour, the evidence beside it, and what
    stakeholders said."""
    the_team = _team(request, team_id)
    now = quarters.containing(queries.today())
    asked = quarters.parse(request.GET.get("quarter", ""))
    quarter = asked if asked and asked < now else now
    page = queries.cycle_page(the_team, quarter)
    return render(
        request,
        "standards/team.jinja",
        {"page": page, "leads": leads_team(request, team_id), "team": the_team, "current": quarter == now},
    )


@access(SIGNED_IN)
def rate(request, team_id, number):
    the_team = _team(request, team_id)
    page = queries.cycle_page(the_team, quarters.containing(queries.today()), with_checks=False)
    row = queries.standard_of(page, number)
    if row is None:
        raise Http404
    if page.shared:
        messages.info(request, "This quarter's ratings are shared for checking, so they stay as they are.")
        return redirect(_cycle_url(team_id))
    current = row.rating
    initial = {"version": current.version if current else 0}
    if current:
        initial |= {"colour": current.colour, "evidence": current.evidence, "action": current.action}
    form = RatingForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.rate(
                request, the_team, row.standard, data["colour"], data["evidence"], data["action"], data["version"]
            )
        except PermissionDenied:
            raise Http404 from None
        except EditConflict as clash:
            conflict = clash.current
            form = RatingForm({**request.POST.dict(), "version": conflict.version if conflict else 0}, initial=initial)
            form.is_valid()
        else:
            messages.success(request, f"Standard {number} rated")
            return redirect(_cycle_url(team_id))
    return render(
        request,
        "standards/rate.jinja",
        {
            "team": the_team,
            "page": page,
            "row": row,
            "form": form,
            "conflict": conflict,
            "colours": dict(Colour.choices),
            "has_errors": bool(form.errors),
        },
    )


@access(SIGNED_IN)
def share(request, team_id):
    """Check your answers, then share: for the team leader, once every standard is rated."""
    the_team = _team(request, team_id)
    if not leads_team(request, team_id):
        raise Http404
    page = queries.cycle_page(the_team, quarters.containing(queries.today()), with_checks=False)
    if page.shared:
        return redirect(_cycle_url(team_id))
    if request.method == "POST" and page.all_rated:
        try:
            actions.share(request, the_team)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, "Ratings shared. You can now invite stakeholders to check them.")
        return redirect(_cycle_url(team_id))
    return render(request, "standards/share.jinja", {"team": the_team, "page": page})


def _shared_cycle(request, team_id) -> Cycle:
    """This quarter's shared cycle of a team the user leads, else 404."""
    the_team = _team(request, team_id)
    cycle = queries.cycle_of(the_team.pk, quarters.containing(queries.today()))
    if not leads_team(request, team_id) or cycle is None or cycle.shared_at is None:
        raise Http404
    cycle.team = the_team
    return cycle


@access(SIGNED_IN)
def invite(request, team_id):
    cycle = _shared_cycle(request, team_id)
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.info(request, "That link was made already. To give it out again, make a new one.")
        return redirect(previous)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = []

        def make():
            made.append(actions.invite(request, cycle, form.cleaned_data["kind"]))
            return _cycle_url(team_id)

        try:
            once(request.user, form.cleaned_data["form_key"], make)
        except PermissionDenied:
            raise Http404 from None
        if made:
            link = made[0]
            url = request.build_absolute_uri(reverse("standards:link", args=[link.token]))
            return render(
                request,
                "standards/invited.jinja",
                {
                    "team": cycle.team,
                    "cycle": cycle,
                    "link_url": url,
                    "link": link.link,
                    "kinds": dict(StakeholderKind.choices),
                },
            )
        return redirect(_cycle_url(team_id))
    return render(
        request,
        "standards/invite.jinja",
        {"team": cycle.team, "cycle": cycle, "form": form, "has_errors": bool(form.errors)},
    )


@access(SIGNED_IN)
def answer(request, check_id):
    found = queries.challenge(check_id)
    if found is None or queries.caring_team(request, found.rating.cycle.team_id) is None:
        raise Http404
    back = _cycle_url(found.rating.cycle.team_id) + f"#standard-{found.rating.standard.number}"
    form = AnswerForm(request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer(request, found.pk, form.cleaned_data["answer"].strip())
        except PermissionDenied:
            raise Http404 from None
        except EditConflict as clash:
            conflict = clash.current
        else:
            messages.success(request, "Your answer is saved")
            return redirect(_cycle_url(found.rating.cycle.team_id))
    return render(
        request,
        "standards/answer.jinja",
        {
            "check": found,
            "form": form,
            "back": back,
            "conflict": conflict or (found if found.answered_at else None),
            "kinds": dict(StakeholderKind.choices),
            "colours": dict(Colour.choices),
            "has_errors": bool(form.errors),
        },
    )


@access(SIGNED_IN)
def history(request, team_id):
    the_team = _team(request, team_id)
    return render(
        request,
        "standards/history.jinja",
        {"team": the_team, "history": queries.history(the_team), "colours": dict(Colour.choices)},
    )


@access(SIGNED_IN)
def partnership(request):
    if not sees_partnership(request):
        raise Http404
    figures, lines = queries.partnership(quarters.containing(queries.today()))
    may_add_set = actions.administers(request) is not None
    return render(
        request, "standards/partnership.jinja", {"figures": figures, "lines": lines, "may_add_set": may_add_set}
    )


@access(SIGNED_IN)
def new_set(request):
    if actions.administers(request) is None:
        raise Http404
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = SetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "confirm" in request.POST:
            url, _ = once(
                request.user,
                data["form_key"],
                lambda: (actions.add_set(request, data["name"], data["standards"]), reverse("standards:new_set"))[1],
            )
            messages.success(request, f"Set added: {data['name']}. Your teams use it from their next quarter.")
            return redirect(url)
        if "change" not in request.POST:
            return render(
                request,
                "standards/set_check.jinja",
                {"data": data, "typed": typed_again(request)},
            )
    return render(request, "standards/new_set.jinja", {"form": form, "has_errors": bool(form.errors)})


# --- the stakeholder's link, without an account -------------------------------------------------------------------

LINKS = "standards"  # this app's links in the session (alongside.core.link_tokens)


def _good(link):
    if link is None or not queries.link_is_good(link):
        raise Http404
    return link


@access(PUBLIC)
@link_tokens.opens_link
def link(request, token):
    """The address sent to a stakeholder: a good link's token's hash goes into the session,
    and the page opens without it."""
    _good(queries.link_by_token(token))
    return link_tokens.swap(request, LINKS, token, "standards:link_page")


@access(PUBLIC)
def link_page(request, handle):
    """What a stakeholder sees: the team's name, the quarter and its ratings, with their own word on each and the
    team's answer. Nothing else: no staff names, no other team, nobody's record."""
    token_hash = link_tokens.held(request, LINKS, handle)
    if token_hash is None:
        return link_tokens.timed_out(request)
    found = _good(queries.link_by_hash(token_hash))
    rows = queries.link_rows(found)
    unchecked = [row.rating for row in rows if row.check is None]
    form = CheckForm(request.POST or None, unchecked)
    context = {"link": found, "rows": rows, "form": form, "colours": dict(Colour.choices)}
    if request.method == "POST" and form.is_valid():
        if "confirm" in request.POST:
            if actions.check(request, token_hash, form.said()) is None:
                raise Http404
            messages.success(request, "Thank you. The team can now see what you said.")
            return redirect(reverse("standards:link_page", args=[handle]))
        if "change" not in request.POST:
            said = form.said()
            chosen = [(row, said[row.rating.pk]) for row in rows if row.rating.pk in said]
            return render(
                request, "standards/link_check.jinja", context | {"chosen": chosen, "typed": typed_again(request)}
            )
    if request.method == "GET":
        actions.opened(request, found)
    return render(request, "standards/link.jinja", context | {"has_errors": bool(form.errors)})
