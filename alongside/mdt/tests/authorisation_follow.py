"""MDT meetings: rows of the authorisation matrix for what follows a meeting (see authorisation.py), as the care
model says they SHOULD be:

- an action's page (complete it): its owner only, while they may see its item (a core member of the MDT): not the
  chair who agreed it, not the volunteer invited for the item, nobody else; they get "Page not found", exactly as
  for a missing action, whatever state the action is in (a done action still shows its owner what came of it);
- the MDT API's meeting: the core members see it (the owner and the chair here), the volunteer invited for the item
  sees it (their item only); anyone else gets the 404 of a missing meeting; "the meetings you take part in" lists it
  for the same people.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from alongside.concerns.tests.factories_loop import around, concern
from alongside.core.tests.factories import UserFactory
from alongside.mdt.models import CoreMember, Meeting
from alongside.mdt.tests.factories import (
    ActionFactory,
    CoreMemberFactory,
    InvitationFactory,
    ItemFactory,
    MdtFactory,
    MeetingFactory,
)
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from tests.authorisation.machinery import NAME, World, make_user

STATES = ("open action", "overdue action", "done action", "action from a concern")
# kind of user -> (role, their team): the owner and chair are made core members of the item's MDT below
USERS = {
    "action owner": ("clinician", "own"),
    "mdt chair": ("gp", "practice"),
    "invited volunteer": ("volunteer", "hub"),
    "other clinician": ("clinician", "own"),
    "other volunteer": ("volunteer", "hub"),
    "ig reviewer": ("ig_reviewer", "other"),
    "admin": ("admin", "other"),
}

ENDPOINTS = {
    "complete an action": {"url": "mdt:follow_action_done", "args": ["{action.pk}"], "refused": (404,)},
    "api meeting": {"url": "api:mdt_meeting", "args": ["{meeting.pk}"], "answer": "api"},
    "api meetings": {"url": "api:mdt_meetings", "answer": "listed"},
}


def action_world(state, kind, users, member) -> World:
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    teams = {
        "own": TeamFactory(),
        "hub": TeamFactory(kind="volunteer_hub"),
        "practice": TeamFactory(organisation=practice),
        "other": TeamFactory(),
    }
    user = make_user(kind, teams, USERS, member)
    given, family = NAME.split()
    person = PersonFactory(given_name=given, family_name=family, gp_practice=practice)
    mdt = MdtFactory(practice=practice)
    meeting = MeetingFactory(mdt=mdt, starts_at=timezone.now() - timedelta(days=7), status=Meeting.Status.FINISHED)
    source = "member"
    if state == "action from a concern":
        world = around(given_name="Other", family_name="Person")
        source = f"concern:{concern(world).pk}"
    item = ItemFactory(meeting=meeting, person=person, source=source)
    owner = user if kind == "action owner" else UserFactory()
    chair = user if kind == "mdt chair" else UserFactory()
    CoreMemberFactory(mdt=mdt, user=owner, part=CoreMember.Part.DISTRICT_NURSE)
    CoreMemberFactory(mdt=mdt, user=chair, part=CoreMember.Part.GP_CHAIR)
    if kind in ("invited volunteer", "other volunteer"):
        RelationshipFactory(
            person=person,
            user=user,
            kind=CareRelationship.Kind.VOLUNTEER,
            started_at=timezone.now() - timedelta(days=30),
        )
    if kind == "invited volunteer":
        InvitationFactory(item=item, user=user, invited_by=chair, person_agreed=True)
    due = timezone.localdate() + timedelta(days=-3 if state == "overdue action" else 7)
    done = {"done_at": timezone.now(), "outcome": "Visited"} if state == "done action" else {}
    action = ActionFactory(item=item, owner=owner, agreed_by=chair, due=due, **done)
    page = reverse("people:person", args=[person.pk])
    return World(
        user, teams, {"action": action, "meeting": meeting, "person": person}, page=page, listing=f'"id": {meeting.pk}'
    )


WORLDS = {"mdt action": action_world}


def someone_elses_action():
    """An action of someone else's, with the person it is about: the refusal is audited against that person (the
    action's owner may see them; the refused user asked about them), a missing one against no one."""
    action = ActionFactory()
    return SimpleNamespace(pk=action.pk, person_id=action.item.person_id)


SUBJECTS = {"mdt action": someone_elses_action}

SEES_THE_MEETING = {"action owner", "mdt chair", "invited volunteer"}


def _cells(kind: str) -> dict:
    return {
        "complete an action": kind == "action owner",
        "api meeting": kind in SEES_THE_MEETING,
        "api meetings": kind in SEES_THE_MEETING,
    }


ROWS = [("mdt action", state, kind, _cells(kind)) for state in STATES for kind in USERS]
REFUSED_LIKE_MISSING = [("mdt action", "/mdt/actions/{pk}/done/")]
