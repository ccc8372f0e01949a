"""The directory's rows of the authorisation matrix (tests/authorisation), from its parts: keeping the
listings, finding who can help, the feed in and out, and referring a person to a service. Each part declares
USERS, ENDPOINTS and ROWS (and optionally MAKERS, WORLDS, SUBJECTS and REFUSED_LIKE_MISSING) as the machinery's
docstring says; endpoint names must not clash."""

from tests.authorisation.parts import merged, refused_like_missing, rows

from . import authorisation_finding as finding
from . import authorisation_listings as listings
from . import authorisation_referring as referring
from . import authorisation_reports as reports
from . import authorisation_standards as standards

PARTS = (listings, finding, standards, referring, reports)
REFUSED = (302, 403, 404)

USERS = merged(PARTS, "USERS")
ENDPOINTS = merged(PARTS, "ENDPOINTS")
MAKERS = merged(PARTS, "MAKERS")
WORLDS = merged(PARTS, "WORLDS")
SUBJECTS = merged(PARTS, "SUBJECTS")
ROWS = rows(PARTS)
REFUSED_LIKE_MISSING = refused_like_missing(PARTS)
