"""What continuity contributes: the person page's continuity section, the caseload and appointments panel of the
home page, the continuity and booking links for team leaders, the nightly refresh of continuity priorities, and the
demo borough's contacts, continuity facts and week of appointments."""

from django.urls import reverse

from alongside.core.registry import (
    AgendaSource,
    AuthorisationCoverage,
    Contributions,
    DemoStep,
    HomePanel,
    NavigationItem,
    PersonSection,
    ScheduledTask,
)
from alongside.partners.models import Role
from alongside.people.contributions import PERSON_STATES

from . import actions, mdt_source, panels, queries, sections
from .demo_step import PERSON_TABLES, ContinuityStep
from .tasks import schedule_dashboard_figures, schedule_priority_refresh


def _team_leader(request) -> bool:
    return Role.TEAM_LEADER in request.roles


CONTRIBUTIONS = Contributions(
    person_sections=(
        PersonSection("continuity", 60, "continuity/sections/continuity.jinja", sections.continuity),
        PersonSection("visit_times", 36, "continuity/sections/visit_times.jinja", sections.visit_times),
    ),
    home_panels=(
        HomePanel("caseload", 5, "continuity/home/caseload.jinja", panels.caseload),
        HomePanel("team_leader", 6, "continuity/home/team_leader.jinja", panels.team_leader),
        HomePanel("own_appointment", 82, "continuity/home/own_appointment.jinja", panels.own_appointment),
        # after the person record's "What you have asked for" (84), under its heading
        HomePanel("own_change_requests", 85, "continuity/home/own_change_requests.jinja", panels.own_change_requests),
    ),
    navigation=(
        NavigationItem("Continuity", 40, lambda request: reverse("continuity:dashboard"), _team_leader),
        NavigationItem("Booking", 41, lambda request: reverse("continuity:booking"), _team_leader),
    ),
    tasks=(
        ScheduledTask("nightly refresh of continuity priorities", schedule_priority_refresh),
        ScheduledTask("nightly continuity dashboard figures", schedule_dashboard_figures),
    ),
    crisis_known=(queries.recent_crisis,),
    agenda_sources=(AgendaSource("continuity", "Continuity matters and is low", mdt_source.suggest),),
    contact_taken_part=(queries.contact_taken_part,),
    contact_recorders=(actions.record_contact_from_elsewhere,),
    demo_steps=(DemoStep("continuity", 20, ContinuityStep, tables=PERSON_TABLES),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "continuity:new_contact",
            "continuity:edit_facts",
            "continuity:ask_for_change",
            "continuity:change_requests",
            "continuity:answer_change",
            "continuity:dashboard",
            "continuity:person_measures",
            "continuity:review_named_worker",
            "continuity:booking",
            "continuity:book_week",
            "continuity:ask_for_session",
            "continuity:new_session",
            "continuity:new_appointment",
            "continuity:cancel_appointment",
            "continuity:caseload",
            "continuity:edit_visit_times",
        ),
        states=PERSON_STATES,
    ),
)
