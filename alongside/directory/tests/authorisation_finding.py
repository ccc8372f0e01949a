"""The finding part's rows of the authorisation matrix (see tests/authorisation/machinery.py).

Finding who can help is open to everyone: staff, volunteers and coordinators signed in, people supported and their
proxies, and anyone not signed in. A service's page answers for an open service only: a retired one is answered
404 for everyone, like a page that does not exist. The answers are statuses."""

from django.utils import timezone

from alongside.directory.models import Organisation, Service
from alongside.partners.tests.factories import TeamFactory
from tests.authorisation.machinery import SIGNED_OUT, World, make_user

SUBJECT = "directory service"
KINDS = [
    "clinician",
    "social_worker",
    "gp",
    "spa_triage",
    "team_leader",
    "coordinator",
    "volunteer",
    "directory_editor",
    "ig_reviewer",
    "admin",
    "person",
    SIGNED_OUT,
]

USERS: dict = {}
ENDPOINTS = {
    "find a service": {"url": "directory:find", "answer": "status", "query": {"words": "lunch"}},
    "a service as searchers see it": {
        "url": "directory:find_service",
        "args": ["{service.pk}"],
        "answer": "status",
    },
}


def service_world(state, kind, users, member) -> World:
    """A lunch club, open or retired."""
    teams = {"own": TeamFactory(name="Riverside")}
    user = make_user(kind, teams, users, member)
    organisation = Organisation.objects.create(name="Riverside Trust", description="A charity")
    service = Service.objects.create(
        organisation=organisation,
        name="Lunch club",
        description="A hot lunch",
        retired_at=timezone.now() if state == "retired service" else None,
    )
    return World(user, teams, {"service": service})


WORLDS = {SUBJECT: service_world}
ROWS = [
    *((SUBJECT, "open service", kind, {"find a service": 200, "a service as searchers see it": 200}) for kind in KINDS),
    *(
        (SUBJECT, "retired service", kind, {"find a service": 200, "a service as searchers see it": 404})
        for kind in KINDS
    ),
]
