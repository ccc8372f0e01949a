"""What plans contribute: the care and support plan's section on the person page, after the person's own story;
the joint crisis plan first on the page while the person is in crisis; the person's goals for goal-based
outcomes."""

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, PersonSection
from alongside.people.contributions import PERSON_STATES

from . import queries, sections
from .demo_step import PlansStep

CONTRIBUTIONS = Contributions(
    person_sections=(
        # after the person's own words and "About you" (40), before the people around them (44): the person's own
        # words keep their place first, and the plan's "what matters" and strengths start from them
        PersonSection("plan", 42, "plans/sections/plan.jinja", sections.plan),
        # before everything else (the lowest order on the page): in a crisis, what to do comes first
        PersonSection("crisis", 1, "plans/sections/crisis.jinja", sections.crisis),
    ),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "plans:plan",
            "plans:version",
            "plans:edit",
            "plans:document",
            "plans:document_version",
            "plans:document_print",
            "plans:document_edit",
            "plans:crisis_flag",
            "plans:crisis_end",
        ),
        states=PERSON_STATES,
    ),
    person_goals=(queries.person_goals,),
    demo_steps=(DemoStep("plans", 30, PlansStep),),
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
