"""Profiles, checks, training and the confidentiality agreement: what they add to the platform. The volunteer's
"Your volunteering profile" and the coordinator's "Volunteers" in the header; their home panels; the daily
reminders before something runs out; the demo's volunteers' profiles; the endpoints the matrix covers."""

from django.urls import reverse

from alongside.core.registry import (
    AuthorisationCoverage,
    Contributions,
    DemoStep,
    HomePanel,
    NavigationItem,
    ScheduledTask,
)

from . import panels_profiles as panels
from . import profiles_queries as queries
from .demo_profiles import ProfilesStep
from .tasks_profiles import schedule_reminders

ENDPOINTS = (
    "volunteers:own_profile",
    "volunteers:edit_own_profile",
    "volunteers:sign_agreement",
    "volunteers:hub_list",
    "volunteers:hub_volunteer",
    "volunteers:new_check",
    "volunteers:new_training",
    "volunteers:new_paper_agreement",
)

PROFILES = Contributions(
    home_panels=(
        HomePanel("volunteer_standing", 8, "volunteers/profiles/home/volunteer.jinja", panels.volunteer),
        HomePanel("volunteers_attention", 9, "volunteers/profiles/home/coordinator.jinja", panels.coordinator),
    ),
    navigation=(
        NavigationItem(
            "Your volunteering profile", 30, lambda request: reverse("volunteers:own_profile"), queries.is_volunteer
        ),
        NavigationItem("Volunteers", 31, lambda request: reverse("volunteers:hub_list"), queries.is_coordinator),
    ),
    tasks=(ScheduledTask("daily reminders before a volunteer's check or course runs out", schedule_reminders),),
    demo_steps=(DemoStep("volunteer profiles", 30, ProfilesStep),),
    authorisation=AuthorisationCoverage(endpoints=ENDPOINTS, states=("volunteer in good standing", "volunteer lapsed")),
)
