"""What the virtual ward's reviews part adds to the platform: reviews with observations and their NEWS2, the
escalation prompt and the trend chart."""

from alongside.core.registry import Contributions

PART = Contributions()
