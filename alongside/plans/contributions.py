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

# The plan's JSON API (api.py): its operations, and the authorisation matrix to cover those about a person.
from alongside.core.registry import combined  # noqa: E402

CONTRIBUTIONS = combined(
    CONTRIBUTIONS,
    Contributions(
        api_routers=("alongside.plans.api.router",),
        authorisation=AuthorisationCoverage(
            endpoints=("api:person_plan", "api:person_plan_versions", "api:write_person_plan")
        ),
    ),
)
