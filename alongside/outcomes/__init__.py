"""Outcomes: the care model's "recovery outcomes measured routinely" (issue 15). This first part holds the
instruments as data (`instruments.py` and the files under `definitions/`), pure scoring (`scoring.py`) and the trend
chart (`charts.py`, ADR 28); it has no models or pages yet and is not in INSTALLED_APPS. See
docs/guides/outcome-measures-format.md."""
