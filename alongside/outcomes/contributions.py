"""What outcome measures contribute: the person's outcomes on their page and home page, the questionnaires, the
team's outcomes, the API, and the demo borough's responses."""

from alongside.core.registry import Contributions

CONTRIBUTIONS = Contributions()
