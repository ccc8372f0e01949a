"""Concerns' rows of the authorisation matrix (tests/authorisation), from its two parts: raising and routing
(authorisation_raising.py), and the loop back to the volunteer (authorisation_loop.py). Each part declares USERS,
ENDPOINTS and ROWS (and optionally MAKERS, WORLDS, SUBJECTS and REFUSED_LIKE_MISSING) as the machinery's
docstring says; endpoint names must not clash."""

from tests.authorisation.parts import merged, refused_like_missing, rows

from . import authorisation_loop as loop
from . import authorisation_raising as raising
from . import worlds

PARTS = (raising, loop)
REFUSED = (302, 403, 404)

USERS = worlds.USERS | merged(PARTS, "USERS")
ENDPOINTS = merged(PARTS, "ENDPOINTS")
MAKERS = merged(PARTS, "MAKERS")
WORLDS = worlds.WORLDS | merged(PARTS, "WORLDS")  # the concern's states are in worlds.py
SUBJECTS = worlds.SUBJECTS | merged(PARTS, "SUBJECTS")
ROWS = rows(PARTS)
REFUSED_LIKE_MISSING = refused_like_missing(PARTS)
