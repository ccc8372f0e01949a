"""A day's visits: who visits whom, planned with the shared continuity-aware allocation and checked before it is
saved; a visit or call recorded once as a contact, however often the form is sent."""

from datetime import datetime, timedelta
from html import unescape

import pytest
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import enrol_totp
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
    empty = client.post(f"/virtual-ward/visits/{planned.pk}/done/", {"minutes": "", "note": ""}).content.decode()
    assert "Enter how many minutes it took" in empty and "Write a few words about what happened" in empty
    form = {"minutes": "40", "note": "Breathing easier, eating again"}
    assert client.post(f"/virtual-ward/visits/{planned.pk}/done/", form).status_code == 302
    assert client.post(f"/virtual-ward/visits/{planned.pk}/done/", form).status_code == 302
    done = PlannedContact.objects.get(pk=planned.pk)
    assert done.done_at is not None and done.contact.startswith("contact:")
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
    page = client.post(f"/virtual-ward/visits/{planned.pk}/done/", {"minutes": "20", "note": "Well"})
    assert page.status_code == 200 and "not on your team's caseload" in unescape(page.content.decode())
    assert "Well</textarea>" in page.content.decode()
    assert PlannedContact.objects.get(pk=planned.pk).done_at is None
