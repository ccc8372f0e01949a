"""Every change to stories, themes and learning sessions: permission, audit (never the words), one transaction."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core.audit import record
from alongside.core.forms import save_if_unchanged

from . import codes, rules
from .models import Level, Session, Story, Teller, Theme
from .queries import shareable

WORDS_LONGEST = 10000
TITLE_LONGEST = 120


def _audit(request, action: str, obj, team, **detail):
    record(
        request,
        action,
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        organisation_id=team.organisation_id,
        detail={"team": team.pk, **detail},
    )


@transaction.atomic
def record_story(request, team, *, teller: str, own: bool, words: str, level: str, agreed: bool) -> tuple[Story, str]:
    """A story written down by a care member of the team, the teller's or their own. Answers the story and, when
    the teller has no account here, the withdrawal code to give them (its hash alone is kept)."""
    if not rules.in_team(request, team.pk):
        raise PermissionDenied
    if teller not in Teller.values or level not in Level.values or not agreed or not words.strip():
        raise ValueError("A story needs its teller, its words, a consent level and the teller's agreement")
    if own and teller != Teller.STAFF:
        raise ValueError("Only a member of staff writes their own story")
    code = "" if own else codes.new_code()
    story = Story.objects.create(
        team=team,
        teller=teller,
        teller_user=request.user if own else None,
        recorded_by=request.user,
        words=words.strip()[:WORDS_LONGEST],
        level=level,
        agreed=True,
        withdrawal_code_hash=codes.hashed(code) if code else "",
    )
    _audit(request, "narratives_story_recorded", story, team, level=level, teller=teller)
    return story, code


@transaction.atomic
def prepare(request, story: Story, version: int, *, title: str, deidentified: str, themes: list[int], new_theme: str):
    """The de-identified version and the themes, saved unless someone saved since this edit began (EditConflict)."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not rules.prepares(request, story):
        raise PermissionDenied
    if rules.starts_from_words(story) and not rules.reads_words(request, story):
        raise PermissionDenied  # the first version is made from the own words, by someone who reads them
    chosen = list(Theme.objects.filter(team_id=story.team_id, pk__in=themes))
    name = " ".join(new_theme.split())
    if name:
        theme, _ = Theme.objects.get_or_create(team_id=story.team_id, name=name[:80])
        chosen.append(theme)
    story.title = title.strip()[:TITLE_LONGEST]
    story.deidentified = deidentified.strip()[:WORDS_LONGEST]
    story.deidentified_at = timezone.now()
    story.prepared_by = request.user
    story.checked_by, story.checked_at = None, None  # a changed version is checked again before it goes further
    save_if_unchanged(
        story, version, ["title", "deidentified", "deidentified_at", "prepared_by", "checked_by", "checked_at"]
    )
    story.themes.set(chosen)
    _audit(request, "narratives_story_prepared", story, story.team, themes=len(chosen))
    return story


@transaction.atomic
def check_safe(request, story: Story, version: int) -> Story:
    """A second care member of the team checked that this version says nobody's name or details: now it may go as
    far as its teller agreed. EditConflict when the version changed since they read it."""
    story = Story.objects.select_for_update().select_related("team").get(pk=story.pk)
    if not rules.checks(request, story):
        raise PermissionDenied
    story.checked_by = request.user
    story.checked_at = timezone.now()
    save_if_unchanged(story, version, ["checked_by", "checked_at"])
    _audit(request, "narratives_story_checked", story, story.team, level=story.level)
    return story


def _withdraw(story: Story) -> None:
    """The words go everywhere at once: deleted from the story, its themes and every learning session."""
    story.words = story.deidentified = story.title = story.withdrawal_code_hash = ""
    story.withdrawn_at = timezone.now()
    story.version += 1
    story.save(update_fields=["words", "deidentified", "title", "withdrawal_code_hash", "withdrawn_at", "version"])
    story.themes.clear()
    story.sessions.clear()


@transaction.atomic
def withdraw(request, story: Story) -> Story:
    """By the teller from their account, or by whoever wrote it down when the teller asks them."""
    story = Story.objects.select_for_update().select_related("team").get(pk=story.pk)
    if not rules.withdraws(request, story):
        raise PermissionDenied
    _withdraw(story)
    _audit(
        request,
        "narratives_story_withdrawn",
        story,
        story.team,
        by="teller" if rules.is_teller(request, story) else "recorder",
    )
    return story


@transaction.atomic
def withdraw_by_code(request, code: str) -> Story | None:
    """By a teller without an account, with the code they were given. None when no story has this code (a used
    code has none: its hash is deleted with the words)."""
    if not codes.looks_right(code):
        return None
    story = (
        Story.objects.select_for_update()
        .select_related("team")
        .filter(withdrawal_code_hash=codes.hashed(code), withdrawn_at__isnull=True)
        .first()
    )
    if story is None:
        return None
    _withdraw(story)
    _audit(request, "narratives_story_withdrawn", story, story.team, by="code")
    return story


@transaction.atomic
def plan_session(request, team, *, audience: str, title: str, on: date, story_ids: list[int]) -> Session:
    """A learning session, with only stories ready to share and within each story's consent."""
    if not rules.plans_for(request, team.pk, audience):
        raise PermissionDenied
    session = Session.objects.create(
        team=team, audience=audience, title=title.strip()[:120], on=on, planned_by=request.user
    )
    picked = [s for s in shareable(team, audience) if s.pk in set(story_ids)]
    if len(picked) != len(set(story_ids)):
        raise ValueError("A session shares only stories ready to share within their consent")
    session.stories.set(picked)
    _audit(request, "narratives_session_planned", session, team, audience=audience, stories=len(picked))
    return session
