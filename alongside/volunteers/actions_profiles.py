"""Every write of the profiles part: the volunteer's own profile and agreement, and what a coordinator records
about their hub's volunteers (a check, a course, an agreement signed on paper), and the reminders sent before
something runs out. Each checks who may, runs in one transaction, and is audited.

A volunteer's profile is not a person's record: it is audited through the core audit as object_type "volunteer"
(the profile's id), never with a person.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import EditConflict

from . import kept
from . import profiles_queries as queries
from .models import Agreement, Check, Training, Volunteer
from .standing import CURRENT_AGREEMENT

PROFILE_FIELDS = (
    "phone",
    "languages",
    "home_district",
    "interests",
    "available_days",
    "available_parts",
    "availability_words",
    "capacity",
    "by_text",
    "by_email",
)


def _audit(request, what: str, profile: Volunteer, **detail) -> None:
    audit.record(request, what, object_type="volunteer", object_id=profile.pk, detail=detail or None)


def _profile_of(user) -> Volunteer:
    """The volunteer's profile, locked for this transaction; made (version 0) if they have none yet."""
    profile = Volunteer.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile, _ = Volunteer.objects.get_or_create(user=user, defaults={"version": 0, "updated_by": user})
        profile = Volunteer.objects.select_for_update().get(pk=profile.pk)
    return profile


@transaction.atomic
def save_own_profile(request, *, version: int, practices: list[int], neighbourhoods: list[int], **values) -> Volunteer:
    """The volunteer changes their own profile. A form begun before someone else's save is refused as a conflict
    (EditConflict with the profile as it now is), so that nothing is saved over what they did not see."""
    if not queries.is_volunteer(request):
        raise PermissionDenied
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not part of a profile: {sorted(unknown)}")
    profile = _profile_of(request.user)
    if profile.version != version:
        raise EditConflict(queries.own_profile(request.user))
    for name, value in values.items():
        setattr(profile, name, value)
    profile.available_days = sorted(set(profile.available_days))
    profile.available_parts = [p for p in ("morning", "afternoon", "evening") if p in profile.available_parts]
    profile.updated_by, profile.version = request.user, profile.version + 1
    profile.save()
    known_practices = dict(queries.practice_choices())
    known_neighbourhoods = dict(queries.neighbourhood_choices())
    profile.practices.set([pk for pk in practices if pk in known_practices])
    profile.neighbourhoods.set([pk for pk in neighbourhoods if pk in known_neighbourhoods])
    _audit(request, "volunteer_profile_saved", profile, fields=sorted(values), practices=sorted(practices))
    return profile


@transaction.atomic
def sign_agreement(request) -> Agreement:
    """The volunteer signs the current confidentiality agreement themselves, today. Signing it again while the
    latest one they signed is the current version records nothing new."""
    if not queries.is_volunteer(request):
        raise PermissionDenied
    profile = _profile_of(request.user)
    latest = profile.agreements.order_by("-signed_on", "-pk").first()
    if latest is not None and latest.version == CURRENT_AGREEMENT:
        return latest
    signed = Agreement.objects.create(
        volunteer=profile, version=CURRENT_AGREEMENT, signed_on=timezone.localdate(), recorded_by=request.user
    )
    _audit(request, "volunteer_agreement_signed", profile, version=CURRENT_AGREEMENT, by="themselves")
    kept.keep([profile.pk])
    return signed


def _hub_volunteer_profile(request, user_id: int) -> Volunteer:
    """The profile of a volunteer of a hub the user coordinates, locked; made if they have none yet. Anyone
    else's is refused."""
    row = queries.hub_volunteer(request, user_id, timezone.localdate())
    if row is None:
        raise PermissionDenied
    return _profile_of(row.user)


@transaction.atomic
def record_check(request, user_id: int, *, kind: str, level: str, done_on: date, expires_on: date, note: str) -> Check:
    profile = _hub_volunteer_profile(request, user_id)
    check = Check.objects.create(
        volunteer=profile,
        kind=kind,
        level=level if kind == Check.Kind.DBS else "",
        done_on=done_on,
        expires_on=expires_on,
        note=note,
        recorded_by=request.user,
    )
    _audit(
        request,
        "volunteer_check_recorded",
        profile,
        check=check.pk,
        kind=kind,
        level=check.level,
        done_on=done_on.isoformat(),
        expires_on=expires_on.isoformat(),
    )
    kept.keep([profile.pk])
    return check


@transaction.atomic
def record_training(request, user_id: int, *, course: str, completed_on: date, expires_on: date) -> Training:
    profile = _hub_volunteer_profile(request, user_id)
    training = Training.objects.create(
        volunteer=profile, course=course, completed_on=completed_on, expires_on=expires_on, recorded_by=request.user
    )
    _audit(
        request,
        "volunteer_training_recorded",
        profile,
        training=training.pk,
        course=course,
        completed_on=completed_on.isoformat(),
        expires_on=expires_on.isoformat(),
    )
    kept.keep([profile.pk])
    return training


@transaction.atomic
def record_paper_agreement(request, user_id: int, *, signed_on: date) -> Agreement:
    """The coordinator records the current agreement, signed on paper on `signed_on`."""
    profile = _hub_volunteer_profile(request, user_id)
    signed = Agreement.objects.create(
        volunteer=profile, version=CURRENT_AGREEMENT, signed_on=signed_on, recorded_by=request.user
    )
    _audit(
        request,
        "volunteer_agreement_signed",
        profile,
        version=CURRENT_AGREEMENT,
        by="on paper",
        signed_on=signed_on.isoformat(),
    )
    kept.keep([profile.pk])
    return signed


def audit_opened(request, row) -> None:
    """A coordinator opened a volunteer's page: audited as a read of the volunteer's profile."""
    audit.record(
        request,
        "volunteer_profile_opened",
        object_type="volunteer",
        object_id=row.profile.pk if row.profile else "",
        detail={"user": row.user.pk},
    )


def audit_refused(request, user_id) -> None:
    """A volunteer's page asked for outside the user's hubs (or missing): audited as a refusal."""
    audit.record(request, "denied:volunteer_profile_opened", object_type="volunteer_user", object_id=user_id)
