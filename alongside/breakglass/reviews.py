"""Which break-glass uses an IG reviewer reviews, and how many reads of the record happened under each.

A reviewer reviews the break-glass uses of staff who worked, when they used it, for an organisation where the
reviewer is an IG reviewer now: the same people the alert went to. Nobody reviews their own use, or a use on
their own record (they see that in who has looked at their record, as anyone does).
"""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.partners.models import Membership, Role
from alongside.partners.roles import reviewer_organisation_ids
from alongside.people.policy import Basis

from . import overdue
from .models import BreakGlass

STARTED = "break_glass_started"


def events_under(break_glass: BreakGlass) -> QuerySet[AuditEvent]:
    """What the user did to the person's record through this break-glass, in its window."""
    return AuditEvent.objects.filter(
        actor_id=break_glass.user_id,
        person_id=break_glass.person_id,
        basis=Basis.BREAK_GLASS.value,
        at__gte=break_glass.started_at,
        at__lt=break_glass.expires_at,
    )


def for_reviewer(request) -> QuerySet[BreakGlass]:
    """The break-glass uses this IG reviewer may see and review, each with `reads`: the record reads under it."""
    organisations = list(reviewer_organisation_ids(request))
    staff_then = (
        Membership.objects.filter(
            user=OuterRef("user"),
            team__organisation_id__in=organisations,
            started_at__lte=OuterRef("started_at"),
        )
        .exclude(role=Role.VOLUNTEER)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=OuterRef("started_at")))
    )
    reads = (
        AuditEvent.objects.filter(
            actor_id=OuterRef("user_id"),
            person_id=OuterRef("person_id"),
            basis=Basis.BREAK_GLASS.value,
            at__gte=OuterRef("started_at"),
            at__lt=OuterRef("expires_at"),
        )
        .exclude(action=STARTED)
        .order_by()
        .values("actor_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        BreakGlass.objects.filter(Q(organisation_id__in=organisations) | Exists(staff_then))
        .exclude(user=request.user)
        .exclude(person__user=request.user)
        .select_related("user", "person", "reviewed_by")
        .annotate(reads=Coalesce(Subquery(reads), 0))
    )


def review_days() -> int:
    """Working days within which a use should be reviewed: the setting, else the default of 5."""
    return int(getattr(settings, "BREAK_GLASS_REVIEW_WORKING_DAYS", overdue.REVIEW_WORKING_DAYS))


def unusual_reads() -> int:
    """Reads of the record under one use above which the use is pointed out: the setting, else 20."""
    return int(getattr(settings, "BREAK_GLASS_UNUSUAL_READS", overdue.UNUSUAL_READS))


def review_url(break_glass: BreakGlass) -> str:
    return reverse("breakglass:review", args=[break_glass.pk])


def review_queue(request) -> tuple[list[BreakGlass], QuerySet[BreakGlass]]:
    """The uses awaiting this reviewer's review, oldest first (read now), and those already reviewed, newest first
    (to be paged)."""
    queue = for_reviewer(request)
    awaiting = list(queue.filter(reviewed_at__isnull=True).order_by("started_at", "pk"))
    return awaiting, queue.filter(reviewed_at__isnull=False).order_by("-reviewed_at", "-pk")


def to_review(request, pk) -> BreakGlass | None:
    """One break-glass use this reviewer may review, else None."""
    return for_reviewer(request).filter(pk=pk).first()


def first_events_under(break_glass: BreakGlass, most: int = 200) -> list[AuditEvent]:
    """The first `most` things done under the break-glass, in order."""
    return list(events_under(break_glass).order_by("at", "pk")[:most])
