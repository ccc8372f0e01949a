"""The meeting pages as a chair, a member and an invited volunteer use them: what each sees, bad input with its
own message and nothing typed lost, a double click that adds once, and a refused page that is a missing one."""

import re
import uuid
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core import registry
from alongside.core.models import AuditEvent
from alongside.core.registry import AgendaSource, AgendaSuggestion
from alongside.core.tests.factories import enrol_totp
from alongside.mdt.models import Action, Attendance, Invitation, Item, Meeting
from alongside.people.models import CareRelationship, Entry
from alongside.people.tests.factories import PersonFactory

from .factories import (
    ActionFactory,
    ItemFactory,
    MeetingFactory,
    chair_of,
    invite_volunteer,
    practice_person,
    started,
    volunteer_of,
)

pytestmark = pytest.mark.django_db


def key(page) -> str:
    return re.search(r'name="[^"]*form_key" value="([^"]+)"', page.content.decode()).group(1)


@pytest.fixture
def meeting():
    return MeetingFactory()


@pytest.fixture
def chair(meeting):
    user = chair_of(meeting.mdt)
    enrol_totp(user)
    return user


def missing(client) -> bytes:
    return client.get("/mdt/meetings/2147483647/").content


def test_the_chair_sees_the_whole_agenda_in_order_with_times(client, meeting, chair):
    first = ItemFactory(meeting=meeting, minutes=15, person=practice_person(meeting.mdt, given_name="Harold"))
    second = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt, given_name="Ivy"))
    client.force_login(chair)
    page = client.get(f"/mdt/meetings/{meeting.pk}/").content.decode()
    assert page.index(first.person.full_name) < page.index(second.person.full_name)
    start = timezone.localtime(meeting.starts_at)
    assert f"{(start + timedelta(minutes=15)):%H:%M}: " in page
    listing = client.get("/mdt/").content.decode()
    assert meeting.mdt.name in listing and "2 people on the agenda" in listing


def test_adding_someone_checks_first_adds_once_and_says_when_they_are_already_on_it(client, meeting, chair):
    person = practice_person(meeting.mdt, given_name="Harold", family_name="Hartley")
    client.force_login(chair)
    found = client.get(f"/mdt/meetings/{meeting.pk}/add/", {"words": "hart"}).content.decode()
    assert "Harold Hartley" in found
    url = f"/mdt/meetings/{meeting.pk}/add/?person={person.pk}"
    empty = client.post(url, {"form_key": key(client.get(url)), "person": person.pk, "reason": "  "})
    assert "Enter why the team should talk about this person" in empty.content.decode()
    data = {"form_key": key(client.get(url)), "person": person.pk, "reason": "Two falls this month"}
    check = client.post(url, data).content.decode()
    assert "Check before you add Harold Hartley" in check and "Two falls this month" in check
    first = client.post(url, {**data, "confirm": "1"})
    again = client.post(url, {**data, "confirm": "1"})
    assert first.status_code == again.status_code == 302 and first.url == again.url
    assert Item.objects.filter(meeting=meeting, person=person).count() == 1
    item = Item.objects.get(meeting=meeting, person=person)
    assert item.reason == "Two falls this month" and item.source == "member" and item.position == 1
    assert "is already on this meeting's agenda" in unescape(client.get(url).content.decode())  # told at once
    other = {
        "form_key": str(uuid.uuid4()),
        "person": person.pk,
        "reason": "Again",
        "confirm": "1",
    }  # a page open before
    twice = client.post(url, other).content.decode()
    assert "Harold Hartley is already on the agenda for this meeting" in twice and "Again" in twice


def test_someone_the_member_may_not_see_cannot_be_added(client, meeting, chair):
    stranger = practice_person(meeting.mdt)
    stranger.gp_practice = None
    stranger.save()
    client.force_login(chair)
    assert client.get(f"/mdt/meetings/{meeting.pk}/add/?person={stranger.pk}").status_code == 404


def test_moving_and_timing_items(client, meeting, chair):
    first = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    second = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    client.force_login(chair)
    client.post(f"/mdt/items/{second.pk}/move/", {"direction": "up"})
    assert list(Item.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    bad = client.post(f"/mdt/items/{first.pk}/minutes/", {"minutes": "ten"}).content.decode()
    assert "Minutes must be a whole number, like 10" in bad and 'value="ten"' in bad
    client.post(f"/mdt/items/{first.pk}/minutes/", {"minutes": "25"})
    assert Item.objects.get(pk=first.pk).minutes == 25


def test_inviting_a_volunteer_needs_the_persons_agreement_never_ticked_for_them(client, meeting, chair):
    item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt, given_name="Harold"))
    volunteer = volunteer_of(item.person)
    client.force_login(chair)
    page = client.get(f"/mdt/items/{item.pk}/invite/").content.decode()
    assert "has agreed that" in page and "checked" not in page
    refused = client.post(f"/mdt/items/{item.pk}/invite/", {"user": volunteer.pk}).content.decode()
    assert "Tick to say the person has agreed" in refused
    assert not Invitation.objects.filter(item=item).exists()
    client.post(f"/mdt/items/{item.pk}/invite/", {"user": volunteer.pk, "agreed": "1"})
    assert Invitation.objects.get(item=item).person_agreed


def test_volunteers_first(client, meeting, chair):
    first = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    second = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    invite_volunteer(second)
    client.force_login(chair)
    client.post(f"/mdt/meetings/{meeting.pk}/volunteers-first/")
    assert list(Item.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_a_volunteer_sees_only_their_item_and_every_other_is_missing(client, meeting):
    mine = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt, given_name="Harold"))
    other = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt, given_name="Zebedee"))
    elsewhere = ItemFactory(person=practice_person(meeting.mdt))
    volunteer = invite_volunteer(mine).user
    enrol_totp(volunteer)
    client.force_login(volunteer)
    listing = client.get("/mdt/").content.decode()
    assert mine.person.full_name in listing and "join at" in listing
    assert other.person.full_name not in listing and meeting.mdt.name not in listing
    agenda_page = client.get(f"/mdt/meetings/{meeting.pk}/").content.decode()
    assert mine.person.full_name in agenda_page and other.person.full_name not in agenda_page
    assert "Zebedee" not in agenda_page and "Move up" not in agenda_page
    item_page = client.get(f"/mdt/items/{mine.pk}/")
    assert item_page.status_code == 200 and mine.reason in item_page.content.decode()
    nothing = missing(client)
    for url in (
        f"/mdt/items/{other.pk}/",
        f"/mdt/meetings/{elsewhere.meeting_id}/",
        f"/mdt/items/{elsewhere.pk}/",
        f"/mdt/meetings/{meeting.pk}/run/",
        f"/mdt/items/{mine.pk}/invite/",
    ):
        answer = client.get(url)
        assert answer.status_code == 404 and answer.content == nothing, url
    CareRelationship.objects.filter(user=volunteer).update(ended_at=timezone.now())
    assert client.get(f"/mdt/items/{mine.pk}/").status_code == 404


def test_running_the_meeting_keeps_what_was_typed_and_never_overwrites(client, meeting, chair):
    item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt, given_name="Harold"))
    client.force_login(chair)
    url = f"/mdt/meetings/{meeting.pk}/run/"
    page = client.get(url)
    assert page.status_code == 200
    p = f"item{item.pk}-"
    saved = client.post(
        url, {"part": "notes", "item": item.pk, p + "version": 1, p + "notes": "Fine now", p + "decision": "Review"}
    )
    assert saved.status_code == 302
    stale = client.post(
        url, {"part": "notes", "item": item.pk, p + "version": 1, p + "notes": "My words", p + "decision": ""}
    ).content.decode()
    assert "Someone else saved this item" in stale and "My words" in stale and "Fine now" in stale
    assert Item.objects.get(pk=item.pk).notes == "Fine now"
    a = f"action{item.pk}-"
    bad = {"part": "action", "item": item.pk, a + "form_key": key(page), a + "what": "Ask the falls team"}
    bad |= {a + "owner": chair.pk, a + "due_day": "31", a + "due_month": "2", a + "due_year": "2027"}
    answer = client.post(url, bad).content.decode()
    assert "The due date must be a real date" in answer and "Ask the falls team" in answer
    due = timezone.localdate() + timedelta(days=14)
    good = bad | {a + "due_day": due.day, a + "due_month": due.month, a + "due_year": due.year}
    client.post(url, good)
    client.post(url, good)
    assert Action.objects.filter(item=item).count() == 1
    client.post(url, {"part": "attendance", f"present-{chair.pk}": "yes"})
    assert Attendance.objects.get(meeting=meeting, user=chair).present


def test_finishing_puts_each_items_minutes_on_that_persons_timeline_only(client, meeting, chair):
    items = [ItemFactory(meeting=meeting, person=practice_person(meeting.mdt)) for _ in range(3)]
    ActionFactory(item=items[0], owner=chair, what="Ask the falls team to visit")
    Item.objects.filter(pk=items[0].pk).update(notes="Walking better", discussed=True)
    started(meeting)
    client.force_login(chair)
    check = client.get(f"/mdt/meetings/{meeting.pk}/finish/").content.decode()
    assert "Check the meeting before you finish it" in check and "Walking better" in check
    version = Meeting.objects.get(pk=meeting.pk).version
    assert client.post(f"/mdt/meetings/{meeting.pk}/finish/", {"version": version}).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.FINISHED
    for item in items:
        entries = Entry.objects.filter(kind="mdt_minutes", person=item.person)
        assert entries.count() == 1 and entries.get().author == chair
    assert "Walking better" in Entry.objects.get(person=items[0].person).text
    assert "Ask the falls team to visit" in Entry.objects.get(person=items[0].person).text
    assert "Walking better" not in Entry.objects.get(person=items[1].person).text


def test_a_stale_finish_is_refused_and_checked_again(client, meeting, chair):
    ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    started(meeting)
    client.force_login(chair)
    answer = client.post(f"/mdt/meetings/{meeting.pk}/finish/", {"version": 0})
    assert answer.status_code == 200 and "Someone changed the meeting" in answer.content.decode()
    assert not Entry.objects.filter(kind="mdt_minutes").exists()


def test_the_agenda_of_30_items_takes_a_fixed_number_of_queries(client, meeting, chair, django_assert_num_queries):
    for _ in range(3):
        invite_volunteer(ItemFactory(meeting=meeting, person=practice_person(meeting.mdt)))
    client.force_login(chair)
    client.get(f"/mdt/meetings/{meeting.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/mdt/meetings/{meeting.pk}/")
    for _ in range(27):
        invite_volunteer(ItemFactory(meeting=meeting, person=practice_person(meeting.mdt)))
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(f"/mdt/meetings/{meeting.pk}/")
    assert page.content.decode().count('id="item-') == 30


def test_a_suggestion_is_added_with_its_reason_and_where_it_came_from(client, meeting, chair, monkeypatch):
    person = practice_person(meeting.mdt, given_name="Harold", family_name="Hartley")
    elsewhere = PersonFactory(given_name="Nobody", family_name="Elsewhere")
    asked = []

    def suggest(practice_id, neighbourhood_id):
        asked.append((practice_id, neighbourhood_id))
        since = timezone.now() - timedelta(days=3)
        return [
            AgendaSuggestion(person.pk, "concern:12", "A volunteer's worry: not eating well", since),
            AgendaSuggestion(elsewhere.pk, "concern:13", "Not of this practice", since),
        ]

    source = AgendaSource("concern", "Worries from volunteers", suggest)
    monkeypatch.setattr(registry, "agenda_sources", lambda: [source])
    monkeypatch.setattr(registry, "agenda_source", lambda kind: source if kind == "concern" else None)
    client.force_login(chair)
    page = client.get(f"/mdt/meetings/{meeting.pk}/").content.decode()
    assert "A volunteer&#39;s worry: not eating well" in page and "Worries from volunteers" in page
    assert "Nobody Elsewhere" not in page
    assert asked[0] == (meeting.mdt.practice_id, None)
    client.post(f"/mdt/meetings/{meeting.pk}/suggested/", {"ref": "concern:12"})
    item = Item.objects.get(meeting=meeting, person=person)
    assert item.source == "concern:12" and item.reason == "A volunteer's worry: not eating well"
    again = client.post(f"/mdt/meetings/{meeting.pk}/suggested/", {"ref": "concern:12"}, follow=True)
    assert "That suggestion is no longer there" in again.content.decode()
    assert Item.objects.filter(meeting=meeting, person=person).count() == 1
    following = MeetingFactory(mdt=meeting.mdt, starts_at=meeting.starts_at + timedelta(days=14))
    next_page = client.get(f"/mdt/meetings/{following.pk}/").content.decode()
    assert "not eating well" not in next_page  # taken to a meeting of this MDT: never suggested again
    assert client.post(f"/mdt/meetings/{meeting.pk}/suggested/", {"ref": "concern:13"}, follow=True).status_code == 200
    assert not Item.objects.filter(person=elsewhere).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"part": "notes", "item": "²"},
        {"part": "notes", "item": "99999999999999999999"},
        {"part": "action", "item": "-1"},
        {"part": "attendance", "present-²": "yes", "present-1": "maybe"},
        {"part": "nonsense"},
        {},
    ],
)
def test_odd_posts_to_the_chairs_page_never_fail(client, meeting, chair, data):
    ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    client.force_login(chair)
    answer = client.post(f"/mdt/meetings/{meeting.pk}/run/", data)
    assert answer.status_code in (200, 404)
    moved = client.post(f"/mdt/items/{meeting.items.first().pk}/move/", {"direction": "sideways"})
    assert moved.status_code == 404
    assert client.get(f"/mdt/meetings/{meeting.pk}/add/", {"person": "²"}).status_code == 404
    assert client.get(f"/mdt/meetings/{meeting.pk}/add/", {"words": "x" * 500}).status_code == 200


def test_notes_are_saved_as_written_and_the_writer_is_offered_words_that_carry_hope(client, meeting, chair):
    item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    client.force_login(chair)
    p = f"item{item.pk}-"
    words = "He is non-compliant with his tablets"
    data = {"part": "notes", "item": item.pk, p + "version": 1, p + "notes": words, p + "decision": ""}
    page = client.post(f"/mdt/meetings/{meeting.pk}/run/", data, follow=True).content.decode()
    assert Item.objects.get(pk=item.pk).notes == words
    assert "You could also write" in page


def test_a_meeting_cannot_be_finished_before_it_starts(client, meeting, chair):
    ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    client.force_login(chair)
    start = timezone.localtime(meeting.starts_at)
    check = client.get(f"/mdt/meetings/{meeting.pk}/finish/").content.decode()
    assert f"You can finish the meeting once it has started, at {start:%H:%M} on {start:%-d %B}" in check
    assert "Finish the meeting</button>" not in check
    version = Meeting.objects.get(pk=meeting.pk).version
    assert client.post(f"/mdt/meetings/{meeting.pk}/finish/", {"version": version}).status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PLANNED
    assert not Entry.objects.filter(kind="mdt_minutes").exists()


def test_planning_a_meeting_says_what_is_wrong_keeps_what_was_typed_and_a_double_click_plans_one(
    client, meeting, chair
):
    client.force_login(chair)
    url = f"/mdt/{meeting.mdt_id}/plan/"
    assert "Plan a meeting" in client.get("/mdt/").content.decode()
    form_key = key(client.get(url))
    last_year = timezone.localdate().year - 1
    bad = client.post(url, {"form_key": form_key, "day_day": "3", "day_month": "4", "day_year": last_year, "time": "9"})
    page = bad.content.decode()
    assert bad.status_code == 200 and "<title>Error: Plan a meeting" in page
    assert "The date of the meeting must be today or in the future" in page
    assert "Enter a real time, using the 24-hour clock, for example 12:30" in page
    assert f'value="{last_year}"' in page and 'value="9"' in page
    day = timezone.localdate() + timedelta(days=14)
    good = {"form_key": form_key, "day_day": day.day, "day_month": day.month, "day_year": day.year, "time": "12:30"}
    before = Meeting.objects.filter(mdt=meeting.mdt).count()
    first, second = client.post(url, good), client.post(url, good)
    assert Meeting.objects.filter(mdt=meeting.mdt).count() == before + 1
    made = Meeting.objects.filter(mdt=meeting.mdt).latest("pk")
    assert first.url == second.url == f"/mdt/meetings/{made.pk}/"
    assert timezone.localtime(made.starts_at).strftime("%H:%M") == "12:30" and made.status == Meeting.Status.PLANNED
    assert AuditEvent.objects.filter(action="mdt_meeting_planned", object_id=str(made.pk)).count() == 1


def test_someone_not_a_member_cannot_plan_a_meeting(client, meeting):
    volunteer = volunteer_of(practice_person(meeting.mdt))
    enrol_totp(volunteer)
    client.force_login(volunteer)
    assert client.get(f"/mdt/{meeting.mdt_id}/plan/").status_code == 404


def test_the_finish_check_lists_an_invitee_who_came_with_the_item_they_came_for(client, meeting, chair):
    item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt, given_name="Harold"))
    volunteer = invite_volunteer(item).user
    Attendance.objects.create(meeting=meeting, user=volunteer, present=True)
    client.force_login(chair)
    page = client.get(f"/mdt/meetings/{meeting.pk}/finish/").content.decode()
    assert f"{volunteer.display_name}, for {item.person.full_name}" in unescape(page)


def test_an_invitee_who_came_is_present_in_the_minutes_of_their_own_item_only(client, meeting, chair):
    """Attendance says only who came; the item an invitee came for is read from their invitation (ADR 51)."""
    theirs, other = (ItemFactory(meeting=meeting, person=practice_person(meeting.mdt)) for _ in range(2))
    volunteer = invite_volunteer(theirs).user
    started(meeting)
    client.force_login(chair)
    answers = {"part": "attendance", f"present-{chair.pk}": "yes", f"present-{volunteer.pk}": "yes"}
    client.post(f"/mdt/meetings/{meeting.pk}/run/", answers)
    assert not Attendance.objects.filter(meeting=meeting).exclude(user__in=[chair, volunteer]).exists()
    version = Meeting.objects.get(pk=meeting.pk).version
    assert client.post(f"/mdt/meetings/{meeting.pk}/finish/", {"version": version}).status_code == 302
    minutes = {i: Entry.objects.get(kind="mdt_minutes", person=i.person).text for i in (theirs, other)}
    assert volunteer.display_name in minutes[theirs] and chair.display_name in minutes[theirs]
    assert volunteer.display_name not in minutes[other] and chair.display_name in minutes[other]


def test_adding_someone_already_on_the_agenda_says_so_at_the_find_step(client, meeting, chair):
    item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt, given_name="Harold"))
    client.force_login(chair)
    page = unescape(client.get(f"/mdt/meetings/{meeting.pk}/add/?person={item.person_id}").content.decode())
    assert f"{item.person.full_name} is already on this meeting's agenda" in page
    assert "Why should the team talk about" not in page


def test_the_invite_list_names_each_member_of_staff_with_their_role_and_team(client, meeting, chair):
    from alongside.partners.models import Membership

    item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    membership = Membership.objects.filter(user=chair).select_related("team").first()
    client.force_login(chair)
    page = unescape(client.get(f"/mdt/items/{item.pk}/invite/").content.decode())
    assert f"{chair.display_name}, {membership.get_role_display().lower()}, {membership.team.name}" in page


def test_pages_with_a_form_problem_have_error_in_their_title(client, meeting, chair):
    item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt))
    client.force_login(chair)
    for url, data in (
        (f"/mdt/items/{item.pk}/minutes/", {"minutes": "0"}),
        (f"/mdt/items/{item.pk}/invite/", {"user": ""}),
    ):
        assert "<title>Error: " in client.post(url, data).content.decode(), url
    assert "<title>Error: " in client.get(f"/mdt/meetings/{meeting.pk}/add/", {"words": ""}).content.decode()
    assert "<title>Error: " not in client.get(f"/mdt/items/{item.pk}/minutes/").content.decode()


def test_the_run_page_tags_actions_due_today_and_a_finished_agenda_shows_the_minutes(client, meeting, chair):
    item = ItemFactory(meeting=meeting, person=practice_person(meeting.mdt), notes="Walking better", decision="Review")
    ActionFactory(item=item, owner=chair, what="Phone the daughter", due=timezone.localdate())
    client.force_login(chair)
    assert "Due today" in client.get(f"/mdt/meetings/{meeting.pk}/run/").content.decode()
    item_page = client.get(f"/mdt/items/{item.pk}/").content.decode()
    assert f'href="/people/{item.person_id}/"' in item_page or "/people/" not in item_page
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.FINISHED)
    page = client.get(f"/mdt/meetings/{meeting.pk}/").content.decode()
    assert "Walking better" in page and "Review" in page and "Phone the daughter" in page
    assert "Plan the next meeting" in page
