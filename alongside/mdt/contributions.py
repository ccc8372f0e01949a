"""MDT meetings: what the app contributes. For now only the part after the meeting (contributions_follow.py); the
lead joins it with the meeting part (contributions_meeting.py) with core.registry.combined."""

from .contributions_follow import FOLLOW

CONTRIBUTIONS = FOLLOW
