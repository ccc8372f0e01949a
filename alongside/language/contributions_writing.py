"""The pages for writers: what they add to the platform. The link to a team's monthly counts of suggestions shown
and taken, for team leaders, and the pages the authorisation matrix must cover."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, NavigationItem
from alongside.partners.roles import led_team_ids

WRITING = Contributions(
    navigation=(
        NavigationItem(
            "Words we use",
            80,
            lambda request: reverse("language:team_counts"),
            lambda request: bool(getattr(request, "memberships", ())) and bool(led_team_ids(request)),
        ),
    ),
    authorisation=AuthorisationCoverage(endpoints=("language:check", "language:team_counts")),
)
