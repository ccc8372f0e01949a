"""Everything a capability can contribute, in the smallest form that a test can see."""

from datetime import datetime

from django.urls import reverse

from alongside.core.registry import (
    AuthorisationCoverage,
    Contributions,
    HomePanel,
    NavigationItem,
    PersonSection,
    ScheduledTask,
    TimelineKind,
)
from alongside.people.policy import Category

SCHEDULED: list[datetime] = []


def section(request, record):
    return {"shown": sorted(record.shown)} if Category.CARE in record.shown else None


def panel(request):
    return {"greeting": "Hello from the example capability"}


CONTRIBUTIONS = Contributions(
    person_sections=(PersonSection("example", 55, "example_capability/section.jinja", section),),
    home_panels=(HomePanel("example", 5, "example_capability/panel.jinja", panel),),
    navigation=(NavigationItem("Example", 99, lambda request: reverse("about"), lambda request: True),),
    api_routers=("tests.example_capability.api.router",),
    tasks=(ScheduledTask("example", SCHEDULED.append),),
    timeline_kinds=(TimelineKind("example_minutes", "Example minutes", Category.CARE.value),),
    authorisation=AuthorisationCoverage(endpoints=(), states=("example state",)),
)
