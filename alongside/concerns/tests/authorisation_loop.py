"""Concerns: rows of the authorisation matrix for closing the loop (see authorisation.py), as the care model says
they SHOULD be:

- the answer page (write what happened for the volunteer; a closed concern shows its answer): those who act on
  the concern, whatever its state: the person's named worker and their neighbourhood team (through the caseload),
  and the hub's coordinator. Never a volunteer, another hub's coordinator, a clinician who does not care for the
  person, an information governance reviewer or an administrator;
- the volunteer's page of what happened (and their reply): only the volunteer who raised it, and only while they
  still visit the person: after the allocation ends it answers like a missing page;
- open loops: the hub's coordinators see each of the hub's concerns, in every state; another hub's coordinator does
  not; no one else reaches the page.
"""

from .worlds import STATES, USERS

ENDPOINTS = {
    "answer a concern": {"url": "concerns:loop_answer", "args": ["{concern.pk}"]},
    "what happened to my concern": {"url": "concerns:what_happened", "args": ["{concern.pk}"]},
    "open loops": {"url": "concerns:open_loops", "answer": "listed"},
}

ACT = {"hub coordinator", "named worker", "neighbourhood team leader"}


def _cells(state: str, kind: str) -> dict:
    return {
        "answer a concern": kind in ACT,
        "what happened to my concern": kind == "raising volunteer" and state != "raised before the allocation ended",
        "open loops": kind == "hub coordinator",
    }


ROWS = [("concern", state, kind, _cells(state, kind)) for state in STATES for kind in USERS]
REFUSED_LIKE_MISSING = [("concern", "/concerns/{pk}/answer/")]
