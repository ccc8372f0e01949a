"""Plain words and words that carry hope: its pages, from its parts (urls_admin.py: the administrators' pages;
urls_writing.py: the pages for writers)."""

from .urls_admin import urlpatterns as admin
from .urls_writing import urlpatterns as writing

app_name = "language"

urlpatterns = [*admin, *writing]
