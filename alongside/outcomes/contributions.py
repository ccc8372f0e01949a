"""What outcome measures contribute: the person's outcomes on their page and home page, the questionnaires, the
team's outcomes, the API, and the demo borough's responses."""

from alongside.core.registry import (
    AuthorisationCoverage,
    Contributions,
    DemoStep,
    HomePanel,
    PersonSection,
    ScheduledTask,
    combined,
)
from alongside.people.contributions import PERSON_STATES

from . import sections
from .demo_step import PERSON_TABLES, OutcomesStep
from .tasks import schedule_link_draft_clear_up
from .team_contributions import TEAM_AND_API

PAGES = Contributions(
    # after the plan (42) and the people around them (44): how the person says they are doing
    person_sections=(PersonSection("outcomes", 46, "outcomes/sections/outcomes.jinja", sections.outcomes),),
    home_panels=(HomePanel("own_questionnaires", 83, "outcomes/home/questionnaires.jinja", sections.questionnaires),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "outcomes:trend",
            "outcomes:choose",
            "outcomes:question",
            "outcomes:check",
            "outcomes:send",
            "outcomes:link",
            "outcomes:link_start",
            "outcomes:link_question",
            "outcomes:link_check",
        ),
        states=PERSON_STATES,
    ),
    # responses for about a fifth of people, written with them; goal ratings at the end, from any plans with goals
    demo_steps=(DemoStep("outcomes", 70, OutcomesStep, tables=PERSON_TABLES),),
    tasks=(ScheduledTask("nightly clear-up of answers kept from lapsed links", schedule_link_draft_clear_up),),
)

CONTRIBUTIONS = combined(PAGES, TEAM_AND_API)
