"""The listings part of the directory: what it adds to the platform. "Directory" in the header and a home panel of
listings to check, for those who keep it (coordinators of a volunteer hub and directory editors); the daily
reminder to check listings not checked for 6 months; the endpoints the authorisation matrix covers."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, HomePanel, NavigationItem, ScheduledTask

from . import listings_queries as queries
from . import panels_listings as panels
from .tasks_listings import schedule_check_reminders

ENDPOINTS = (
    "directory:keep",
    "directory:new_organisation",
    "directory:keep_organisation",
    "directory:edit_organisation",
    "directory:new_service",
    "directory:keep_service",
    "directory:edit_service",
    "directory:mark_checked",
    "directory:retire",
    "directory:bring_back",
)

LISTINGS = Contributions(
    home_panels=(HomePanel("directory_to_check", 64, "directory/listings/home/keepers.jinja", panels.keepers),),
    navigation=(NavigationItem("Directory", 35, lambda request: reverse("directory:keep"), queries.is_keeper),),
    tasks=(ScheduledTask("daily reminders to check directory listings", schedule_check_reminders),),
    authorisation=AuthorisationCoverage(endpoints=ENDPOINTS, states=("listing in use", "listing retired")),
)
