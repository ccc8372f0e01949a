"""What volunteers contributes, from its two parts: profiles, checks and training (contributions_profiles.py), and
people asking for a volunteer, matching and allocating (contributions_matching.py)."""

from alongside.core.registry import combined

from .contributions_matching import MATCHING
from .contributions_profiles import PROFILES

CONTRIBUTIONS = combined(PROFILES, MATCHING)
