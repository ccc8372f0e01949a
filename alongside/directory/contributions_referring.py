"""What referring a person to a community service adds: the person page's section, the timeline kind of its
entries, the hourly reminder of referrals with no answer, the demo's referrals in every state, and its rows of the
authorisation matrix."""

from alongside.core.registry import (
    AuthorisationCoverage,
    Contributions,
    DemoStep,
    HomePanel,
    PersonSection,
    ScheduledTask,
    TimelineKind,
)
from alongside.people.contributions import PERSON_STATES
from alongside.people.policy import Category

from . import referring_queries, referring_sections
from .actions_referring import TIMELINE_KIND
from .referring_demo import ReferringStep
from .referring_tasks import schedule_referral_reminders

REFERRING = Contributions(
    person_sections=(
        PersonSection(
            "community_referrals", 46, "directory/referring/section.jinja", referring_sections.community_referrals
        ),
    ),
    timeline_kinds=(TimelineKind(TIMELINE_KIND, "Community referral", Category.CARE.value),),
    home_panels=(
        HomePanel("community_referrals_made", 48, "directory/referring/home.jinja", referring_sections.your_referrals),
    ),
    referral_pages=(referring_queries.referral_page,),
    tasks=(ScheduledTask("hourly reminders of community referrals with no answer", schedule_referral_reminders),),
    # After the directory of services (70) and the concerns (40, 62): it refers people to the one, from the other.
    demo_steps=(DemoStep("referrals to community services", 75, ReferringStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "directory:referring_choose",
            "directory:referring_new",
            "directory:referring_answer",
            "directory:referring_referral",
        ),
        states=(*PERSON_STATES, "good link", "expired link", "used link", "unknown link"),
    ),
)
