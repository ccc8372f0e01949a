"""The factories make what they say: a chair who sees every item, a volunteer who sees only theirs."""

import pytest

from alongside.core.tests.requests import acting_as
from alongside.mdt import access
from alongside.mdt.tests.factories import ItemFactory, MeetingFactory, chair_of, invite_volunteer

pytestmark = pytest.mark.django_db


def test_a_chair_sees_every_item_and_an_invited_volunteer_only_theirs():
    meeting = MeetingFactory()
    first, second = ItemFactory(meeting=meeting), ItemFactory(meeting=meeting)
    chair = chair_of(meeting.mdt)
    volunteer = invite_volunteer(second).user
    items = [first, second]
    assert [s.item for s in access.seen_items(acting_as(chair), items, "test")] == items
    assert [s.item for s in access.seen_items(acting_as(volunteer), items, "test")] == [second]
    assert second.position == 2
