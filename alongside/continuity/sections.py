"""The person page's continuity section, and the best times to visit (after "What matters to me").

The continuity section: the named worker, the share of contacts with them, the continuity
priority, appointments to come, and what this user may do about them. For those who may read the person's care."""

from alongside.people.policy import Category

from .actions import gives_care, may_ask_for_change
from .preferences import preferred, visit_times_of
from .recent import recent_continuity
from .visit_times import describe


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


def visit_times(request, record) -> dict | None:
    """The best times to visit the person: for those who may read how best to communicate with them."""
    if Category.COMMUNICATION not in record.shown:
        return None
    found = visit_times_of(record.person)
    stated = preferred(found)
    return {
        "described": describe(stated),
        "words": stated.words,
        "updated_at": found.updated_at if found else None,
        "updated_by": found.updated_by.display_name if found else "",
        "updated_by_you": bool(found and found.updated_by_id == request.user.pk),
        "may_change": Category.COMMUNICATION in record.writable,
    }
