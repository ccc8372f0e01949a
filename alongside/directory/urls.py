"""The directory's pages, from its parts (urls_listings.py, urls_finding.py, urls_standards.py)."""

from .urls_finding import urlpatterns as finding
from .urls_listings import urlpatterns as listings
from .urls_referring import urlpatterns as referring
from .urls_reports import urlpatterns as reports
from .urls_standards import urlpatterns as standards

app_name = "directory"

urlpatterns = [*listings, *finding, *standards, *referring, *reports]
