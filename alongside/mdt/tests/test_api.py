"""The MDT API: the meetings the caller takes part in, each agenda filtered by the one audience rule
(access.seen_items), audited; a meeting they may see nothing of answers 404 exactly as a missing one. And the
audience rule as a property: for any agenda and any invitee, the API shows exactly the items they are invited to."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.core.models import ApiToken, AuditEvent
from alongside.core.tests.factories import enrol_totp, has_second_factor
from alongside.mdt.models import Meeting
from alongside.mdt.tests.factories import (
    CoreMemberFactory,
    ItemFactory,
    MeetingFactory,
    chair_of,
    invite_volunteer,
    volunteer_of,
)

pytestmark = pytest.mark.django_db


def get(client, user, path):
    if not has_second_factor(user):
        enrol_totp(user)
    token = ApiToken.issue(user, "test")[1]
    return client.get(path, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def agenda(db):
    meeting = MeetingFactory(status=Meeting.Status.FINISHED)
    items = [
        ItemFactory(meeting=meeting, minutes=10 + n, notes=f"Notes {n}", decision=f"Decided {n}") for n in range(4)
    ]
    return meeting, items


def test_a_core_member_sees_every_item_with_why_and_the_minutes(client, agenda):
    meeting, items = agenda
    chair = chair_of(meeting.mdt)
    answer = get(client, chair, "/api/v1/mdt/meetings")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    shown = body["items"][0]
    assert shown["id"] == meeting.pk and shown["mdt"] == meeting.mdt.name
    assert [i["person_id"] for i in shown["items"]] == [i.person_id for i in items]
    assert [i["position"] for i in shown["items"]] == [1, 2, 3, 4]
    assert shown["items"][0]["reason"] == items[0].reason and shown["items"][0]["notes"] == "Notes 0"
    starts = [i["starts_at"] for i in shown["items"]]
    assert starts[0].startswith(meeting.starts_at.isoformat()[:16])
    audit = AuditEvent.objects.filter(action="api_mdt_items_listed", basis="MDT member")
    assert sorted(audit.values_list("person_id", flat=True)) == sorted(i.person_id for i in items)


def test_an_invited_volunteer_sees_their_item_only_with_the_time_to_join(client, agenda):
    meeting, items = agenda
    invitation = invite_volunteer(items[2])
    body = get(client, invitation.user, f"/api/v1/mdt/meetings/{meeting.pk}").json()
    assert [i["id"] for i in body["items"]] == [items[2].pk]
    mine = body["items"][0]
    assert mine["reason"] == items[2].reason and mine["notes"] == "Notes 2" and mine["decision"] == "Decided 2"
    assert mine["seen_as"] == "invited" and mine["actions"] == []
    joins = meeting.starts_at + timedelta(minutes=10 + 11)  # after the two items before it
    assert mine["starts_at"].startswith(joins.isoformat()[:16])


def test_an_invitee_reads_in_the_api_exactly_what_their_item_page_shows(client):
    from alongside.language.models import LocalTerm
    from alongside.partners.tests.factories import NeighbourhoodFactory

    from .factories import ActionFactory

    meeting = MeetingFactory()
    area = NeighbourhoodFactory()
    meeting.mdt.practice.neighbourhood = area
    meeting.mdt.practice.save()
    LocalTerm.objects.create(
        neighbourhood=area, abbreviation="RVT", words="Riverside visiting team", added_by=chair_of(meeting.mdt)
    )
    item = ItemFactory(meeting=meeting, reason="COPD is worse", notes="Seen by RVT", decision="RVT to visit")
    ActionFactory(item=item, what="RVT to call")
    volunteer = invite_volunteer(item).user
    before = get(client, volunteer, f"/api/v1/mdt/meetings/{meeting.pk}").json()["items"][0]
    assert before["reason"].startswith("Chronic obstructive pulmonary disease (COPD)")  # a sentence's capital
    assert before["notes"] is before["decision"] is before["actions"] is None
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.FINISHED)
    after = get(client, volunteer, f"/api/v1/mdt/meetings/{meeting.pk}").json()["items"][0]
    assert after["notes"] == "Seen by Riverside visiting team (RVT)"
    assert after["decision"] == "Riverside visiting team (RVT) to visit"
    assert [a["what"] for a in after["actions"]] == ["Riverside visiting team (RVT) to call"]
    client.force_login(volunteer)
    page = client.get(f"/mdt/items/{item.pk}/").content.decode()
    from html import unescape

    page = unescape(page)
    for shown in (
        after["person_name"],
        after["reason"],
        after["notes"],
        after["decision"],
        after["actions"][0]["what"],
    ):
        assert shown in page
    chair = get(client, chair_of(meeting.mdt), f"/api/v1/mdt/meetings/{meeting.pk}").json()["items"][0]
    assert chair["notes"] == "Seen by RVT" and chair["reason"] == "COPD is worse"


def test_a_meeting_they_may_see_nothing_of_answers_as_a_missing_one(client, agenda):
    meeting, items = agenda
    outsider = volunteer_of(items[0].person)  # their client is on the agenda, but they are not invited
    theirs = get(client, outsider, f"/api/v1/mdt/meetings/{meeting.pk}")
    missing = get(client, outsider, "/api/v1/mdt/meetings/2147483647")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    assert get(client, outsider, "/api/v1/mdt/meetings").json()["items"] == []


def test_an_invitation_withdrawn_or_a_client_no_longer_theirs_shows_nothing(client, agenda):
    from django.utils import timezone

    meeting, items = agenda
    invitation = invite_volunteer(items[0])
    invitation.withdrawn_at = timezone.now()
    invitation.save()
    assert get(client, invitation.user, f"/api/v1/mdt/meetings/{meeting.pk}").status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = MeetingFactory()
    chair = chair_of(meeting.mdt)
    ItemFactory(meeting=meeting)
    enrol_totp(chair)
    token = ApiToken.issue(chair, "test")[1]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get("/api/v1/mdt/meetings", headers={"Authorization": f"Bearer {token}"})
        return len(queries)

    one = count()
    for _ in range(3):
        other = MeetingFactory(mdt=meeting.mdt)
        for _ in range(4):
            ItemFactory(meeting=other)
    assert count() == one


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(min_value=1, max_value=6), data=st.data())
def test_for_any_agenda_and_any_invitee_the_api_shows_exactly_their_items(client, size, data):
    meeting = MeetingFactory()
    items = [ItemFactory(meeting=meeting) for _ in range(size)]
    invited = data.draw(st.sets(st.integers(min_value=0, max_value=size - 1)), label="invited to")
    as_staff = data.draw(st.booleans(), label="a specialist rather than a volunteer")
    volunteer = volunteer_of(items[0].person)
    specialist = CoreMemberFactory.build().user if as_staff else None  # a GP of another practice
    who = specialist or volunteer
    for n in sorted(invited):
        if not as_staff:
            volunteer_of(items[n].person, volunteer) if n else None
        invite_volunteer(items[n], who)
    listed = get(client, who, "/api/v1/mdt/meetings").json()["items"]
    shown = {i["id"] for m in listed for i in m["items"]}
    assert shown == {items[n].pk for n in invited}
    one = get(client, who, f"/api/v1/mdt/meetings/{meeting.pk}")
    assert one.status_code == (200 if invited else 404)
