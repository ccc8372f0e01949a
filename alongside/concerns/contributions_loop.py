"""The loop back to the volunteer: what it adds to the platform. The volunteer's home-page panel of what happened
to their concerns, the "Open loops" link for a hub's coordinators, the hourly overdue reminder, the demo's
concerns in every state, a concern as the start of a referral to a community service (whose news goes back to
the volunteer), and its rows of the authorisation matrix."""

from django.urls import reverse

from alongside.core.registry import (
    AuthorisationCoverage,
    Contributions,
    DemoStep,
    HomePanel,
    NavigationItem,
    ReferralStart,
    ScheduledTask,
)
from alongside.people.access import coordinated_hub_ids

from . import actions_loop, loop_queries, panels_loop
from .demo_loop import LoopStep
from .tasks_loop import schedule_overdue_reminders

LOOP = Contributions(
    home_panels=(
        HomePanel("volunteer_concerns", 22, "concerns/loop/home/volunteer.jinja", panels_loop.volunteer_concerns),
    ),
    navigation=(
        NavigationItem(
            "Open loops",
            33,
            lambda request: reverse("concerns:open_loops"),
            lambda r: bool(getattr(r, "memberships", ())) and bool(coordinated_hub_ids(r)),
        ),
    ),
    referral_starts=(
        ReferralStart(
            "concern",
            loop_queries.start_shown,
            actions_loop.referral_heard,
            loop_queries.start_page,
            examples=loop_queries.demo_examples,
        ),
    ),
    tasks=(ScheduledTask("hourly reminders of overdue concerns", schedule_overdue_reminders),),
    demo_steps=(DemoStep("concerns: the loop closed", 62, LoopStep),),
    authorisation=AuthorisationCoverage(
        endpoints=("concerns:loop_answer", "concerns:what_happened", "concerns:open_loops"),
        states=(
            "open health worry",
            "open social worry",
            "closed with good news",
            "raised before the allocation ended",
        ),
    ),
)
