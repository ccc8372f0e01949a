"""Every change to standards: rating, sharing for checking, links for stakeholders, their checks, the team's answers,
and an organisation's own set. Each checks permission, writes in one transaction and is audited."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import EditConflict, save_if_unchanged
from alongside.partners.models import Role, Team
from alongside.partners.roles import caring_team_ids, leads_team

from . import quarters, queries
from .models import Check, Cycle, Rating, StakeholderLink, Standard, StandardSet

LINK_LASTS = timedelta(days=28)


def may_rate(request, team_id: int) -> bool:
    """Care staff of the team (its leaders among them) rate its standards."""
    return team_id in caring_team_ids(request)


def administers(request) -> int | None:
    """The organisation the user administers (the first, if more than one), or None."""
    return next((m.team.organisation_id for m in request.memberships if m.role == Role.ADMIN), None)


def _audit(request, action: str, team: Team, cycle_id, **detail) -> None:
    audit.record(
        request,
        action,
        object_type="standards_cycle",
        object_id=cycle_id or "",
        organisation_id=team.organisation_id,
        detail={"team": team.pk, **detail},
    )


@transaction.atomic
def rate(request, team: Team, standard: Standard, colour: str, evidence: str, action: str, version: int) -> Rating:
    """Rate one standard for this quarter's cycle (started on the first rating). `version` is the rating's version
    the edit began from (0 for none yet): EditConflict if someone saved it meanwhile; PermissionDenied if the user
    may not rate or the cycle is already shared."""
    if not may_rate(request, team.pk):
        raise PermissionDenied
    quarter = quarters.containing(queries.today())
    cycle, _ = Cycle.objects.get_or_create(
        team=team, year=quarter.year, quarter=quarter.number, defaults={"standard_set": standard.standard_set}
    )
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.shared_at is not None or cycle.standard_set_id != standard.standard_set_id:
        raise PermissionDenied
    fields = {"colour": colour, "evidence": evidence, "action": action, "rated_by": request.user}
    existing = Rating.objects.filter(cycle=cycle, standard=standard).first()
    if existing is None:
        if version != 0:
            raise EditConflict(None)
        try:
            with transaction.atomic():
                rating = Rating.objects.create(cycle=cycle, standard=standard, **fields)
        except IntegrityError:
            raise EditConflict(Rating.objects.get(cycle=cycle, standard=standard)) from None
    else:
        if version == 0:
            raise EditConflict(existing)
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.rated_at = timezone.now()
        save_if_unchanged(existing, version, [*fields, "rated_at"])
        rating = existing
    _audit(request, "standards_rated", team, cycle.pk, standard=standard.number, colour=colour)
    return rating


@transaction.atomic
def share(request, team: Team) -> Cycle:
    """The team leader shares this quarter's ratings for stakeholders to check, once every standard is rated."""
    if not leads_team(request, team.pk):
        raise PermissionDenied
    quarter = quarters.containing(queries.today())
    cycle = Cycle.objects.select_for_update().filter(team=team, year=quarter.year, quarter=quarter.number).first()
    if cycle is None:
        raise PermissionDenied
    if cycle.shared_at is None:
        rated = Rating.objects.filter(cycle=cycle).count()
        if rated < Standard.objects.filter(standard_set_id=cycle.standard_set_id).count():
            raise PermissionDenied
        cycle.shared_at, cycle.shared_by = timezone.now(), request.user
        cycle.save(update_fields=["shared_at", "shared_by"])
        _audit(request, "standards_cycle_shared", team, cycle.pk)
    return cycle


@dataclass(frozen=True)
class MadeLink:
    link: StakeholderLink
    token: str


@transaction.atomic
def invite(request, cycle: Cycle, kind: str) -> MadeLink:
    """A link for one stakeholder to check the cycle, lasting 28 days (or until the cycle closes). Only its hash is
    kept: the token is given to the team leader once."""
    if not leads_team(request, cycle.team_id) or cycle.shared_at is None:
        raise PermissionDenied
    if not quarters.is_open(cycle.period, queries.today()):
        raise PermissionDenied
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    link = StakeholderLink.objects.create(
        cycle=cycle,
        token_hash=queries.hash_token(token),
        kind=kind,
        made_by=request.user,
        made_at=now,
        expires_at=now + LINK_LASTS,
    )
    _audit(request, "standards_link_made", cycle.team, cycle.pk, link=link.pk, kind=kind)
    return MadeLink(link, token)


def opened(request, link: StakeholderLink) -> None:
    audit.record(
        request,
        "standards_link_opened",
        object_type="standards_link",
        object_id=link.pk,
        organisation_id=link.cycle.team.organisation_id,
        detail={"team": link.cycle.team_id, "cycle": link.cycle_id},
        actor=None,
    )


@transaction.atomic
def check(request, token_hash: str, said: dict[int, tuple[bool, str]]) -> int | None:
    """A stakeholder's word on the cycle's ratings: rating id -> (agrees, comment). Ratings they already checked
    keep what they said first (a retry adds nothing). None if the link no longer works; else how many were new."""
    link = (
        StakeholderLink.objects.select_for_update(of=("self",))
        .select_related("cycle__team")
        .filter(token_hash=token_hash)
        .first()
    )
    if link is None or not queries.link_is_good(link):
        return None
    ratings = set(Rating.objects.filter(cycle=link.cycle, pk__in=list(said)).values_list("pk", flat=True))
    done = set(Check.objects.filter(link=link).values_list("rating_id", flat=True))
    new = [
        Check(link=link, rating_id=pk, agrees=agrees, comment=comment)
        for pk, (agrees, comment) in sorted(said.items())
        if pk in ratings and pk not in done
    ]
    Check.objects.bulk_create(new)
    if new:
        audit.record(
            request,
            "standards_checked",
            object_type="standards_link",
            object_id=link.pk,
            organisation_id=link.cycle.team.organisation_id,
            detail={
                "team": link.cycle.team_id,
                "agreed": sum(c.agrees for c in new),
                "challenged": sum(not c.agrees for c in new),
            },
            actor=None,
        )
    return len(new)


@transaction.atomic
def answer(request, check_id: int, words: str) -> Check:
    """The team answers a challenge, once: EditConflict (with the answer as it stands) if a colleague answered it
    meanwhile; PermissionDenied if the user does not give care in the team."""
    found = (
        Check.objects.select_for_update(of=("self",))
        .select_related("rating__cycle__team")
        .filter(pk=check_id, agrees=False)
        .first()
    )
    if found is None or not may_rate(request, found.rating.cycle.team_id):
        raise PermissionDenied
    if found.answered_at is not None:
        raise EditConflict(found)
    found.answer, found.answered_by, found.answered_at = words, request.user, timezone.now()
    found.save(update_fields=["answer", "answered_by", "answered_at"])
    _audit(request, "standards_challenge_answered", found.rating.cycle.team, found.rating.cycle_id, check=found.pk)
    return found


@transaction.atomic
def add_set(request, name: str, standards: list[tuple[str, str]]) -> StandardSet:
    """An organisation's own set of standards, used by its teams' cycles from the next one they start."""
    organisation_id = administers(request)
    if organisation_id is None:
        raise PermissionDenied
    made = StandardSet.objects.create(name=name, organisation_id=organisation_id, added_by=request.user)
    Standard.objects.bulk_create(
        Standard(standard_set=made, number=n, key=f"standard-{n}", title=title, meaning=meaning)
        for n, (title, meaning) in enumerate(standards, start=1)
    )
    audit.record(
        request,
        "standards_set_added",
        object_type="standard_set",
        object_id=made.pk,
        organisation_id=organisation_id,
        detail={"standards": len(standards)},
    )
    return made
