"""The audience rule over the database, as properties: for any agenda and any invitations of one volunteer, the
items they see on the list, the agenda, the item pages and the minutes are exactly those they are invited to whose
person is still their client; and finishing a meeting writes one entry per item, on that item's person only."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from alongside.core.tests.factories import enrol_totp
from alongside.core.tests.requests import acting_as
from alongside.mdt import actions_meeting
from alongside.mdt.models import Meeting
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people.models import CareRelationship, Entry

from .factories import (
    InvitationFactory,
    ItemFactory,
    MeetingFactory,
    chair_of,
    practice_person,
    started,
    volunteer_of,
)

pytestmark = pytest.mark.django_db
SLOW = hypothesis_settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

# Each item: (invited, the volunteer visits the person, the visits have ended since)
items_strategy = st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=6)


def item_ids(page: str, pattern: str) -> set[int]:
    return {int(found) for found in re.findall(pattern, page)}


@SLOW
@given(items_strategy, st.booleans())
def test_an_invitee_sees_exactly_their_own_items_wherever_they_look(shape, finished):
    meeting = MeetingFactory()
    volunteer = MembershipFactory(role="volunteer", team=TeamFactory(kind="volunteer_hub")).user
    enrol_totp(volunteer)
    items, expected = [], set()
    for invited, visits, ended in shape:
        item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
        items.append(item)
        if visits or invited:
            volunteer_of(item.person, volunteer)
        if ended:
            CareRelationship.objects.filter(person=item.person, user=volunteer).update(ended_at=timezone.now())
        if invited:
            InvitationFactory(item=item, user=volunteer)
        if invited and not ended:
            expected.add(item.pk)
    if finished:
        chair = chair_of(meeting.mdt)
        started(meeting)
        actions_meeting.finish(acting_as(chair), meeting.pk, Meeting.objects.get(pk=meeting.pk).version)
    client = Client()
    client.force_login(volunteer)
    listing = client.get("/mdt/").content.decode()
    assert item_ids(listing, r'href="/mdt/items/(\d+)/"') == expected
    agenda = client.get(f"/mdt/meetings/{meeting.pk}/")
    if expected:
        assert item_ids(agenda.content.decode(), r'id="item-(\d+)"') == expected
    else:
        assert agenda.status_code == 404
    shown = {item.pk for item in items if client.get(f"/mdt/items/{item.pk}/").status_code == 200}
    assert shown == expected
    for item in items:
        page = client.get(f"/mdt/items/{item.pk}/").content.decode()
        assert ("What was agreed" in page) == (finished and item.pk in expected)


@SLOW
@given(st.integers(1, 5), st.integers(0, 3))
def test_a_finished_meeting_writes_one_entry_per_item_on_that_persons_timeline_only(count, elsewhere):
    meeting = MeetingFactory()
    items = [ItemFactory(meeting=meeting, person=practice_person(meeting.mdt)) for _ in range(count)]
    others = [ItemFactory(person=practice_person(meeting.mdt)) for _ in range(elsewhere)]
    chair = chair_of(meeting.mdt)
    before = Entry.objects.filter(kind=actions_meeting.TIMELINE_KIND).count()
    started(meeting)
    actions_meeting.finish(acting_as(chair), meeting.pk, Meeting.objects.get(pk=meeting.pk).version)
    written = Entry.objects.filter(kind=actions_meeting.TIMELINE_KIND).order_by("pk")[before:]
    assert sorted(e.person_id for e in written) == sorted(i.person_id for i in items)
    assert all(e.author == chair for e in written)
    for item in items:
        entry = Entry.objects.get(kind=actions_meeting.TIMELINE_KIND, person=item.person)
        assert item.reason in entry.text
    assert not Entry.objects.filter(kind=actions_meeting.TIMELINE_KIND, person__in=[o.person for o in others]).exists()
