"""Starting and reviewing break-glass: permission checked, audited, alerts raised, one transaction each."""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core import audit
from alongside.core.models import Alert
from alongside.partners import roles
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES, care_organisation_ids
from alongside.people.access import Acting, acting, record_access
from alongside.people.models import Person
from alongside.people.policy import Basis, Decision

from .models import DEFAULT_DURATION, BreakGlass
from .reviews import for_reviewer, review_url

logger = logging.getLogger(__name__)

BREAK_GLASS = Decision(True, Basis.BREAK_GLASS)
# An IG reviewer's look at a break-glass use: their role is the basis, not the record.
IG_CHECK = Decision(True, Basis.IG_CHECK)


def may_start(request) -> bool:
    return acting(request) == Acting.STAFF and bool(request.roles & CARE_ROLES)


def reviewers_for(request, person: Person):
    """The IG reviewers of every organisation the requesting user works for as staff; never the user, and never
    the person whose record was opened: nobody reviews their own use, or a use on their own record."""
    reviewers = roles.ig_reviewers_of(care_organisation_ids(request))
    found = get_user_model().objects.filter(memberships__in=reviewers).exclude(pk=request.user.pk)
    if person.user_id is not None:
        found = found.exclude(pk=person.user_id)
    return found.distinct()


@transaction.atomic
def start(request, person: Person, reason_code: str, reason_text: str) -> BreakGlass:
    """Open one person's record for DEFAULT_DURATION; audit it and alert the organisation's IG reviewers."""
    if not may_start(request):
        raise PermissionDenied
    now = timezone.now()
    organisations = care_organisation_ids(request)
    break_glass = BreakGlass.objects.create(
        user=request.user,
        person=person,
        organisation_id=min(organisations) if organisations else None,
        reason_code=reason_code,
        reason_text=reason_text,
        started_at=now,
        expires_at=now + DEFAULT_DURATION,
    )
    record_access(
        request,
        person,
        "break_glass_started",
        BREAK_GLASS,
        break_glass=break_glass.pk,
        reason=reason_code,
        expires_at=break_glass.expires_at.isoformat(),
    )
    recipients = list(reviewers_for(request, person))
    text = f"{request.user.display_name} used break-glass to open a record: {break_glass.get_reason_code_display()}"
    Alert.objects.bulk_create(Alert(recipient=r, text=text[:300], url=review_url(break_glass)) for r in recipients)
    audit.record(
        request,
        "break_glass_alerted",
        object_type="break_glass",
        object_id=break_glass.pk,
        organisation_id=break_glass.organisation_id,
        detail={"recipients": sorted(r.username for r in recipients)},
    )
    log = logger.info if recipients else logger.warning
    log(
        "break-glass %s started by user %s; alerted %d IG reviewer(s)%s",
        break_glass.pk,
        request.user.pk,
        len(recipients),
        "" if recipients else ": nobody to review it in the user's organisations",
    )
    return break_glass


def record_no_match(request) -> None:
    """A break-glass search that found nobody. Nothing typed is kept: it may identify someone."""
    audit.record(request, "break_glass_no_match", object_type="break_glass")


def record_review_opened(request, break_glass: BreakGlass) -> None:
    if not for_reviewer(request).filter(pk=break_glass.pk).exists():
        raise PermissionDenied
    record_access(request, break_glass.person, "break_glass_review_opened", IG_CHECK, break_glass=break_glass.pk)


@transaction.atomic
def review(request, break_glass: BreakGlass, outcome: str, note: str) -> tuple[BreakGlass, bool]:
    """Mark a break-glass use reviewed. Returns it and whether this call reviewed it (false: already reviewed)."""
    if Role.IG_REVIEWER not in request.roles or not for_reviewer(request).filter(pk=break_glass.pk).exists():
        raise PermissionDenied
    break_glass = BreakGlass.objects.select_for_update(of=("self",)).select_related("person").get(pk=break_glass.pk)
    if break_glass.reviewed_at is not None:
        return break_glass, False
    now = timezone.now()
    break_glass.reviewed_at = now
    break_glass.reviewed_by = request.user
    break_glass.outcome = outcome
    break_glass.review_note = note
    break_glass.save(update_fields=["reviewed_at", "reviewed_by", "outcome", "review_note"])
    record_access(
        request, break_glass.person, "break_glass_reviewed", IG_CHECK, break_glass=break_glass.pk, outcome=outcome
    )
    # Every reviewer's alert about it is dealt with now.
    Alert.objects.filter(url=review_url(break_glass), read_at__isnull=True).update(read_at=now)
    return break_glass, True
