"""What the team's outcomes and the outcomes API contribute (joined into contributions.py): the API's operations,
the team outcomes page in the header for team leaders, and the API operations about a person for the authorisation
matrix to cover (their rows: tests/authorisation_api.py)."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, NavigationItem
from alongside.partners.models import Role
from alongside.people.contributions import PERSON_STATES


def _team_leader(request) -> bool:
    return Role.TEAM_LEADER in getattr(request, "roles", ())


TEAM_AND_API = Contributions(
    api_routers=("alongside.outcomes.api.router",),
    navigation=(NavigationItem("Team outcomes", 43, lambda request: reverse("outcomes:team"), _team_leader),),
    authorisation=AuthorisationCoverage(
        endpoints=("api:outcome_responses", "api:outcome_response_fhir", "api:record_outcome_response"),
        states=PERSON_STATES,
    ),
)
