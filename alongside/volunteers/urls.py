"""Volunteers' pages, from its two parts (urls_profiles.py and urls_matching.py)."""

from .urls_matching import urlpatterns as matching
from .urls_profiles import urlpatterns as profiles

app_name = "volunteers"

urlpatterns = [*profiles, *matching]
