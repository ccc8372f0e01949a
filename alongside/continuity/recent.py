"""How a person's recent contacts went: who their named worker is, and how many contacts were with them."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from alongside.people.models import CareRelationship

RECENT = timedelta(days=365)


def recent_continuity(person) -> dict:
    """Four queries: the named worker now, the last year's contacts counted with and without them, the facts
    behind their continuity priority, and their appointments still to come (booked or waiting for a slot)."""
    named = CareRelationship.objects.active().filter(person=person, kind="named_worker").select_related("user").first()
    worker = named.user if named else None
    aggregates = {"total": Count("pk")}
    if worker:
        aggregates["with_named"] = Count("pk", filter=Q(practitioner=worker))
    counts = person.contacts.filter(at__gte=timezone.now() - RECENT).aggregate(**aggregates)
    with_named = counts.get("with_named", 0)
    share = round(100 * with_named / counts["total"]) if counts["total"] and worker else None
    from .actions import facts_of
    from .models import ContinuityFacts
    from .priority import priority

    facts = facts_of(ContinuityFacts.objects.filter(person=person).first())
    appointments = list(
        person.appointment_requests.filter(cancelled_at__isnull=True, latest__gte=timezone.now())
        .select_related("slot", "slot__practitioner")
        .order_by("earliest", "pk")[:10]
    )
    return {
        "named_worker": worker,
        "total": counts["total"],
        "with_named": with_named,
        "share": share,
        "priority": priority(facts, timezone.localdate()),
        "appointments": appointments,
    }
