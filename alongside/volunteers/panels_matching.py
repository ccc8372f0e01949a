"""The coordinator's home panel: how many people wait for a volunteer in their hubs, the longest waiting first.

Each person shown is a read, audited on the volunteer hub basis. Two queries, however many are waiting."""

from alongside.people.access import Read, record_each
from alongside.people.policy import Basis

from . import matching_queries as queries

SHOWN = 5


def waiting(request) -> dict | None:
    hub_ids = queries.coordinated_hub_ids(request)
    if not hub_ids:
        return None
    shown = queries.waiting_requests(hub_ids, limit=SHOWN)
    count = queries.waiting_count(hub_ids) if len(shown) == SHOWN else len(shown)
    if shown:
        reads = [Read(r.person_id, Basis.VOLUNTEER_HUB, object_id=f"volunteer_request:{r.pk}") for r in shown]
        record_each(request, "volunteer_requests_listed", reads)
    return {"shown": shown, "count": count}
