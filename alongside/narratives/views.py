"""The story pages: a team's stories, writing one down (then check your answers), the story, its de-identified
version and themes, withdrawing it (from an account, or with a code and no sign-in), the user's own stories, and
learning sessions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.core.access import PUBLIC, SIGNED_IN, access
from alongside.core.forms import EditConflict, earlier_submission, once, typed_again
from alongside.core.numbers import whole_number
from alongside.partners.roles import leads_team

from . import actions, queries, rules
from .consent import MEANINGS
from .forms import WHOSE, CheckForm, CodeForm, PrepareForm, SessionForm, StoryForm
from .identifiers import possible_identifiers
from .models import Level, Session, Teller


@access(SIGNED_IN)
def team(request, team_id):
    found = queries.team_stories(request, queries.my_team(request, team_id))
    return render(
        request,
        "narratives/team.jinja",
        {
            "found": found,
            "stage": queries.stage,
            "stage_words": queries.STAGE_WORDS,
            "leads": leads_team(request, team_id),
            "mine": {s.pk for s in found.stories if rules.is_recorder(request, s)},
        },
    )


@access(SIGNED_IN)
def record(request, team_id):
    """Write down a story told to you, or your own, with the teller's consent; check your answers; save once."""
    the_team = queries.my_team(request, team_id)
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    form = StoryForm(request.POST or None)
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") == "yes":
            made: dict = {}

            def save():
                made["story"], made["code"] = actions.record_story(
                    request,
                    the_team,
                    teller=data["teller"],
                    own=data["whose"] == "mine",
                    words=data["words"],
                    level=data["level"],
                    agreed=data["agreed"],
                )
                return reverse("narratives:story", args=[made["story"].pk])

            try:
                url, _ = once(request.user, data["form_key"], save)
            except PermissionDenied:
                raise Http404 from None
            if not made:
                return redirect(url)
            return _recorded(request, made["story"], made["code"])
        return render(
            request,
            "narratives/check.jinja",
            {
                "team": the_team,
                "data": data,
                "whose": dict(WHOSE)[data["whose"]],
                "teller": Teller(data["teller"]).label,
                "level": Level(data["level"]).label,
                "meaning": MEANINGS[data["level"]],
                "raw": typed_again(request),
            },
        )
    return render(
        request,
        "narratives/record.jinja",
        {"team": the_team, "form": form, "meanings": MEANINGS, "has_errors": bool(form.errors)},
    )


def _recorded(request, story, code: str):
    """Saved: the withdrawal code for a teller without an account, shown this once (in this answer alone: only its
    hash is stored anywhere)."""
    link = request.build_absolute_uri(reverse("narratives:withdraw_by_code")) if code else ""  # never the code
    return render(request, "narratives/recorded.jinja", {"story": story, "code": code, "link": link})


def _back(request, found) -> tuple[str, str]:
    """Where the story page's back link goes, named: the session it was opened from, the team's stories, the
    user's own stories, or the team's page."""
    session_id = whole_number(request.GET.get("session", ""), high=999_999_999)
    if session_id is not None:
        session = queries.session_with(session_id, found)
        if session is not None and rules.sees_session(request, session):
            return reverse("narratives:session", args=[session.pk]), f"Back to {session.title}"
    if rules.in_team(request, found.team_id):
        return reverse("narratives:team", args=[found.team_id]), "Back to the team's stories"
    if rules.is_teller(request, found) or rules.is_recorder(request, found):
        return reverse("narratives:yours"), "Back to your stories"
    return reverse("partners:team", args=[found.team_id]), f"Back to {found.team.name}"


@access(SIGNED_IN)
def story(request, story_id):
    found = queries.story_for(request, story_id)
    back_href, back_text = _back(request, found)
    return render(
        request,
        "narratives/story.jinja",
        {
            "story": found,
            "words": rules.reads_words(request, found),
            "prepares": rules.prepares(request, found),
            "withdraws": rules.withdraws(request, found),
            "teller_here": rules.is_teller(request, found),
            "checks": rules.checks(request, found),
            "meaning": MEANINGS[found.level],
            "back_href": back_href,
            "back_text": back_text,
        },
    )


@access(SIGNED_IN)
def prepare(request, story_id):
    """The de-identified version and its themes, with a check for words that may still say who someone is."""
    found = queries.story_for(request, story_id)
    if not rules.prepares(request, found):
        raise Http404
    if rules.starts_from_words(found) and not rules.reads_words(request, found):
        raise Http404  # the form would start from the teller's own words
    themes = list(found.team.story_themes.all())
    initial = {
        "title": found.title,
        "deidentified": found.deidentified or found.words,
        "themes": [str(t.pk) for t in found.themes.all()],
        "version": found.version,
    }
    form = PrepareForm(request.POST or None, initial=initial, themes=themes)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.prepare(
                request,
                found,
                data["version"],
                title=data["title"],
                deidentified=data["deidentified"],
                themes=[int(pk) for pk in data["themes"]],
                new_theme=data["new_theme"],
            )
        except PermissionDenied:
            raise Http404 from None
        except EditConflict as error:
            conflict = True
            post = request.POST.copy()
            post["version"] = str(error.current.version)
            form = PrepareForm(post, themes=themes)
            form.is_valid()
        else:
            messages.success(request, "The story without names, and its themes, are saved.")
            return redirect("narratives:story", found.pk)
    return render(
        request,
        "narratives/prepare.jinja",
        {
            "story": found,
            "form": form,
            "conflict": conflict,
            "words": rules.reads_words(request, found),
            "has_errors": bool(form.errors),
        },
    )


@access(SIGNED_IN)
def check_safe(request, story_id):
    """A second care member of the team checks the version with names taken out before it is shared beyond the
    team: check your answers, tick, confirm."""
    found = queries.story_for(request, story_id)
    if not rules.checks(request, found):
        raise Http404
    form = CheckForm(request.POST or None, initial={"version": found.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_safe(request, found, form.cleaned_data["version"])
        except PermissionDenied:
            raise Http404 from None
        except EditConflict:
            conflict = True
            found = queries.story_for(request, story_id)
            form = CheckForm(initial={"version": found.version})
        else:
            messages.success(request, f"Checked. The story may now be shared as agreed: {found.get_level_display()}.")
            return redirect("narratives:story", found.pk)
    return render(
        request,
        "narratives/check_safe.jinja",
        {
            "story": found,
            "form": form,
            "conflict": conflict,
            "found": possible_identifiers(found.title + "\n" + found.deidentified),
            "meaning": MEANINGS[found.level],
            "has_errors": bool(form.errors),
        },
    )


@access(SIGNED_IN)
def withdraw(request, story_id):
    """Withdraw a story: its teller, or whoever wrote it down when the teller asks. Asked once more first."""
    found = queries.story_for(request, story_id)
    if not rules.withdraws(request, found):
        raise Http404
    if request.method == "POST":
        try:
            actions.withdraw(request, found)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, "The story is withdrawn. Its words are deleted everywhere.")
        return redirect("narratives:story", found.pk)
    return render(
        request, "narratives/withdraw.jinja", {"story": found, "teller_here": rules.is_teller(request, found)}
    )


@access(SIGNED_IN)
def yours(request):
    return render(
        request,
        "narratives/yours.jinja",
        {"told": queries.told_by(request), "recorded": queries.recorded_by(request)},
    )


@access(PUBLIC)
def withdraw_by_code(request):
    """For a teller without an account: their code withdraws their story, without signing in. Nothing about the
    story is shown before or after: a code that matches nothing gets the same kind of answer as a mistyped one."""
    form = CodeForm(request.POST or None)  # typed, never in the address: it would land in logs and history
    done = False
    if request.method == "POST" and form.is_valid():
        if actions.withdraw_by_code(request, form.cleaned_data["code"]) is None:
            form.add_error("code", "No story has this code. Check it, or ask the team who wrote your story down")
        else:
            done = True
    return render(
        request, "narratives/withdraw_by_code.jinja", {"form": form, "done": done, "has_errors": bool(form.errors)}
    )


@access(SIGNED_IN)
def session_new(request, team_id):
    the_team = queries.my_team(request, team_id)
    audience = Session.Audience.PARTNERSHIP if request.GET.get("for") == "partnership" else Session.Audience.TEAM
    if not rules.plans_for(request, team_id, audience):
        raise Http404
    if request.method == "POST" and (previous := earlier_submission(request)):
        return redirect(previous)
    stories = queries.shareable(the_team, audience)
    form = SessionForm(request.POST or None, stories=stories)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            session = actions.plan_session(
                request,
                the_team,
                audience=audience,
                title=data["title"],
                on=data["on"],
                story_ids=[int(pk) for pk in data["stories"]],
            )
            return reverse("narratives:session", args=[session.pk])

        try:
            url, _ = once(request.user, data["form_key"], save)
        except (PermissionDenied, ValueError):
            form.add_error("stories", "One of these stories can no longer be shared. Choose again")
        else:
            messages.success(request, "The learning session is planned.")
            return redirect(url)
    return render(
        request,
        "narratives/session_new.jinja",
        {"team": the_team, "form": form, "audience": audience, "stories": stories, "has_errors": bool(form.errors)},
    )


@access(SIGNED_IN)
def session(request, session_id):
    found, stories = queries.session_for(request, session_id)
    return render(request, "narratives/session.jinja", {"session": found, "stories": stories})


@access(PUBLIC)
def public(request):
    """Stories whose tellers agreed that anyone may read them, with names taken out: for anyone, signed in or not."""
    return render(request, "narratives/public.jinja", {"stories": queries.public_stories()})
