"""Asking for a volunteer, matching and allocating: what they add to the platform.

- the person page's "A volunteer" section (who visits them, a request waiting, and asking for one);
- the coordinator's home panel of people waiting, and a link to the queue;
- the JSON API's ranked matches for a person;
- the demo's waiting requests for the coordinator login's hub;
- the pages, declared to the authorisation matrix.
"""

from django.urls import reverse

from alongside.core.registry import (
    AuthorisationCoverage,
    Contributions,
    DemoStep,
    HomePanel,
    NavigationItem,
    PersonSection,
)

from . import panels_matching, sections
from .demo_matching import MatchingStep
from .matching_queries import coordinated_hub_ids

MATCHING = Contributions(
    person_sections=(
        PersonSection("a_volunteer", 70, "volunteers/matching/sections/a_volunteer.jinja", sections.a_volunteer),
    ),
    home_panels=(
        HomePanel("waiting_for_a_volunteer", 62, "volunteers/matching/home/waiting.jinja", panels_matching.waiting),
    ),
    navigation=(
        NavigationItem(
            "Waiting for a volunteer",
            45,
            lambda request: reverse("volunteers:requests"),
            lambda request: bool(coordinated_hub_ids(request)),
        ),
    ),
    api_routers=("alongside.volunteers.api.router",),
    demo_steps=(DemoStep("volunteer requests", 60, MatchingStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "volunteers:ask",
            "volunteers:requests",
            "volunteers:match",
            "volunteers:allocate",
            "volunteers:end_allocation",
            "api:volunteer_matches",
        ),
        states=("asked this hub", "asked another hub", "allocated from this hub", "withdrawn"),
    ),
)
