"""MDT meetings: rows of the authorisation matrix for the meeting pages (see authorisation.py), as the audience
rule says they SHOULD be. The subject is one agenda item about "Matrix Subject", registered at the practice whose
MDT meets; the same meeting has another item, about someone else.

- the GP chair (a core member) reaches every page of the meeting, and the changes, while it is planned; once it
  is finished, only its agenda, the item and the run page (read only);
- the volunteer invited for the item sees the item and its agenda (their part only), while the person is still
  their client and does not keep their care from volunteers; never the member pages;
- a volunteer invited for the other item sees the agenda with their own item, never this one: the subject's
  name is nowhere on it;
- a member of staff invited for the item sees it, and nothing a member does;
- a GP of the same practice who is not a member, an information governance reviewer and an administrator: nothing.
"""

import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from alongside.consent.tests.factories import withhold
from alongside.core.tests.factories import UserFactory
from alongside.mdt.models import CoreMember, Invitation, Item, Meeting
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.policy import Category
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from tests.authorisation.machinery import NAME, World, make_user

from .factories import CoreMemberFactory, InvitationFactory, ItemFactory, MdtFactory, MeetingFactory

USERS = {
    "mdt chair": ("gp", "practice"),
    "invited volunteer": ("volunteer", "hub"),
    "volunteer invited for another item": ("volunteer", "hub"),
    "invited specialist": ("clinician", "other"),
    "gp not a member": ("gp", "practice"),
    "ig reviewer": ("ig_reviewer", "other"),
    "admin": ("admin", "other"),
}
STATES = ["planned", "finished", "visits ended", "care kept from volunteers"]


def item_world(state, kind, users, member) -> World:
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    teams = {
        "practice": TeamFactory(organisation=practice, kind=Team.Kind.PRACTICE),
        "hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB),
        "other": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
    }
    user = make_user(kind, teams, users, member)
    mdt = MdtFactory(practice=practice)
    chair = user if kind == "mdt chair" else UserFactory()
    CoreMemberFactory(mdt=mdt, user=chair, part=CoreMember.Part.GP_CHAIR)
    status = Meeting.Status.FINISHED if state == "finished" else Meeting.Status.PLANNED
    meeting = MeetingFactory(mdt=mdt, status=status)
    given, family = NAME.split()
    person = PersonFactory(given_name=given, family_name=family, gp_practice=practice, user=UserFactory())
    item = ItemFactory(meeting=meeting, person=person, added_by=chair, reason="Two falls this month")
    other = ItemFactory(meeting=meeting, person=PersonFactory(gp_practice=practice), added_by=chair)
    ended = timezone.now() - timedelta(days=1) if state == "visits ended" else None
    if kind == "invited volunteer":
        RelationshipFactory(person=person, user=user, kind=CareRelationship.Kind.VOLUNTEER, ended_at=ended)
        InvitationFactory(item=item, user=user, invited_by=chair)
    if kind == "volunteer invited for another item":
        RelationshipFactory(person=other.person, user=user, kind=CareRelationship.Kind.VOLUNTEER)
        InvitationFactory(item=other, user=user, invited_by=chair)
    if kind == "invited specialist":
        InvitationFactory(item=item, user=user, invited_by=chair, person_agreed=False)
    if state == "care kept from volunteers":
        withhold(person, [Category.CARE])
    page = reverse("mdt:meeting", args=[meeting.pk])
    objects = {"item": item, "meeting": meeting, "person": person, "other": other}
    return World(user, teams, objects, page=page, listing=NAME)


def someone_elses_item() -> Item:
    """An item of an MDT the signed-in clinician is no member of, and not invited to: for REFUSED_LIKE_MISSING."""
    return ItemFactory(person=PersonFactory())


def moved(client, world) -> bool:
    client.post(reverse("mdt:move", args=[world["item"].pk]), {"direction": "down"})
    return Item.objects.get(pk=world["item"].pk).position == 2


def volunteers_put_first(client, world) -> bool:
    return client.post(reverse("mdt:volunteers_first", args=[world["meeting"].pk])).status_code == 302


def suggestion_taken(client, world) -> bool:
    return client.post(reverse("mdt:suggested", args=[world["meeting"].pk]), {"ref": "none:1"}).status_code == 302


def invited(client, world) -> bool:
    before = Invitation.objects.filter(item=world["item"]).count()
    client.post(reverse("mdt:invite", args=[world["item"].pk]), {"user": world["item"].added_by_id})
    return Invitation.objects.filter(item=world["item"]).count() > before


def planned(client, world) -> bool:
    mdt_id = world["meeting"].mdt_id
    before = Meeting.objects.filter(mdt_id=mdt_id).count()
    day = timezone.localdate() + timedelta(days=14)
    client.post(
        reverse("mdt:plan", args=[mdt_id]),
        {"day_day": day.day, "day_month": day.month, "day_year": day.year, "time": "12:30", "form_key": uuid.uuid4()},
    )
    return Meeting.objects.filter(mdt_id=mdt_id).count() > before


ENDPOINTS = {
    "mdt meetings": {"url": "mdt:meetings", "answer": "mentions", "mention": NAME, "refused": (200, 403)},
    "mdt agenda": {"url": "mdt:meeting", "args": ["{meeting.pk}"], "answer": "mentions", "mention": NAME,
                   "refused": (200, 403, 404)},
    "mdt item": {"url": "mdt:item", "args": ["{item.pk}"]},
    "mdt add someone": {"url": "mdt:add", "args": ["{meeting.pk}"]},
    "mdt run": {"url": "mdt:run", "args": ["{meeting.pk}"]},
    "mdt plan": {"url": "mdt:plan", "args": ["{meeting.mdt_id}"]},
    "mdt planned": {"url": "mdt:plan", "answer": "changed", "change": planned},
    "mdt finish": {"url": "mdt:finish", "args": ["{meeting.pk}"]},
    "mdt minutes": {"url": "mdt:minutes", "args": ["{item.pk}"]},
    "mdt invite": {"url": "mdt:invite", "args": ["{item.pk}"]},
    "mdt move": {"url": "mdt:move", "answer": "changed", "change": moved},
    "mdt volunteers first": {"url": "mdt:volunteers_first", "answer": "changed", "change": volunteers_put_first},
    "mdt suggested": {"url": "mdt:suggested", "answer": "changed", "change": suggestion_taken},
    "mdt invited": {"url": "mdt:invite", "answer": "changed", "change": invited},
}  # fmt: skip

SEES_ITEM = {"invited volunteer", "invited specialist"}


def _cells(state: str, kind: str) -> dict:
    chair, planned = kind == "mdt chair", state != "finished"
    invitee_sees = kind == "invited specialist" or (
        kind == "invited volunteer" and state not in ("visits ended", "care kept from volunteers")
    )
    return {
        "mdt meetings": invitee_sees,
        "mdt agenda": chair or invitee_sees,
        "mdt item": chair or invitee_sees,
        "mdt add someone": chair and planned,
        "mdt run": chair,
        "mdt plan": chair,
        "mdt planned": chair,
        "mdt finish": chair and planned,
        "mdt minutes": chair and planned,
        "mdt invite": chair and planned,
        "mdt move": chair and planned,
        "mdt volunteers first": chair and planned,
        "mdt suggested": chair and planned,
        "mdt invited": chair and planned,
    }


ROWS = [("mdt item", state, kind, _cells(state, kind)) for state in STATES for kind in USERS]
WORLDS = {"mdt item": item_world}
SUBJECTS = {"mdt item": someone_elses_item}
REFUSED_LIKE_MISSING = [("mdt item", "/mdt/items/{pk}/")]
