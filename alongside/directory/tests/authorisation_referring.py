"""The referring part's rows of the authorisation matrix (see tests/authorisation/machinery.py).

Referring a person to a community service is for staff who may write the person's record (a care role and a part
in their care): everyone else, volunteers, the person and their proxy included, is answered 404 like a missing
person. The service's answer page needs no account: anyone holding a good link may answer that one referral; an
expired, used or unknown link answers 404 the same for everyone. A referral's own page is for its referrer and for
staff who may write the person's record. A referral may also start from a volunteer's
concern, for whoever may answer it."""

import uuid
from datetime import timedelta

from django.utils import timezone

from alongside.core.tests.requests import acting_as
from alongside.directory import actions_referring
from alongside.directory.referring_models import CommunityReferral
from alongside.directory.referring_queries import token_for
from alongside.directory.tests.finding_factories import make_service
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people.contributions import PERSON_STATES
from alongside.people.tests.factories import PersonFactory, make_named_worker
from tests.authorisation.machinery import SIGNED_OUT, World, make_user

USERS: dict = {}
ENDPOINTS = {
    "choose a community service": {"url": "directory:referring_choose", "args": ["{person.pk}"]},
    "refer to a community service": {
        "url": "directory:referring_new",
        "args": ["{person.pk}", "{referable_service.pk}"],
    },
    "answer a community referral": {"url": "directory:referring_answer", "args": ["{token}"], "answer": "status"},
    "open a community referral": {"url": "directory:referring_referral", "args": ["{community_referral.pk}"]},
    "refer from a volunteer's concern": {
        "url": "directory:referring_choose",
        "args": ["{person.pk}"],
        "query": {"from": "concern:{concern.pk}"},
    },
}


def someone_elses_referral(world) -> CommunityReferral:
    """A referral of the world's person made by a clinician in another team (not the user)."""
    referrer = MembershipFactory(role="clinician", team=TeamFactory(name="Elsewhere")).user
    key = uuid.uuid4()
    return CommunityReferral.objects.create(
        person=world["person"],
        service=make_service("Befriending", "Weekly visits"),
        referred_by=referrer,
        what_would_help="Company",
        agreed_on=timezone.localdate(),
        agreement_recorded_by=referrer,
        token_hash=CommunityReferral.hash(token_for(key)),
        expires_at=timezone.now() + timedelta(days=14),
        form_key=key,
        site="http://testserver",
    )


MAKERS = {
    "referable_service": lambda world: make_service("Befriending", "Weekly visits"),
    "community_referral": someone_elses_referral,
}

ALL = [r.value for r in Role] + ["person"]
OK, NO = True, False
WRITERS = {"named worker", "own team caseload", "care team member"}


def person_expected(state: str, user: str) -> dict:
    may = state in WRITERS and user in CARE_ROLES
    return {"choose a community service": may, "refer to a community service": may, "open a community referral": may}


SUBJECT = "community referral link"
LINK_STATES = ("good link", "expired link", "used link", "unknown link")


def link_world(state, kind, users, member) -> World:
    """A referral sent to a service, its link good, expired, used up, or one that was never sent."""
    teams = {"own": TeamFactory(name="Riverside")}
    user = make_user(kind, teams, users, member)
    referrer = MembershipFactory(role="clinician", team=teams["own"]).user
    person = PersonFactory(given_name="Matrix", family_name="Subject")
    make_named_worker(person, referrer)
    service = make_service("Befriending", "Weekly visits")
    referral = actions_referring.send(
        acting_as(referrer),
        person.pk,
        actions_referring.Referring(service.pk, "Company", ("name",), True, uuid.uuid4()),
    )
    token = token_for(referral.form_key)
    if state == "expired link":
        CommunityReferral.objects.filter(pk=referral.pk).update(expires_at=timezone.now())
    elif state == "used link":
        CommunityReferral.objects.filter(pk=referral.pk).update(status="outcome", outcome="Joined")
    elif state == "unknown link":
        token = "x" * 43
    return World(user, teams, {"token": token})


WORLDS = {SUBJECT: link_world}

# A referral from a volunteer's concern (the concerns app builds the concern's world: alongside/concerns/tests/
# worlds.py): whoever may answer the concern may refer from it, staff caring for the person and the coordinators of
# the hub it came through (who read none of the record), in every state of the concern; nobody else.
CONCERN_STATES = (
    "open health worry",
    "open social worry",
    "closed with good news",
    "raised before the allocation ended",
)
CONCERN_USERS = (
    "raising volunteer",
    "another volunteer",
    "hub coordinator",
    "other hub coordinator",
    "named worker",
    "neighbourhood team leader",
    "other clinician",
    "ig reviewer",
    "admin",
)
REFER_FROM_A_CONCERN = {"hub coordinator", "named worker", "neighbourhood team leader"}
ROWS = [
    *(("person", state, user, person_expected(state, user)) for state in PERSON_STATES for user in ALL),
    *(
        (SUBJECT, state, kind, {"answer a community referral": 200 if state == "good link" else 404})
        for state in LINK_STATES
        for kind in [*ALL, SIGNED_OUT]
    ),
    *(
        ("concern", state, kind, {"refer from a volunteer's concern": kind in REFER_FROM_A_CONCERN})
        for state in CONCERN_STATES
        for kind in CONCERN_USERS
    ),
]
