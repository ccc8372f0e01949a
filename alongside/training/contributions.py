"""What training adds to the platform (issue 18): its part of a team's page and of staff's home page, each team's
share of staff in date with the recovery approach and with safeguarding adults, the demo borough's records, and
what the authorisation matrix must cover. No header link: the home page and the team page reach it."""

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, HomePanel, TeamFigure, TeamPanel

from . import panels
from .demo_step import TrainingStep

CONTRIBUTIONS = Contributions(
    team_panels=(TeamPanel("training", 40, "training/panels/team.jinja", panels.team),),
    home_panels=(HomePanel("training", 90, "training/panels/home.jinja", panels.home),),
    team_figures=(
        TeamFigure("training:recovery_approach", "Staff trained in the recovery approach", 40, panels.recovery_shares),
        TeamFigure("training:safeguarding", "Staff trained in safeguarding adults", 41, panels.safeguarding_shares),
    ),
    demo_steps=(DemoStep("training", 104, TrainingStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "training:mine",
            "training:record_own",
            "training:team",
            "training:record_member",
            "training:member",
            "training:change_record",
            "training:delete_record",
            "training:courses",
            "training:new_course",
            "training:retire_course",
        ),
        states=("own team", "other team"),
    ),
)
