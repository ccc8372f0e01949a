"""The finding part of the directory: what it adds to the platform (pages, panels, navigation, API, tasks, demo)."""

from alongside.core.registry import Contributions

FINDING = Contributions()
