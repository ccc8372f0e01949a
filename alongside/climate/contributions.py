"""What climate adds to the platform (issue 18): filled in as the capability is built."""

from alongside.core.registry import Contributions

CONTRIBUTIONS = Contributions()
