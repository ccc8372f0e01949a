"""Concerns' rows of the authorisation matrix (tests/authorisation), from its two parts: raising and routing
(authorisation_raising.py), and the loop back to the volunteer (authorisation_loop.py). Each part declares USERS,
ENDPOINTS and ROWS (and optionally MAKERS, WORLDS, SUBJECTS and REFUSED_LIKE_MISSING) as the machinery's
docstring says; endpoint names must not clash."""

from . import authorisation_loop as loop
from . import authorisation_raising as raising
from . import worlds

PARTS = (raising, loop)
REFUSED = (302, 403, 404)


def _merged(name: str) -> dict:
    found: dict = {}
    for part in PARTS:
        own = getattr(part, name, {})
        clash = {key for key in own if key in found and found[key] != own[key]}
        assert not clash, f"the parts name {sorted(clash)} differently in {name}"
        found |= own
    return found


USERS = worlds.USERS | _merged("USERS")
ENDPOINTS = _merged("ENDPOINTS")
MAKERS = _merged("MAKERS")
WORLDS = worlds.WORLDS | _merged("WORLDS")  # the concern's states are in worlds.py
SUBJECTS = worlds.SUBJECTS | _merged("SUBJECTS")
ROWS = [row for part in PARTS for row in part.ROWS]
REFUSED_LIKE_MISSING = [pair for part in PARTS for pair in getattr(part, "REFUSED_LIKE_MISSING", ())]
