"""What plain words and words that carry hope contribute, from its parts (contributions_admin.py: the
administrators' pages and the JSON API; contributions_writing.py: the pages for writers)."""

from alongside.core.registry import combined

from .contributions_admin import ADMIN
from .contributions_writing import WRITING

CONTRIBUTIONS = combined(ADMIN, WRITING)
