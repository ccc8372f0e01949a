"""What climate adds to the platform (issue 18): the pulse on each team's page and an invitation on the home page
for members who have not answered this month, the demo borough's six months of pulses, and what the authorisation
matrix must cover."""

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, HomePanel, TeamPanel

from .demo_step import ClimateStep
from .panels import home_panel, team_panel

CONTRIBUTIONS = Contributions(
    team_panels=(TeamPanel("climate", 20, "climate/panel.jinja", team_panel),),
    home_panels=(HomePanel("climate_pulse", 86, "climate/home/pulse.jinja", home_panel),),
    demo_steps=(DemoStep("climate", 102, ClimateStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "climate:team",
            "climate:answer",
            "climate:questions",
            "climate:plan",
            "climate:record",
            "climate:change",
            "climate:cancel",
        ),
        states=("own team", "other team"),
    ),
)
