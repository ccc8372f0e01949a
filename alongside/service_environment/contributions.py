"""What the service environment audit adds to the platform (issue 18): its part of a team's page, the demo
borough's rounds, and what the authorisation matrix must cover."""

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, TeamPanel

from . import panel
from .demo_step import EnvironmentStep

CONTRIBUTIONS = Contributions(
    team_panels=(TeamPanel("service_environment", 20, "service_environment/panel.jinja", panel.context),),
    demo_steps=(DemoStep("service_environment", 101, EnvironmentStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "service_environment:team",
            "service_environment:open",
            "service_environment:answer",
            "service_environment:links",
            "service_environment:close",
            "service_environment:results",
            "service_environment:say",
            "service_environment:say_page",
            "service_environment:thanks",
        ),
        states=(
            "own team",
            "other team",
            "good link",
            "unknown link",
            "used link",
            "expired link",
            "other team's link",
            "round closed",
        ),
    ),
)
