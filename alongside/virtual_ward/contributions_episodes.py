"""What the virtual ward's episodes part adds to the platform: referral, decision, admission to a bed, the 72 hours
and the end of an episode."""

from alongside.core.registry import Contributions

PART = Contributions()
