"""Concerns, raising and routing: rows of the authorisation matrix (see authorisation.py), over the "concern"
subject of worlds.py (its kinds of user and states).

What each role SHOULD be allowed, by the care model (the one access policy's `concern_basis`):
- the volunteer who raised it sees it (and its "sent" page, and it through the API) while the person is still their
  client; once the allocation ended, it answers as missing. Seeing it is not seeing the name: a person who refused
  volunteers their name is "the person you visit" on its pages (test_names_kept_back.py);
- the hub's coordinators see every concern of their hub, re-route the open ones, list the open ones in their queue,
  set the hub's routes and record concerns volunteers tell them about;
- the named worker, and the team leader of the person's caseload team, see it through their care relationship;
- another volunteer, another hub's coordinator, a clinician elsewhere, information governance and administrators
  see nothing of it: 404, like a missing concern.
Raising (the page and the API) is for volunteers, about their clients now.
"""

import uuid

from django.urls import reverse

from alongside.concerns.models import Concern

from .worlds import STATES

REFUSED = (302, 403, 404)


def _api_lists(client, world) -> bool:
    """GET /api/v1/concerns lists the concern."""
    response = client.get(reverse("api:list_concerns"), {"limit": 100})
    return response.status_code == 200 and world["concern"].pk in [c["id"] for c in response.json()["items"]]


def _raises_by_api(client, world) -> bool:
    """POST /api/v1/concerns about the world's person makes a concern."""
    before = Concern.objects.count()
    response = client.post(
        reverse("api:raise_concern"),
        {"person_id": world["person"].pk, "kind": "social", "urgency": "few_days", "words": "Matrix"},
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    return response.status_code == 201 and Concern.objects.count() == before + 1


def _raises_on_the_page(client, world) -> bool:
    """The raise page's send, about the world's person, makes a concern."""
    before = Concern.objects.count()
    client.post(
        reverse("concerns:raise"),
        {
            "step": "send",
            "person": world["person"].pk,
            "kind": "environmental",
            "urgency": "next_meeting",
            "words": "",
            "form_key": str(uuid.uuid4()),
        },
    )
    return Concern.objects.count() == before + 1


ENDPOINTS = {
    "concern": {"url": "concerns:concern", "args": ["{concern.pk}"]},
    "sent": {"url": "concerns:sent", "args": ["{concern.pk}"]},
    "reroute": {"url": "concerns:reroute", "args": ["{concern.pk}"]},
    "queue": {"url": "concerns:queue", "answer": "listed"},
    "api": {"url": "api:get_concern", "args": ["{concern.pk}"], "answer": "api"},
    "api list": {"url": "api:list_concerns", "answer": "changed", "change": _api_lists},
    # about no concern: checked in the first state
    "raise": {"url": "concerns:raise", "answer": "status"},
    "record": {"url": "concerns:record", "answer": "status"},
    "my routes": {"url": "concerns:my_routes", "answer": "status"},
    "routes": {"url": "concerns:routes", "args": ["{concern.hub_id}"], "answer": "status"},
    "edit route": {"url": "concerns:edit_route", "args": ["{concern.hub_id}", "today"], "answer": "status"},
    # raising about the world's person: made after every read
    "raise on the page": {"url": "concerns:raise", "answer": "changed", "change": _raises_on_the_page},
    "raise by api": {"url": "api:raise_concern", "answer": "changed", "change": _raises_by_api},
}

OK, NO = True, False
OPEN_HEALTH, OPEN_SOCIAL, CLOSED, ENDED = STATES

# Who sees the concern (its page, its "sent" page, the API's one and list), by kind of user and state.
SEES = {
    "raising volunteer": {OPEN_HEALTH, OPEN_SOCIAL, CLOSED},
    "another volunteer": set(),
    "hub coordinator": set(STATES),
    "other hub coordinator": set(),
    "named worker": set(STATES),
    "neighbourhood team leader": set(STATES),
    "other clinician": set(),
    "ig reviewer": set(),
    "admin": set(),
}
OPEN = {OPEN_HEALTH, OPEN_SOCIAL, ENDED}  # ENDED: the volunteer no longer visits, the concern is still open
# Re-route and the queue: the hub's coordinators, open concerns only.
WORKS_THE_QUEUE = {"hub coordinator": OPEN}
# Raising about the world's person: their volunteer, while they still visit (the concern's state is beside it).
RAISES = {"raising volunteer": {OPEN_HEALTH, OPEN_SOCIAL, CLOSED}}
# Pages about no concern, in the first state: what each answers.
PAGES = {
    #                         raise, record, my routes, routes, edit route
    "raising volunteer": (200, 403, 403, 403, 403),
    "another volunteer": (200, 403, 403, 403, 403),
    "hub coordinator": (403, 200, 302, 200, 200),
    "other hub coordinator": (403, 200, 302, 404, 404),
    "named worker": (403, 403, 403, 403, 403),
    "neighbourhood team leader": (403, 403, 403, 403, 403),
    "other clinician": (403, 403, 403, 403, 403),
    "ig reviewer": (403, 403, 403, 403, 403),
    "admin": (403, 403, 403, 403, 403),
}


def _row(kind: str, state: str) -> dict:
    sees = state in SEES[kind]
    cells = {
        "concern": sees,
        "sent": sees,
        "api": sees,
        "api list": sees,
        "reroute": state in WORKS_THE_QUEUE.get(kind, set()),
        "queue": state in WORKS_THE_QUEUE.get(kind, set()),
        "raise on the page": state in RAISES.get(kind, set()),
        "raise by api": state in RAISES.get(kind, set()),
    }
    if state == STATES[0]:
        cells |= dict(zip(["raise", "record", "my routes", "routes", "edit route"], PAGES[kind], strict=True))
    return cells


ROWS = [("concern", state, kind, _row(kind, state)) for state in STATES for kind in SEES]
REFUSED_LIKE_MISSING = [("concern", "/concerns/{pk}/"), ("concern", "/concerns/{pk}/sent/")]
