"""The standards part of the directory: what it adds to the platform (pages, panels, navigation, API, tasks, demo).

The open data itself (/api/hsds/, urls_hsds.py) is mounted on its own; here, the administrators' page to set
another directory's feed and import it, in their navigation, and what the authorisation matrix must cover."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, NavigationItem
from alongside.partners.models import Role

STANDARDS = Contributions(
    navigation=(
        NavigationItem(
            "Directory feed", 24, lambda request: reverse("directory:feed"), lambda request: Role.ADMIN in request.roles
        ),
    ),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "directory:feed",
            "hsds_root",
            "hsds_services",
            "hsds_service_at_locations",
            "hsds_taxonomies",
            "hsds_taxonomy_terms",
        )
    ),
)
