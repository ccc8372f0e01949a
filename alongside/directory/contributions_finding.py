"""The finding part of the directory: what it adds to the platform (pages, panels, navigation, API, tasks, demo)."""

from alongside.core.registry import Contributions, DemoStep

from .finding_demo_step import DirectoryStep

FINDING = Contributions(
    demo_steps=(DemoStep("directory of services", 70, DirectoryStep),),
)
