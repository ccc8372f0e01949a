"""What the directory of community services contributes. Its parts add their pages, panels, API and tasks here."""

from alongside.core.registry import Contributions

CONTRIBUTIONS = Contributions()
