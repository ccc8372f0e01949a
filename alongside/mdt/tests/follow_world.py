"""One world for the tests after the meeting: a volunteer's health worry routed to the MDT, about someone registered
at a GP practice whose MDT has the person's named worker as a core member; a finished meeting discussed them, and
agreed an action owned by the named worker."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from alongside.concerns.models import Concern, RouteKind
from alongside.concerns.tests.factories_loop import Around, around, concern
from alongside.mdt.models import Action, CoreMember, Item, Mdt, Meeting
from alongside.mdt.tests.factories import ActionFactory, CoreMemberFactory, ItemFactory, MdtFactory, MeetingFactory
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import OrganisationFactory

WORDS_FOR_VOLUNTEER = "The district nurse has visited and things are in hand. Thank you for telling us."
OUTCOME = "District nurse visited on Tuesday; dressing changed, bloods taken, review in a fortnight."


@dataclass
class Follow:
    around: Around
    mdt: Mdt
    meeting: Meeting
    item: Item
    concern: Concern
    action: Action


def follow_world(*, due_in_days: int = 7, source: str | None = None) -> Follow:
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    world = around(gp_practice=practice)
    worry = concern(world, route_kind=RouteKind.MDT, words="She seemed breathless on the stairs")
    mdt = MdtFactory(practice=practice, name="Riverside Surgery MDT")
    CoreMemberFactory(mdt=mdt, user=world.named_worker, part=CoreMember.Part.DISTRICT_NURSE)
    meeting = MeetingFactory(mdt=mdt, starts_at=timezone.now() - timedelta(days=7), status=Meeting.Status.FINISHED)
    item = ItemFactory(meeting=meeting, person=world.person, source=source or f"concern:{worry.pk}")
    action = ActionFactory(
        item=item,
        owner=world.named_worker,
        what="Visit and check her breathing",
        due=timezone.localdate() + timedelta(days=due_in_days),
    )
    return Follow(world, mdt, meeting, item, worry, action)
