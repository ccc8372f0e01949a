"""The person page's continuity section: the named worker, the share of contacts with them, the continuity
priority, appointments to come, and what this user may do about them. For those who may read the person's care."""

from alongside.people.policy import Category

from .actions import gives_care, may_ask_for_change
from .recent import recent_continuity


def continuity(request, record) -> dict | None:
    if Category.CARE not in record.shown:
        return None
    person = record.person
    context = recent_continuity(person)
    context["may_ask"] = may_ask_for_change(record.facts)
    context["may_record"] = Category.CARE in record.writable and gives_care(request)
    context["my_teams"] = {m.team_id for m in request.memberships}
    context["asked"] = person.named_worker_requests.filter(asked_by=request.user, answered_at__isnull=True).first()
    return context
