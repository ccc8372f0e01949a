"""What concerns contributes, from its two parts: raising and routing (contributions_raising.py), and the loop
back to the volunteer (contributions_loop.py)."""

from alongside.core.registry import combined

from .contributions_loop import LOOP
from .contributions_raising import RAISING

CONTRIBUTIONS = combined(RAISING, LOOP)
