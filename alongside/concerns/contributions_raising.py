"""Raising and routing concerns: what they add to the platform: the volunteer's start on their home page, the
receiving staff's and the coordinator's panels, the coordinator's links, the concerns API, the demo's routes and two
open concerns, and the endpoints the authorisation matrix covers."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, HomePanel, NavigationItem
from alongside.partners.models import Role

from . import panels_raising
from .demo_raising import RaisingStep

RAISING = Contributions(
    home_panels=(
        HomePanel("concerns_raise", 5, "concerns/raising/home_volunteer.jinja", panels_raising.volunteer),
        HomePanel("concerns_to_act_on", 4, "concerns/raising/home_receiving.jinja", panels_raising.to_act_on),
        HomePanel("concerns_queue", 62, "concerns/raising/home_coordinator.jinja", panels_raising.coordinator),
    ),
    navigation=(
        NavigationItem(
            "Concerns from volunteers",
            33,
            lambda request: reverse("concerns:queue"),
            lambda request: Role.COORDINATOR in request.roles,
        ),
    ),
    api_routers=("alongside.concerns.api.router",),
    demo_steps=(DemoStep("concerns_routes", 40, RaisingStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "concerns:raise",
            "concerns:record",
            "concerns:queue",
            "concerns:my_routes",
            "concerns:routes",
            "concerns:edit_route",
            "concerns:concern",
            "concerns:sent",
            "concerns:reroute",
            "api:list_concerns",
            "api:raise_concern",
            "api:get_concern",
        ),
        states=(
            "open health worry",
            "open social worry",
            "closed with good news",
            "raised before the allocation ended",
        ),
    ),
)
