"""What plans contribute: the care and support plan's section on the person page, after the person's own story."""

from alongside.core.registry import AuthorisationCoverage, Contributions, PersonSection
from alongside.people.contributions import PERSON_STATES

from . import sections

CONTRIBUTIONS = Contributions(
    # after "My strengths" (30), before the facts about the person
    person_sections=(PersonSection("plan", 35, "plans/sections/plan.jinja", sections.plan),),
    authorisation=AuthorisationCoverage(
        endpoints=("plans:plan", "plans:version", "plans:edit"),
        states=PERSON_STATES,
    ),
)
