"""Raising and routing concerns: what they add to the platform."""

from alongside.core.registry import Contributions

RAISING = Contributions()
