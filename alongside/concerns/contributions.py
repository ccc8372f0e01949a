"""What concerns contributes, from its parts: raising and routing (contributions_raising.py), the loop back to the
volunteer (contributions_loop.py), and concerns routed to the MDT as an agenda source (contributions_mdt.py)."""

from alongside.core.registry import combined

from .contributions_loop import LOOP
from .contributions_mdt import MDT
from .contributions_raising import RAISING

CONTRIBUTIONS = combined(RAISING, LOOP, MDT)
