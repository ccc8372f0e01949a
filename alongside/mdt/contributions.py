"""What MDT meetings contribute, from its parts: the meeting pages (contributions_meeting.py); what follows a
meeting (contributions_follow.py) joins here at merge."""

from alongside.core.registry import combined

from .contributions_meeting import MEETING

CONTRIBUTIONS = combined(MEETING)
