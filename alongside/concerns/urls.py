"""Concerns' pages, from its two parts (urls_raising.py and urls_loop.py)."""

from .urls_loop import urlpatterns as loop
from .urls_raising import urlpatterns as raising

app_name = "concerns"

urlpatterns = [*raising, *loop]
