"""What standards adds to the platform (issue 18): its part of a team's page, the challenges waiting on a team
leader's home page, a header link to the partnership's view for those who see it, the demo's two quarters of
ratings, and what the authorisation matrix must cover."""

from django.urls import reverse

from alongside.core.registry import (
    AuthorisationCoverage,
    Contributions,
    DemoStep,
    HomePanel,
    NavigationItem,
    TeamPanel,
)
from alongside.partners.roles import sees_partnership

from . import panels
from .demo_step import StandardsStep

CONTRIBUTIONS = Contributions(
    team_panels=(TeamPanel("standards", 10, "standards/panels/team.jinja", panels.team),),
    home_panels=(HomePanel("standards_challenges", 55, "standards/panels/home.jinja", panels.home),),
    navigation=(NavigationItem("Standards", 80, lambda request: reverse("standards:partnership"), sees_partnership),),
    demo_steps=(DemoStep("standards", 100, StandardsStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "standards:team",
            "standards:rate",
            "standards:share",
            "standards:invite",
            "standards:history",
            "standards:answer",
            "standards:partnership",
            "standards:new_set",
            "standards:link",
            "standards:link_page",
        ),
        states=(
            "own team",
            "other team",
            "link good",
            "link expired",
            "link after its cycle closed",
            "link tampered",
        ),
    ),
)
