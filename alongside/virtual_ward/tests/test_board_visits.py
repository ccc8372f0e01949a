"""A day's visits: who visits whom, planned with the shared continuity-aware allocation and checked before it is
saved; a visit or call recorded once as a contact, however often the form is sent."""

from datetime import date, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import enrol_totp
from alongside.virtual_ward.forms_board import happened_at
from alongside.virtual_ward.models import PlannedContact

from .factories import PlannedContactFactory, WardFactory, nurse
from .factories_board import admitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return WardFactory()


@pytest.fixture
def sam(ward):
    user = nurse(ward)
    user.first_name, user.last_name = "Sam", "Reed"
    user.save()
    enrol_totp(user)
    return user


def at_today(hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time())) + timedelta(hours=hour)


def test_plan_who_visits_keeps_the_nurse_who_saw_them_and_saves_only_after_checking(client, ward, sam):
    kim = nurse(ward)
    episode = admitted(ward, 1, person__given_name="Ada", person__family_name="Okafor")
    PlannedContactFactory(episode=episode, due_at=at_today(9), nurse=sam, done_at=at_today(9))
    later = PlannedContactFactory(episode=episode, due_at=at_today(14))
    client.force_login(sam)
    page = client.get("/virtual-ward/visits/").content.decode()
    assert '<h1 class="nhsuk-heading-l">Visits and calls</h1>' in page and "Plan who visits" in page
    shown = client.post("/virtual-ward/visits/", {"step": "propose"}).content.decode()
    assert "Check who visits" in shown and "With Sam Reed, who has seen them once on this stay" in shown
    assert PlannedContact.objects.get(pk=later.pk).nurse_id is None  # nothing saved yet
    form = {"step": "save", "planned": later.pk, "version": later.version, "nurse": sam.pk}
    assert client.post("/virtual-ward/visits/", form).status_code == 302
    assert client.post("/virtual-ward/visits/", form).status_code == 302  # sent again: nothing changes
    saved = PlannedContact.objects.get(pk=later.pk)
    assert saved.nurse_id == sam.pk and saved.version == later.version + 1
    assert AuditEvent.objects.filter(action="ward_visits_planned").count() == 1
    assert kim.pk != sam.pk


def test_a_nurse_from_elsewhere_cannot_be_saved_and_a_stale_plan_saves_nothing(client, ward, sam, member):
    outsider = member("clinician")
    episode = admitted(ward, 1)
    planned = PlannedContactFactory(episode=episode, due_at=at_today(15))
    client.force_login(sam)
    client.post("/virtual-ward/visits/", {"step": "save", "planned": planned.pk, "version": 1, "nurse": outsider.pk})
    client.post("/virtual-ward/visits/", {"step": "save", "planned": planned.pk, "version": 7, "nurse": sam.pk})
    assert PlannedContact.objects.get(pk=planned.pk).nurse_id is None


def test_recording_a_visit_makes_one_contact_however_often_it_is_sent(client, ward, sam):
    episode = admitted(ward, 1, person__given_name="Ada", person__family_name="Okafor")
    planned = PlannedContactFactory(episode=episode, due_at=at_today(11), nurse=sam)
    client.force_login(sam)
    page = client.get(f"/virtual-ward/visits/{planned.pk}/done/").content.decode()
    assert "Record the home visit as done" in page and "Ada Okafor" in page
    assert "When did it happen?" in page and "For example, 14:30" in page and "checked" not in page  # nothing assumed
    empty = client.post(f"/virtual-ward/visits/{planned.pk}/done/", {"minutes": "", "note": ""}).content.decode()
    assert "Enter how many minutes it took" in empty and "Write a few words about what happened" in empty
    assert "Choose whether it happened today or yesterday" in empty and "Enter the time it happened" in empty
    form = {"day": "yesterday", "time": "23:50", "minutes": "40", "note": "Breathing easier, eating again"}
    assert client.post(f"/virtual-ward/visits/{planned.pk}/done/", form).status_code == 302
    assert client.post(f"/virtual-ward/visits/{planned.pk}/done/", form).status_code == 302
    done = PlannedContact.objects.get(pk=planned.pk)
    assert done.done_at == at_today(-1) + timedelta(minutes=50) and done.contact.startswith("contact:")
    assert AuditEvent.objects.filter(action="contact_recorded", person_id=episode.person_id).count() == 1
    assert AuditEvent.objects.filter(action="ward_visit_recorded", person_id=episode.person_id).count() == 1


def test_readings_and_other_wards_visits_cannot_be_recorded_here(client, ward, sam):
    readings = PlannedContactFactory(episode=admitted(ward, 1), kind=PlannedContact.Kind.READINGS)
    elsewhere = PlannedContactFactory(episode=admitted(WardFactory(), 1))
    client.force_login(sam)
    assert client.get(f"/virtual-ward/visits/{readings.pk}/done/").status_code == 404
    assert client.get(f"/virtual-ward/visits/{elsewhere.pk}/done/").status_code == 404
    assert client.get("/virtual-ward/visits/2147483647/done/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_days_visits_take_the_same_queries_whatever_the_number(client, ward, sam, count, django_assert_num_queries):
    for bed in range(1, count + 1):
        PlannedContactFactory(episode=admitted(ward, bed), due_at=at_today(8 + bed % 12), nurse=sam)
    client.force_login(sam)
    with django_assert_num_queries(VISITS_QUERIES):
        page = client.get("/virtual-ward/visits/")
    assert page.content.decode().count("Record as done") == count


VISITS_QUERIES = 14


def test_someone_not_on_the_teams_caseload_is_told_kindly_and_nothing_is_recorded(client, ward, sam):
    from .factories import EpisodeFactory

    episode = EpisodeFactory(referral__ward=ward, referral__person__given_name="Eve")  # no caseload relationship
    planned = PlannedContactFactory(episode=episode, due_at=at_today(11))
    client.force_login(sam)
    form = {"day": "yesterday", "time": "22:00", "minutes": "20", "note": "Well"}
    page = client.post(f"/virtual-ward/visits/{planned.pk}/done/", form)
    assert page.status_code == 200 and "not on your team's caseload" in unescape(page.content.decode())
    assert "Well</textarea>" in page.content.decode()
    assert PlannedContact.objects.get(pk=planned.pk).done_at is None


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("25:00", "Enter a real time on the 24-hour clock"),
        ("half two", "Enter a real time on the 24-hour clock"),
        ("14:30", "The time cannot be in the future: it is 10:15 now"),
    ],
)
def test_a_time_that_is_not_real_or_in_the_future_is_refused_and_what_was_typed_kept(client, ward, sam, typed, says):
    with time_machine.travel(at_today(10) + timedelta(minutes=15), tick=False):  # admitted and on the caseload by then
        planned = PlannedContactFactory(episode=admitted(ward, 1), due_at=at_today(11), nurse=sam)
        client.force_login(sam)
        form = {"day": "today", "time": typed, "minutes": "20", "note": "Well"}
        page = unescape(client.post(f"/virtual-ward/visits/{planned.pk}/done/", form).content.decode())
    assert says in page and f'value="{typed}"' in page and "Well</textarea>" in page
    assert PlannedContact.objects.get(pk=planned.pk).done_at is None


def test_a_visit_done_hours_before_its_time_is_recorded_at_that_time_and_the_nurse_is_told(client, ward, sam):
    with time_machine.travel(at_today(10) + timedelta(minutes=15), tick=False):  # admitted and on the caseload by then
        planned = PlannedContactFactory(episode=admitted(ward, 1), due_at=at_today(15), nurse=sam)
        client.force_login(sam)
        form = {"day": "today", "time": "09.40", "minutes": "20", "note": "Well"}
        page = client.post(f"/virtual-ward/visits/{planned.pk}/done/", form, follow=True).content.decode()
    assert "is recorded, at 09:40. It happened more than 2 hours before its planned time (at 15:00)" in page
    assert PlannedContact.objects.get(pk=planned.pk).done_at == at_today(9) + timedelta(minutes=40)


@given(day=st.sampled_from(["today", "yesterday"]), hours=st.integers(0, 30), minutes=st.integers(0, 99))
def test_a_typed_time_is_that_time_on_that_day_or_none_when_not_real(day, hours, minutes):
    now = timezone.make_aware(datetime(2026, 12, 5, 12, 0))
    at = happened_at(day, f"{hours}:{minutes:02d}", now)
    if hours > 23 or minutes > 59:
        assert at is None
    else:
        local = timezone.localtime(at)
        assert (local.hour, local.minute) == (hours, minutes)
        assert local.date() == date(2026, 12, 5 if day == "today" else 4)
