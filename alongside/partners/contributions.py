"""What partners contributes: the home page's teams, administration, team-leader and alerts panels, and the
administration links in the header."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, HomePanel, NavigationItem

from . import panels
from .models import Role


def _admin(request) -> bool:
    return Role.ADMIN in request.roles


def _member_not_admin(request) -> bool:
    return bool(request.memberships) and not _admin(request)


def _link(name: str):
    return lambda request: reverse(name)


CONTRIBUTIONS = Contributions(
    home_panels=(
        HomePanel("teams", 10, "partners/home/teams.jinja", panels.teams),
        HomePanel("administration", 40, "partners/home/administration.jinja", panels.administration),
        HomePanel("led_teams", 50, "partners/home/led_teams.jinja", panels.led_teams),
        HomePanel("alerts", 70, "partners/home/alerts.jinja", panels.alerts),
    ),
    navigation=(
        NavigationItem("Organisations", 20, _link("partners:organisations"), _admin),
        NavigationItem("Teams", 21, _link("partners:teams"), _admin),
        NavigationItem("User accounts", 22, _link("partners:user_accounts"), _admin),
        NavigationItem("My teams", 23, _link("partners:my_teams"), _member_not_admin),
    ),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "partners:organisations",
            "partners:teams",
            "partners:user_accounts",
            "partners:my_teams",
            "partners:care_identity",  # issue 19 part D: linking an NHS Care Identity
            "partners:unlink_care_identity",
        ),
    ),
)
