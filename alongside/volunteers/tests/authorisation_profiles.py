"""Volunteers: rows of the authorisation matrix for the profiles part (see authorisation.py).

The subject is a volunteer (named "Matrix Subject") of a volunteer hub, with a profile, checks, training and the
agreement. By the care model:
- the volunteer reads and changes their own profile, and signs the agreement, and reaches no one else's;
- the coordinators of their hub see them in the hub's list, open their page and record checks, training and a
  paper agreement; a coordinator of another hub finds no such volunteer ("Page not found");
- another volunteer in the same hub, staff who give care, administrators and information governance reviewers
  reach none of it; a visitor is asked to sign in.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from alongside.partners.models import Organisation, Role, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.volunteers.models import Check, Volunteer
from tests.authorisation.machinery import NAME, SIGN_IN, SIGNED_OUT, World, make_user

from .profiles_factories import in_good_standing

PHONE = "01632 960 123"  # the subject's phone: shown only on their own profile and to their hub's coordinators

# kind of user -> (role, which of the world's teams)
USERS = {
    "the volunteer themselves": (Role.VOLUNTEER, "hub"),
    "another volunteer in the hub": (Role.VOLUNTEER, "hub"),
    "hub coordinator": (Role.COORDINATOR, "hub"),
    "other hub coordinator": (Role.COORDINATOR, "other hub"),
    "clinician": (Role.CLINICIAN, "neighbourhood"),
    "admin": (Role.ADMIN, "neighbourhood"),
    "ig reviewer": (Role.IG_REVIEWER, "neighbourhood"),
}
STATES = ["volunteer in good standing", "volunteer lapsed"]


def volunteer_world(state, kind, users, member) -> World:
    voluntary = OrganisationFactory(kind=Organisation.Kind.VOLUNTARY)
    teams = {
        "hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, organisation=voluntary),
        "other hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB),
        "neighbourhood": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
    }
    user = make_user(kind, teams, users, member)
    given, family = NAME.split()
    if kind == "the volunteer themselves":
        subject = user
        subject.first_name, subject.last_name = given, family
        subject.save(update_fields=["first_name", "last_name"])
    else:
        subject = MembershipFactory(
            role=Role.VOLUNTEER, team=teams["hub"], user__first_name=given, user__last_name=family
        ).user
    today = timezone.localdate()
    lapsed = {"dbs": today - timedelta(days=2)} if state == "volunteer lapsed" else {}
    profile = in_good_standing(Volunteer.objects.create(user=subject, phone=PHONE, capacity=3), today, runs_out=lapsed)
    page = reverse("volunteers:hub_volunteer", args=[subject.pk])
    return World(
        user, teams, {"volunteer": subject, "profile": profile}, page=page, listing=f'id="volunteer-{subject.pk}"'
    )


def record_a_check(client, world) -> bool:
    subject = world["volunteer"]
    today = timezone.localdate()
    client.post(
        reverse("volunteers:new_check", args=[subject.pk]),
        {
            "form_key": "6d0c7c3e-4444-4000-8000-000000000001",
            "kind": "reference",
            "done_on_day": str(today.day),
            "done_on_month": str(today.month),
            "done_on_year": str(today.year),
            "expires_on_day": "1",
            "expires_on_month": "1",
            "expires_on_year": str(today.year + 3),
        },
    )
    return Check.objects.filter(volunteer__user=subject, kind="reference", expires_on__year=today.year + 3).exists()


WORLDS = {"volunteer": volunteer_world}
OWN = (200, 302, 403)  # the volunteer's own pages take no id: anyone else sees their own, or is refused
ENDPOINTS = {
    "own profile": {"url": "volunteers:own_profile", "answer": "status"},
    "own profile shows the subject": {
        "url": "volunteers:own_profile",
        "answer": "mentions",
        "mention": PHONE,
        "refused": OWN,
    },
    "change own profile": {"url": "volunteers:edit_own_profile", "answer": "status"},
    "sign the agreement": {"url": "volunteers:sign_agreement", "answer": "status"},
    "hub's volunteers": {"url": "volunteers:hub_list", "answer": "listed"},
    "volunteer's page": {"url": "volunteers:hub_volunteer", "args": ["{volunteer.pk}"]},
    "record a check (form)": {"url": "volunteers:new_check", "args": ["{volunteer.pk}"]},
    "record training (form)": {"url": "volunteers:new_training", "args": ["{volunteer.pk}"]},
    "record a paper agreement (form)": {"url": "volunteers:new_paper_agreement", "args": ["{volunteer.pk}"]},
    "record a check": {"answer": "changed", "change": record_a_check, "url": "volunteers:new_check"},
}
# The volunteer's own name is on every page they see (the header names who is signed in): for them, the
# coordinator's pages about them are checked by status alone.
for _name in ("volunteer's page", "record a check (form)", "record training (form)", "record a paper agreement (form)"):
    ENDPOINTS[f"{_name}, by status"] = ENDPOINTS[_name] | {"answer": "status"}

_PAGES = ("volunteer's page", "record a check (form)", "record training (form)", "record a paper agreement (form)")


def _own(allowed: bool, mentions: bool) -> dict:
    status = 200 if allowed else 403
    return {
        "own profile": status,
        "own profile shows the subject": mentions,
        "change own profile": status,
        "sign the agreement": status,
    }


def _hub(allowed: bool) -> dict:
    return {"hub's volunteers": allowed, **dict.fromkeys(_PAGES, allowed), "record a check": allowed}


ROWS = [
    row
    for state in STATES
    for row in [
        (
            "volunteer",
            state,
            "the volunteer themselves",
            _own(True, True)
            | {"hub's volunteers": False, "record a check": False}
            | {f"{name}, by status": 403 for name in _PAGES},
        ),
        ("volunteer", state, "another volunteer in the hub", _own(True, False) | _hub(False)),
        ("volunteer", state, "hub coordinator", _own(False, False) | _hub(True)),
        ("volunteer", state, "other hub coordinator", _own(False, False) | _hub(False)),
        ("volunteer", state, "clinician", _own(False, False) | _hub(False)),
        ("volunteer", state, "admin", _own(False, False) | _hub(False)),
        ("volunteer", state, "ig reviewer", _own(False, False) | _hub(False)),
        (
            "volunteer",
            state,
            SIGNED_OUT,
            {"own profile": SIGN_IN, "change own profile": SIGN_IN, "sign the agreement": SIGN_IN},
        ),
    ]
]
