"""What narratives adds to the platform (issue 18): its panel on a team's page, "Your stories" on the home page of
someone supported, the demo borough's stories, and what the authorisation matrix must cover."""

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, HomePanel, TeamPanel
from alongside.partners.models import PERSON_ROLE

from . import queries
from .demo_step import NarrativesStep


def own_stories(request) -> dict | None:
    """For someone supported (or their proxy) signed in: the stories they told, if any. One query."""
    if PERSON_ROLE not in request.roles:
        return None
    told = queries.told_by(request)
    return {"told": told} if told else None


CONTRIBUTIONS = Contributions(
    team_panels=(TeamPanel("narratives", 60, "narratives/panel.jinja", queries.panel),),
    home_panels=(HomePanel("own_stories", 84, "narratives/home.jinja", own_stories),),
    demo_steps=(DemoStep("narratives", 105, NarrativesStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "narratives:yours",
            "narratives:withdraw_by_code",
            "narratives:public",
            "narratives:team",
            "narratives:record",
            "narratives:session_new",
            "narratives:story",
            "narratives:check_safe",
            "narratives:prepare",
            "narratives:withdraw",
            "narratives:session",
        ),
        states=(
            "own team",
            "other team",
            "teller",
            "recorder",
            "team learning only",
            "partnership",
            "public",
            "withdrawn",
            "waiting for a check",
            "waiting for a check, written down by the user",
            "waiting for a check, other team",
        ),
    ),
)
