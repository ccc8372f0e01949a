"""Volunteers' rows of the authorisation matrix (tests/authorisation), from its two parts: profiles, checks and
training (authorisation_profiles.py), and asking for a volunteer, matching and allocating
(authorisation_matching.py). Each part declares USERS, ENDPOINTS and ROWS (and optionally MAKERS, WORLDS,
SUBJECTS and REFUSED_LIKE_MISSING) as the machinery's docstring says; endpoint names must not clash."""

from . import authorisation_matching as matching
from . import authorisation_profiles as profiles

PARTS = (profiles, matching)
REFUSED = (302, 403, 404)


def _merged(name: str) -> dict:
    found: dict = {}
    for part in PARTS:
        own = getattr(part, name, {})
        clash = {key for key in own if key in found and found[key] != own[key]}
        assert not clash, f"the parts name {sorted(clash)} differently in {name}"
        found |= own
    return found


USERS = _merged("USERS")
ENDPOINTS = _merged("ENDPOINTS")
MAKERS = _merged("MAKERS")
WORLDS = _merged("WORLDS")
SUBJECTS = _merged("SUBJECTS")
ROWS = [row for part in PARTS for row in part.ROWS]
REFUSED_LIKE_MISSING = [pair for part in PARTS for pair in getattr(part, "REFUSED_LIKE_MISSING", ())]
