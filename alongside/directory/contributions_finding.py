"""The finding part of the directory: the "Find a service" link for staff, volunteers and coordinators (the search
itself is open to anyone, linked from every page's footer), and the demo's directory of services."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, NavigationItem

from .finding_demo_step import DirectoryStep

# Who has "Find a service" in their menu: staff, volunteers and coordinators, and those who keep the directory.
SEARCHERS = frozenset(
    {"clinician", "social_worker", "gp", "spa_triage", "team_leader", "coordinator", "volunteer", "directory_editor"}
)

FINDING = Contributions(
    navigation=(
        NavigationItem(
            "Find a service",
            58,
            lambda request: reverse("directory:find"),
            lambda request: bool(SEARCHERS & getattr(request, "roles", set())),
        ),
    ),
    demo_steps=(DemoStep("directory of services", 70, DirectoryStep),),
    authorisation=AuthorisationCoverage(
        endpoints=("directory:find", "directory:find_service"),
        states=("open service", "retired service"),
    ),
)
