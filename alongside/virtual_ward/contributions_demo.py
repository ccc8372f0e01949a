"""The virtual ward's part in the demo borough: a 20-bed ward with a year of episodes and today's board."""

from alongside.core.registry import Contributions, DemoStep

from .demo_step import WardStep

# After every other step (the latest is at 90): it writes only the ward's own tables and the caseload of the
# people on the ward today, so the other steps' data stay as they were.
PART = Contributions(demo_steps=(DemoStep("virtual ward", 95, WardStep),))
