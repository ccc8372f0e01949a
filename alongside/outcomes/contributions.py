"""What outcome measures contribute: the person's outcomes on their page and home page, the questionnaires, the
team's outcomes, the API, and the demo borough's responses."""

from alongside.core.registry import Contributions

CONTRIBUTIONS = Contributions()

# The team's outcomes and the API (team_contributions.py), joined to the rest.
from alongside.core.registry import combined  # noqa: E402

from .team_contributions import TEAM_AND_API  # noqa: E402

CONTRIBUTIONS = combined(CONTRIBUTIONS, TEAM_AND_API)
