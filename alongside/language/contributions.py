"""What plain words and words that carry hope contribute, from its parts (contributions_admin.py: the
administrators' pages and the JSON API)."""

from alongside.core.registry import combined

from .contributions_admin import ADMIN

CONTRIBUTIONS = combined(ADMIN)
