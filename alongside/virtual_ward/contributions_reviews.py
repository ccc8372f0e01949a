"""What the virtual ward's reviews part adds to the platform: reviews with observations and their NEWS2, the
escalation prompt and the trend chart, the observations API, and the endpoints the authorisation matrix covers."""

from alongside.core.registry import AuthorisationCoverage, Contributions

PART = Contributions(
    api_routers=("alongside.virtual_ward.api_reviews.router",),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "virtual_ward:reviews",
            "virtual_ward:review_new",
            "api:record_observations",
            "api:list_observations",
        ),
        states=("open episode", "ended episode", "care kept from the ward's organisation"),
    ),
)
