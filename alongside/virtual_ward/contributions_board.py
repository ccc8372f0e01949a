"""What the virtual ward's board part adds to the platform: the capacity board and a day's visits across the ward
team."""

from alongside.core.registry import Contributions

PART = Contributions()
