"""What supervision adds to the platform (issue 18): its part of a team's page (the next session and, for a
leader, who has had supervision lately), the team figure "Staff with supervision in the last 6 weeks", the demo
borough's six months of supervision, and what the authorisation matrix must cover."""

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, TeamFigure, TeamPanel

from . import panels
from .demo_step import SupervisionStep

CONTRIBUTIONS = Contributions(
    team_panels=(TeamPanel("supervision", 40, "supervision/_team_panel.jinja", panels.team_panel),),
    team_figures=(
        TeamFigure("supervision:last_6_weeks", "Staff with supervision in the last 6 weeks", 40, panels.figure),
    ),
    # after reflection (64) and every step that makes staff: supervision needs only the staff and their teams
    demo_steps=(DemoStep("supervision", 103, SupervisionStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "supervision:team",
            "supervision:coverage",
            "supervision:book",
            "supervision:new_reflective",
            "supervision:reflective",
            "supervision:change_reflective",
            "supervision:session",
            "supervision:record",
            "supervision:move",
        ),
        states=("own team", "other team", "as supervisee", "as supervisor", "not in it"),
    ),
)
