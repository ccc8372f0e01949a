"""What referrals (the single point of access) contributes: the person page's offers of the referrer's words for
the person's story, the triage panel of the home page, the referral links in the header, the referrals API, the
daily triage summary, the demo borough's referrals, and referrals flagged for the MDT as an agenda source."""

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
from alongside.partners.roles import REFERRER_ROLES, is_triage

from . import mdt_source, panels, sections
from .demo_step import ReferralsStep
from .tasks import schedule_daily_summary


def _leads_a_team_but_not_triage(request) -> bool:
    return Role.TEAM_LEADER in request.roles and not is_triage(request)


CONTRIBUTIONS = Contributions(
    person_sections=(
        PersonSection("story_offers", 32, "referrals/sections/story_offers.jinja", sections.story_offers),
        PersonSection("refer", 45, "referrals/sections/refer.jinja", sections.refer),
    ),
    home_panels=(
        HomePanel("referrals_waiting", 60, "referrals/home/waiting.jinja", panels.waiting),
        HomePanel("referrals_for_coordinator", 61, "referrals/home/coordinator.jinja", panels.for_coordinator),
    ),
    navigation=(
        NavigationItem("Referrals", 30, lambda request: reverse("referrals:queue"), is_triage),
        NavigationItem(
            "Referrals for my team", 31, lambda request: reverse("referrals:team"), _leads_a_team_but_not_triage
        ),
        NavigationItem(
            "Referrals for my service",
            32,
            lambda request: reverse("referrals:service"),
            lambda request: Role.COORDINATOR in request.roles,
        ),
        NavigationItem(
            "Referrals I made",
            50,
            lambda request: reverse("referrals:mine"),
            lambda request: bool(request.roles & REFERRER_ROLES),
        ),
    ),
    api_routers=("alongside.referrals.api.router",),
    tasks=(ScheduledTask("daily triage summary", schedule_daily_summary),),
    demo_steps=(DemoStep("referrals", 10, ReferralsStep),),
    agenda_sources=(
        AgendaSource("referral", "Referrals to discuss", mdt_source.suggest, answered=mdt_source.answered),
    ),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "referrals:queue",
            "referrals:mine",
            "referrals:team",
            "referrals:new",
            "referrals:referral",
            "referrals:edit_draft",
            "referrals:confirm_person",
            "referrals:decision",
            "referrals:allocate",
            "referrals:close",
            "referrals:mdt_flag",
            "referrals:answer",
            "referrals:service",
            "referrals:story_offer",
            "api:get_referral",
        ),
        states=(
            "received, by another",
            "received, by me",
            "triaged",
            "accepted",
            "allocated",
            "draft, by me",
            "draft, by another",
            "redirected to a partner",
        ),
    ),
)
