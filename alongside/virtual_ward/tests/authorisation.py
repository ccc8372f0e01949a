"""The virtual ward's rows of the authorisation matrix (tests/authorisation), from its parts: episodes, reviews,
the board, the figures and the settings (authorisation_<part>.py). Each part declares USERS, ENDPOINTS and ROWS
(and optionally MAKERS, WORLDS, SUBJECTS and REFUSED_LIKE_MISSING) as the machinery's docstring says; endpoint
names must not clash."""

from tests.authorisation.parts import merged, refused_like_missing, rows

from . import authorisation_board as board
from . import authorisation_episodes as episodes
from . import authorisation_figures as figures
from . import authorisation_reviews as reviews
from . import authorisation_settings as settings

PARTS = (episodes, reviews, board, figures, settings)
REFUSED = (302, 403, 404)

USERS = merged(PARTS, "USERS")
ENDPOINTS = merged(PARTS, "ENDPOINTS")
MAKERS = merged(PARTS, "MAKERS")
WORLDS = merged(PARTS, "WORLDS")
SUBJECTS = merged(PARTS, "SUBJECTS")
ROWS = rows(PARTS)
REFUSED_LIKE_MISSING = refused_like_missing(PARTS)
