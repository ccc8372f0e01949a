"""The directory's rows of the authorisation matrix (tests/authorisation), from its parts: keeping the
listings, finding who can help, the feed in and out, and referring a person to a service. Each part declares
USERS, ENDPOINTS and ROWS (and optionally MAKERS, WORLDS, SUBJECTS and REFUSED_LIKE_MISSING) as the machinery's
docstring says; endpoint names must not clash."""

from . import authorisation_finding as finding
from . import authorisation_listings as listings
from . import authorisation_referring as referring
from . import authorisation_standards as standards

PARTS = (listings, finding, standards, referring)
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
