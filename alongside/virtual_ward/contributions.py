"""What the virtual ward contributes, from its parts: episodes (referral to end), reviews (observations and NEWS2),
the capacity board with the day's visits, the figures (with the demo borough's ward) and the ward's settings."""

from alongside.core.registry import combined

from .contributions_board import PART as BOARD
from .contributions_demo import PART as DEMO
from .contributions_episodes import PART as EPISODES
from .contributions_figures import PART as FIGURES
from .contributions_reviews import PART as REVIEWS
from .contributions_settings import PART as SETTINGS

CONTRIBUTIONS = combined(EPISODES, REVIEWS, BOARD, FIGURES, SETTINGS, DEMO)
