"""Writing training: a record of a finished course, and an organisation's own course. Each checks who may do it,
is audited, and makes one row however often the button is pressed."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.forms import EditConflict, save_if_unchanged

from . import who
from .expiry import date_problem, expires_on
from .models import Course, Record, Retirement
from .queries import staff_of

LONGEST_MONTHS = 120


def may_record(request, user_id: int, team) -> bool:
    """The user records their own training, or a team's leader or administrator records a staff member's."""
    if team is None:
        return user_id == request.user.pk and who.is_staff(request)
    return who.manages(request, team) and any(m.user_id == user_id for m in staff_of([team.pk]).get(team.pk, []))


def course_allowed(request, course: Course, team) -> bool:
    if course.organisation_id is None:
        return True
    if team is not None:
        return course.organisation_id == team.organisation_id
    return course.organisation_id in who.staff_organisation_ids(request)


def _own_organisation(request, course: Course) -> int | None:
    """For a record someone makes of their own training: the course's organisation, or else their team's
    (None only when they work in teams of more than one organisation, which no single row can name)."""
    if course.organisation_id is not None:
        return course.organisation_id
    organisations = who.staff_organisation_ids(request)
    return next(iter(organisations)) if len(organisations) == 1 else None


@transaction.atomic
def record(request, *, user_id: int, course: Course, completed: date, team=None) -> Record:
    """Record that `user_id` finished `course` on `completed`: by themselves (`team` None) or by the leader or an
    administrator of `team`. The same course on the same day is recorded once: the first record is answered."""
    if not may_record(request, user_id, team) or not course_allowed(request, course, team):
        raise PermissionDenied
    if date_problem(completed, timezone.localdate()):
        raise ValueError("A completion date is today or in the past, and not before 1990")
    organisation_id = team.organisation_id if team else _own_organisation(request, course)
    found, made = Record.objects.get_or_create(
        user_id=user_id,
        course=course,
        completed_on=completed,
        defaults={
            "expires_on": expires_on(completed, course.valid_months),
            "recorded_by": request.user,
            "organisation_id": organisation_id,
        },
    )
    if made:
        audit.record(
            request,
            "training_recorded",
            object_type="training_record",
            object_id=found.pk,
            organisation_id=organisation_id,
            detail={"course": course.pk, "for_self": team is None},
        )
    return found


@transaction.atomic
def add_course(request, *, organisation_id: int, name: str, covers: str, valid_months: int | None) -> Course:
    """An organisation's own course, added by its administrator."""
    if organisation_id not in who.admin_organisation_ids(request):
        raise PermissionDenied
    if valid_months is not None and not 1 <= valid_months <= LONGEST_MONTHS:
        raise ValueError("A course is valid for 1 to 120 months")
    course = Course.objects.create(
        organisation_id=organisation_id,
        name=name.strip(),
        covers=covers.strip(),
        valid_months=valid_months,
        added_by=request.user,
    )
    audit.record(
        request,
        "training_course_added",
        object_type="training_course",
        object_id=course.pk,
        organisation_id=organisation_id,
    )
    return course


@transaction.atomic
def retire_course(request, *, organisation_id: int, course: Course) -> bool:
    """The organisation no longer offers the course (its own, or a shipped one): False when it had retired it
    already, so a second press changes nothing. Records already made are kept."""
    if organisation_id not in who.admin_organisation_ids(request):
        raise PermissionDenied
    if course.organisation_id not in (None, organisation_id):
        raise PermissionDenied
    _, made = Retirement.objects.get_or_create(
        course=course, organisation_id=organisation_id, defaults={"retired_by": request.user}
    )
    if made:
        audit.record(
            request,
            "training_course_retired",
            object_type="training_course",
            object_id=course.pk,
            organisation_id=organisation_id,
            detail={"shipped": course.organisation_id is None},
        )
    return made


def managing_teams(request, record: Record, teams) -> list:
    """Those of `teams` (the teams the record's owner is staff in) whose leader or administrator the user is, in
    the organisation the record was made in: nobody in another organisation reaches it, even when its owner works
    in both. A record whose organisation is not known is only its owner's to put right."""
    if record.organisation_id is None:
        return []
    return [t for t in teams if t.organisation_id == record.organisation_id and who.manages(request, t)]


def may_change(request, record: Record, teams) -> bool:
    """Whoever may record it: the member of staff for their own, or a leader or administrator of one of `teams`
    in the record's organisation."""
    if record.user_id == request.user.pk and who.is_staff(request):
        return True
    return bool(managing_teams(request, record, teams))


class SameDayRecorded(ValueError):
    """The course is recorded as finished on that day already (someone else's change got there first)."""


@transaction.atomic
def correct(request, record: Record, version: int, *, completed: date, teams) -> None:
    """Put right the day the course was finished (and so when it runs out). A change started from an older version
    raises EditConflict with the record as it now stands."""
    if not may_change(request, record, teams):
        raise PermissionDenied
    if date_problem(completed, timezone.localdate()):
        raise ValueError("A completion date is today or in the past, and not before 1990")
    was = record.completed_on
    record.completed_on, record.expires_on = completed, expires_on(completed, record.course.valid_months)
    try:
        with transaction.atomic():
            save_if_unchanged(record, version, ["completed_on", "expires_on"])
    except IntegrityError as clash:  # the form checks the day, but two changes at once can both pass that check
        raise SameDayRecorded from clash
    audit.record(
        request,
        "training_record_corrected",
        object_type="training_record",
        object_id=record.pk,
        organisation_id=record.organisation_id,
        detail={"course": record.course_id, "from": f"{was:%Y-%m-%d}", "to": f"{completed:%Y-%m-%d}"},
    )


@transaction.atomic
def delete(request, record: Record, version: int, *, teams) -> bool:
    """Take away a record entered by mistake: False when it was taken away already (a second press). A record
    changed since the page was opened raises EditConflict, so that nobody deletes what they have not seen."""
    if not may_change(request, record, teams):
        raise PermissionDenied
    found = Record.objects.select_for_update().filter(pk=record.pk).first()
    if found is None:
        return False
    if found.version != version:
        raise EditConflict(found)
    found.delete()
    audit.record(
        request,
        "training_record_deleted",
        object_type="training_record",
        object_id=record.pk,
        organisation_id=record.organisation_id,
        detail={"course": record.course_id, "for_self": record.user_id == request.user.pk},
    )
    return True
