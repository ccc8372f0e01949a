"""The administrators' pages and the JSON API: what they add to the platform. The administrators' Language link,
the API's check and expand operations, and what the authorisation matrix must cover."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, NavigationItem
from alongside.partners.models import Role


def _admin(request) -> bool:
    return Role.ADMIN in request.roles


ADMIN = Contributions(
    navigation=(NavigationItem("Language", 24, lambda request: reverse("language:home"), _admin),),
    api_routers=("alongside.language.api.router",),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "language:home",
            "language:area",
            "language:new_local_term",
            "language:edit_local_term",
            "language:remove_local_term",
            "language:hope_list",
            "language:term",
            "language:new_term",
            "language:reword",
            "language:switch",
            "api:check_language",
            "api:expand_language",
        ),
    ),
)
