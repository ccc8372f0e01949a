"""The loop back to the volunteer: what it adds to the platform."""

from alongside.core.registry import Contributions

LOOP = Contributions()
