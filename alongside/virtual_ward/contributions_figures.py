"""What the virtual ward's figures part adds to the platform: the ward's honest figures, their CSV export, and the
demo borough's ward."""

from alongside.core.registry import Contributions

PART = Contributions()
