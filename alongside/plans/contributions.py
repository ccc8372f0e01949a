"""What plans contribute: the care and support plan's section on the person page, after the person's own story."""

from alongside.core.registry import AuthorisationCoverage, Contributions, PersonSection
from alongside.people.contributions import PERSON_STATES

from . import sections

CONTRIBUTIONS = Contributions(
    # after the person's own words and "About you" (40), before the people around them (44): the person's own
    # words keep their place first, and the plan's "what matters" and strengths start from them
    person_sections=(PersonSection("plan", 42, "plans/sections/plan.jinja", sections.plan),),
    authorisation=AuthorisationCoverage(
        endpoints=("plans:plan", "plans:version", "plans:edit"),
        states=PERSON_STATES,
    ),
)
