"""The person page's continuity section, and the best times to visit (after the person's own words).

The continuity section: the named worker, how many contacts were with them, the continuity priority and why,
appointments to come, requests for a different named worker with their answers, and what this user may do about
them. For those who may read the person's care. In words, with no index abbreviations; to the person reading
their own record, it speaks to them as "you"."""

from alongside.people.policy import Category

from .actions import gives_care, may_ask_for_change
from .preferences import preferred, visit_times_of
from .recent import recent_continuity
from .visit_times import describe

LEVEL_FOR_YOU = {
    "High": "high: it matters a lot that you see someone who knows you",
    "Medium": "medium: it helps that you see someone who knows you",
    "Low": "low: for now, whoever is free can see you",
}


def reason_for_you(reason: str) -> str:
    """A reason for a continuity priority, as written for staff ("lives alone"), said to the person."""
    if reason.startswith("they "):
        return "you " + reason.removeprefix("they ")
    if reason == "lives alone":
        return "you live alone"
    if reason.startswith("a crisis on "):
        return "you had " + reason
    if reason.startswith(("raised by", "lowered by")):
        change, _, note = reason.partition(" by staff: ")
        return f"staff who support you {change.split(' ')[0]} it: {note}"
    return "you have " + reason


def continuity(request, record) -> dict | None:
    if Category.CARE not in record.shown:
        return None
    person = record.person
    own = record.facts.is_self
    context = recent_continuity(person)
    context["own"] = own
    context["may_ask"] = may_ask_for_change(record.facts)
    context["may_record"] = Category.CARE in record.writable and gives_care(request)
    context["my_teams"] = {m.team_id for m in request.memberships}
    # The person sees every request about them and its answer; anyone else sees only the ones they made: the
    # named worker a request is about never sees it.
    asked = person.named_worker_requests.select_related("asked_by", "new_worker").order_by("-asked_at", "-pk")
    context["requests"] = list((asked if own else asked.filter(asked_by=request.user))[:3])
    context["waiting"] = next((r for r in context["requests"] if r.answered_at is None), None)
    if own:
        context["level_words"] = LEVEL_FOR_YOU[context["priority"].level]
        context["reasons_words"] = [reason_for_you(r) for r in context["priority"].reasons]
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
