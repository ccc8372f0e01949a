"""Plain words and words that carry hope: its pages, from its parts (urls_admin.py: the administrators' pages)."""

from .urls_admin import urlpatterns as admin

app_name = "language"

urlpatterns = [*admin]
