"""MDT meetings' rows of the authorisation matrix (tests/authorisation), from its parts: the meeting pages
(authorisation_meeting.py) and what follows a meeting (authorisation_follow.py). Each part declares USERS, ENDPOINTS
and ROWS (and optionally MAKERS, WORLDS, SUBJECTS and REFUSED_LIKE_MISSING) as the machinery's docstring says;
endpoint names must not clash."""

from tests.authorisation.parts import merged, refused_like_missing, rows

from . import authorisation_follow as follow
from . import authorisation_meeting as meeting

PARTS = (meeting, follow)
REFUSED = (302, 403, 404)

USERS = merged(PARTS, "USERS")
ENDPOINTS = merged(PARTS, "ENDPOINTS")
MAKERS = merged(PARTS, "MAKERS")
WORLDS = merged(PARTS, "WORLDS")
SUBJECTS = merged(PARTS, "SUBJECTS")
ROWS = rows(PARTS)
REFUSED_LIKE_MISSING = refused_like_missing(PARTS)
