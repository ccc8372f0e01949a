"""Outcomes' rows of the authorisation matrix (tests/authorisation), from its parts: the person's questionnaires and
trends (authorisation_pages), and the API's operations about a person (authorisation_api). Each part declares USERS,
ENDPOINTS and ROWS (and optionally MAKERS and REFUSED_LIKE_MISSING) as the machinery's docstring says; endpoint
names must not clash."""

from tests.authorisation.parts import merged, refused_like_missing, rows

from . import authorisation_api as api
from . import authorisation_pages as pages

PARTS = (pages, api)
REFUSED = (404,)

assert pages.USERS == api.USERS
USERS = pages.USERS
ENDPOINTS = merged(PARTS, "ENDPOINTS")
MAKERS = merged(PARTS, "MAKERS")
ROWS = rows(PARTS)
REFUSED_LIKE_MISSING = refused_like_missing(PARTS)
