"""What MDT meetings contribute, from its parts: the meeting pages (contributions_meeting.py) and what follows a
meeting (contributions_follow.py)."""

from alongside.core.registry import combined

from .contributions_follow import FOLLOW
from .contributions_meeting import MEETING

CONTRIBUTIONS = combined(MEETING, FOLLOW)
