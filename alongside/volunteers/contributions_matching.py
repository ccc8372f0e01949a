"""Asking for a volunteer, matching and allocating: what they add to the platform."""

from alongside.core.registry import Contributions

MATCHING = Contributions()
