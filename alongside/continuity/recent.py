"""How a person's recent contacts went: who their named worker is, and how many contacts were with them."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from alongside.people.models import CareRelationship

RECENT = timedelta(days=365)


def recent_continuity(person) -> dict:
    """Two queries: the named worker now, and the last year's contacts counted with and without them."""
    named = CareRelationship.objects.active().filter(person=person, kind="named_worker").select_related("user").first()
    worker = named.user if named else None
    aggregates = {"total": Count("pk")}
    if worker:
        aggregates["with_named"] = Count("pk", filter=Q(practitioner=worker))
    counts = person.contacts.filter(at__gte=timezone.now() - RECENT).aggregate(**aggregates)
    with_named = counts.get("with_named", 0)
    share = round(100 * with_named / counts["total"]) if counts["total"] and worker else None
    return {"named_worker": worker, "total": counts["total"], "with_named": with_named, "share": share}
