"""The listings part's rows of the authorisation matrix (see tests/authorisation/machinery.py).

The subject is a listing: an organisation named "Matrix Subject" with one service, in use or retired. By the care
model, the directory is kept by the community coordinators of a volunteer hub (they know the community services
their volunteers and the people they support use) and by directory editors, in any team, whose work it is. They
see every listing, retired ones too, add, change, check, retire and bring back, and choose who keeps each (among
the keepers of their own partner organisation).

Nobody else keeps it: not staff who give care (they search it: the finding part), not volunteers, not a
coordinator outside a volunteer hub, not administrators (they manage accounts, teams and the imported feed, not
what a service says: an administrator who keeps the directory is given the editor role), not information
governance reviewers, not the person supported or a proxy (they may use the public search). A visitor is asked to
sign in.
"""

import uuid

from django.urls import reverse
from django.utils import timezone

from alongside.directory.models import Organisation, Service
from alongside.partners.models import Role, Team
from alongside.partners.tests.factories import TeamFactory
from tests.authorisation.machinery import NAME, SIGN_IN, SIGNED_OUT, World, make_user

# kind of user -> (role, which of the world's teams)
USERS = {
    "hub coordinator": (Role.COORDINATOR, "hub"),
    "directory editor": (Role.DIRECTORY_EDITOR, "neighbourhood"),
    "coordinator outside a hub": (Role.COORDINATOR, "neighbourhood"),
    "hub volunteer": (Role.VOLUNTEER, "hub"),
    "staff clinician": (Role.CLINICIAN, "neighbourhood"),
    "administrator": (Role.ADMIN, "neighbourhood"),
    "governance reviewer": (Role.IG_REVIEWER, "neighbourhood"),
}
STATES = ["listing in use", "listing retired"]


def listing_world(state, kind, users, member) -> World:
    teams = {
        "hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB),
        "neighbourhood": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
    }
    user = make_user(kind, teams, users, member)
    retired = timezone.now() if state == "listing retired" else None
    organisation = Organisation.objects.create(name=NAME, description="Matrix organisation", retired_at=retired)
    service = Service.objects.create(organisation=organisation, name=f"{NAME} service", retired_at=retired)
    page = reverse("directory:keep_service", args=[service.pk])
    return World(
        user,
        teams,
        {"organisation": organisation, "service": service, "show": "retired" if retired else ""},
        page=page,
        listing=f'id="service-{service.pk}"',
    )


def mark_checked(client, world) -> bool:
    service = world["service"]
    client.post(reverse("directory:mark_checked", args=["service", service.pk]))
    return Service.objects.get(pk=service.pk).checked_on == timezone.localdate()


def retire_or_bring_back(client, world) -> bool:
    """Retire the listing in use, or bring back the retired one: did its state change?"""
    organisation = world["organisation"]
    url = "directory:bring_back" if organisation.retired_at else "directory:retire"
    client.post(reverse(url, args=["organisation", organisation.pk]), {"reason": "Matrix"})
    return (Organisation.objects.get(pk=organisation.pk).retired_at is None) == (organisation.retired_at is not None)


def add_an_organisation(client, world) -> bool:
    client.post(
        reverse("directory:new_organisation"),
        {"form_key": str(uuid.uuid4()), "name": "Matrix added", "description": "Added by the matrix"},
    )
    return Organisation.objects.filter(name="Matrix added").exists()


def change_the_service(client, world) -> bool:
    service = world["service"]
    client.post(
        reverse("directory:edit_service", args=[service.pk]),
        {"version": "1", "name": "Matrix changed", "status": "active", "cost": "free"},
    )
    return Service.objects.get(pk=service.pk).name == "Matrix changed"


def choose_the_keeper(client, world) -> bool:
    """Name oneself as the service's keeper (a keeper may choose any keeper of their own organisation)."""
    service = world["service"]
    user_id = getattr(world.user, "pk", None)
    version = Service.objects.get(pk=service.pk).version
    client.post(
        reverse("directory:choose_keeper", args=["service", service.pk]), {"version": version, "keeper": user_id or ""}
    )
    return user_id is not None and Service.objects.get(pk=service.pk).editor_id == user_id


WORLDS = {"listing": listing_world}
SUBJECTS = {
    "listing": lambda: Service.objects.create(
        organisation=Organisation.objects.create(name="Other", description="x"), name="Other service"
    )
}
REFUSED = (403, 404)
ENDPOINTS = {
    "keep the directory": {"url": "directory:keep", "answer": "listed", "query": {"show": "{show}"}},
    "keep the directory, by status": {"url": "directory:keep", "answer": "status"},
    "a service for keepers": {"url": "directory:keep_service", "args": ["{service.pk}"], "refused": REFUSED},
    "an organisation for keepers": {
        "url": "directory:keep_organisation",
        "args": ["{organisation.pk}"],
        "refused": REFUSED,
    },
    "add an organisation (form)": {"url": "directory:new_organisation", "refused": REFUSED},
    "add a service (form)": {"url": "directory:new_service", "refused": REFUSED},
    "change an organisation (form)": {
        "url": "directory:edit_organisation",
        "args": ["{organisation.pk}"],
        "refused": REFUSED,
    },
    "change a service (form)": {"url": "directory:edit_service", "args": ["{service.pk}"], "refused": REFUSED},
    "retire (confirmation)": {"url": "directory:retire", "args": ["service", "{service.pk}"], "refused": REFUSED},
    "mark as checked": {"answer": "changed", "change": mark_checked, "url": "directory:mark_checked"},
    "retire or bring back": {"answer": "changed", "change": retire_or_bring_back, "url": "directory:bring_back"},
    "add an organisation": {"answer": "changed", "change": add_an_organisation, "url": "directory:new_organisation"},
    "change a service": {"answer": "changed", "change": change_the_service, "url": "directory:edit_service"},
    "choose who keeps it (form)": {
        "url": "directory:choose_keeper",
        "args": ["service", "{service.pk}"],
        "refused": REFUSED,
    },
    "choose who keeps it": {"answer": "changed", "change": choose_the_keeper, "url": "directory:choose_keeper"},
}
PAGES = [
    name for name, endpoint in ENDPOINTS.items() if endpoint.get("answer", "shown") in ("shown", "listed", "changed")
]


def _keeps(allowed: bool) -> dict:
    return dict.fromkeys(PAGES, allowed) | {"keep the directory, by status": 200 if allowed else 403}


ROWS = [
    row
    for state in STATES
    for row in [
        ("listing", state, "hub coordinator", _keeps(True)),
        ("listing", state, "directory editor", _keeps(True)),
        ("listing", state, "coordinator outside a hub", _keeps(False)),
        ("listing", state, "hub volunteer", _keeps(False)),
        ("listing", state, "staff clinician", _keeps(False)),
        ("listing", state, "administrator", _keeps(False)),
        ("listing", state, "governance reviewer", _keeps(False)),
        ("listing", state, "person", _keeps(False)),
        ("listing", state, SIGNED_OUT, {"keep the directory, by status": SIGN_IN}),
    ]
]
