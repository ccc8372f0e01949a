"""Plain words and words that carry hope: rows of the authorisation matrix (tests/authorisation), from its parts
(authorisation_admin.py: the administrators' pages and the JSON API; authorisation_writing.py: the pages for
writers)."""

from tests.authorisation.parts import merged, refused_like_missing, rows

from . import authorisation_admin as admin
from . import authorisation_writing as writing

PARTS = (admin, writing)
REFUSED = (302, 403, 404)

USERS = merged(PARTS, "USERS")
ENDPOINTS = merged(PARTS, "ENDPOINTS")
MAKERS = merged(PARTS, "MAKERS")
ROWS = rows(PARTS)
REFUSED_LIKE_MISSING = refused_like_missing(PARTS)
