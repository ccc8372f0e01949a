"""After the meeting: what it adds to the platform. The owner's "Actions from MDT meetings" home panel, the hourly
reminder of overdue actions, the MDT API, an MDT action as the start of a referral to a community service, the
demo borough's MDTs, and the endpoints the authorisation matrix covers. The lead joins it with the meeting part
(contributions_meeting.py) in contributions.py."""

from alongside.core.registry import (
    AuthorisationCoverage,
    Contributions,
    DemoStep,
    HomePanel,
    ReferralStart,
    ScheduledTask,
)

from . import actions_follow, panels, queries_follow
from .demo_step import MdtStep
from .tasks import schedule_action_reminders

FOLLOW = Contributions(
    home_panels=(HomePanel("mdt_actions", 7, "mdt/follow/home_actions.jinja", panels.my_actions),),
    api_routers=("alongside.mdt.api.router",),
    tasks=(ScheduledTask("hourly reminders of overdue MDT actions", schedule_action_reminders),),
    referral_starts=(
        ReferralStart(
            "mdt_action",
            queries_follow.start_shown,
            actions_follow.referral_heard,
            queries_follow.start_page,
            examples=queries_follow.demo_examples,
        ),
    ),
    # after continuity (20) and the concerns loop (62), whose people the agendas draw on; before referrals to community
    # services (75), which may start from an open action
    demo_steps=(DemoStep("mdt meetings", 68, MdtStep),),
    authorisation=AuthorisationCoverage(
        endpoints=("mdt:follow_action_done", "api:mdt_meetings", "api:mdt_meeting"),
        states=("open action", "overdue action", "done action", "action from a concern"),
    ),
)
