"""Factories for MDT meetings: an MDT (a GP practice's, unless told), its core members, meetings, agenda items,
invitations to one item, and actions; and a few states built in one call (a chair, a volunteer invited for their
own client).

The factories write the tables directly: for what the pages make, tests go through `actions_meeting`.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.mdt.models import Action, Attendance, CoreMember, Invitation, Item, Mdt, Meeting
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory


class MdtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mdt

    name = factory.Sequence(lambda n: f"Riverside Surgery MDT {n}")
    practice = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.GP_PRACTICE)
    neighbourhood = None
    when = "Every other Tuesday, 12:30"
    place = "Meeting room 2, Riverside Surgery"
    minutes_per_item = 10


class CoreMemberFactory(factory.django.DjangoModelFactory):
    """A core member (staff: a GP, unless `user` is given) from a month ago, open-ended."""

    class Meta:
        model = CoreMember

    mdt = factory.SubFactory(MdtFactory)
    user = factory.LazyFunction(lambda: MembershipFactory(role="gp").user)
    part = CoreMember.Part.GP
    start = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    end = None


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting a week from now, at 12:30."""

    class Meta:
        model = Meeting

    mdt = factory.SubFactory(MdtFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(hour=12, minute=30, second=0, microsecond=0)
    )
    status = Meeting.Status.PLANNED


class ItemFactory(factory.django.DjangoModelFactory):
    """One person on a meeting's agenda, after the items already there, added by a new user unless told."""

    class Meta:
        model = Item

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    position = factory.LazyAttribute(lambda o: Item.objects.filter(meeting=o.meeting).count() + 1)
    minutes = 10
    reason = "Falls at home twice this month; lives alone"
    source = "member"
    added_by = factory.SubFactory(UserFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    item = factory.SubFactory(ItemFactory)
    person = factory.LazyAttribute(lambda o: o.item.person)
    user = factory.SubFactory(UserFactory)
    invited_by = factory.SubFactory(UserFactory)
    person_agreed = True


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    present = True


class ActionFactory(factory.django.DjangoModelFactory):
    """An action agreed at the item's meeting, due in a fortnight."""

    class Meta:
        model = Action

    item = factory.SubFactory(ItemFactory)
    person = factory.LazyAttribute(lambda o: o.item.person)
    what = "Ask the falls team to visit"
    owner = factory.SubFactory(UserFactory)
    due = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=14)).date())
    agreed_by = factory.SubFactory(UserFactory)


# --- states in one call --------------------------------------------------------------------------------------------


def chair_of(mdt: Mdt):
    """The MDT's GP chair (a GP at its practice's team), made if it has none."""
    chair = CoreMember.objects.filter(mdt=mdt, part=CoreMember.Part.GP_CHAIR, end__isnull=True).first()
    if chair:
        return chair.user
    team = TeamFactory(organisation=mdt.practice) if mdt.practice else TeamFactory()
    user = MembershipFactory(role="gp", team=team).user
    CoreMemberFactory(mdt=mdt, user=user, part=CoreMember.Part.GP_CHAIR)
    return user


def volunteer_of(person, user=None):
    """A volunteer (a new one unless `user`) who visits the person now: an active volunteer relationship."""
    user = user or MembershipFactory(role="volunteer", team=TeamFactory(kind="volunteer_hub")).user
    RelationshipFactory(
        person=person,
        user=user,
        kind=CareRelationship.Kind.VOLUNTEER,
        started_at=timezone.now() - timedelta(days=60),
    )
    return user


def invite_volunteer(item: Item, volunteer=None, by=None) -> Invitation:
    """The item's person's volunteer (made unless given) invited for the item, with the person's agreement."""
    volunteer = volunteer or volunteer_of(item.person)
    return InvitationFactory(item=item, user=volunteer, invited_by=by or item.added_by, person_agreed=True)


def practice_person(mdt: Mdt, **fields):
    """Someone registered at the MDT's practice (or living in its neighbourhood)."""
    where = {"gp_practice": mdt.practice} if mdt.practice_id else {"neighbourhood": mdt.neighbourhood}
    return PersonFactory(**where, **fields)


def started(meeting: Meeting) -> Meeting:
    """The meeting moved to have started an hour ago (the same day's 12:30 would not do early in the morning), so
    that it can be finished. Its version is unchanged."""
    meeting.starts_at = (timezone.now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=meeting.starts_at)
    return meeting
