"""What plain words and words that carry hope contribute, from its parts (contributions_admin.py: the
administrators' pages and the JSON API; contributions_writing.py: the pages for writers)."""

from alongside.core.registry import Contributions, DemoStep, combined

from .contributions_admin import ADMIN
from .contributions_writing import WRITING
from .demo_step import LanguageStep

# six months of each care team's counts of suggestions shown and taken, for "Words we use"
DEMO = Contributions(demo_steps=(DemoStep("language: counts of suggestions", 90, LanguageStep),))

CONTRIBUTIONS = combined(ADMIN, WRITING, DEMO)
