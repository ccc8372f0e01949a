"""Profiles, checks, training and the confidentiality agreement: what they add to the platform."""

from alongside.core.registry import Contributions

PROFILES = Contributions()
