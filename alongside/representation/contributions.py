"""What representation adds to the platform (issue 18): a team page panel (the next event and who goes), a home
panel for those going to an event, the demo's events and rotas, and what the authorisation matrix must cover."""

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, HomePanel, TeamPanel

from .demo_step import RepresentationStep
from .panels import home_panel, team_panel

CONTRIBUTIONS = Contributions(
    team_panels=(TeamPanel("representation", 60, "representation/panels/team.jinja", team_panel),),
    home_panels=(HomePanel("representation", 72, "representation/panels/home.jinja", home_panel),),
    demo_steps=(DemoStep("representation", 106, RepresentationStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "representation:events",
            "representation:add_event",
            "representation:edit_event",
            "representation:cancel_event",
            "representation:team",
            "representation:choose",
            "representation:attendance",
            "representation:note",
            "representation:cannot_go",
        ),
        states=("own team", "other team"),
    ),
)
