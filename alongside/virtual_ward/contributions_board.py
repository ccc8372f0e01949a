"""What the virtual ward's board part adds to the platform: the capacity board and a day's visits across the ward
team, the "Virtual ward" header link for its team (from request.memberships: no query) and what the authorisation
matrix must cover."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, NavigationItem

from .queries_board import on_a_ward_team

PART = Contributions(
    navigation=(NavigationItem("Virtual ward", 39, lambda request: reverse("virtual_ward:board"), on_a_ward_team),),
    api_routers=("alongside.virtual_ward.api_board.router",),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "virtual_ward:board",
            "virtual_ward:board_live",
            "virtual_ward:visits",
            "virtual_ward:visit_done",
            "virtual_ward:capacity",
            "api:virtual_ward_board",
        ),
        states=("open",),
    ),
)
