"""Recording a contact in a few seconds, and seeing how many recent contacts were with the named worker."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.continuity.models import Contact
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import PersonFactory, TeamFactory
from alongside.core.tests.pages import texts
from alongside.people.models import CareRelationship

pytestmark = pytest.mark.django_db


def form_key(client, url) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


@pytest.fixture
def named_worker(member):
    return member("clinician", team=TeamFactory(), first_name="Sam", last_name="Patel")


@pytest.fixture
def ada(named_worker):
    person = PersonFactory(given_name="Ada")
    CareRelationship.objects.create(person=person, kind="named_worker", user=named_worker)
    return person


def test_a_contact_is_recorded_once_with_the_defaults_and_audited(client, named_worker, ada):
    client.force_login(named_worker)
    url = f"/continuity/people/{ada.pk}/contacts/new/"
    page = client.get(url).content.decode()
    assert 'value="home_visit" checked' in page and 'value="30"' in page  # only what the user knows is left
    now = timezone.localtime()
    data = {
        "form_key": form_key(client, url),
        "kind": "phone",
        "practitioner": named_worker.pk,
        "day_day": now.day,
        "day_month": now.month,
        "day_year": now.year,
        "at_time": "00:05",
        "minutes": "15",
        "note": "Checked in after the fall",
    }
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    contact = Contact.objects.get()
    assert (contact.kind, contact.minutes, contact.practitioner, contact.recorded_by) == (
        "phone",
        15,
        named_worker,
        named_worker,
    )
    assert AuditEvent.objects.filter(action="contact_recorded", person_id=ada.pk).count() == 1


def test_bad_input_is_explained_and_kept(client, named_worker, ada):
    client.force_login(named_worker)
    url = f"/continuity/people/{ada.pk}/contacts/new/"
    response = client.post(
        url,
        {
            "form_key": form_key(client, url),
            "kind": "clinic",
            "practitioner": named_worker.pk,
            "day_day": "31",
            "day_month": "2",
            "day_year": "2026",
            "at_time": "25:00",
            "minutes": "0",
            "note": "kept",
        },
    )
    page = texts(response)
    assert "There is a problem" in page
    assert "Enter the time as hours and minutes, like 14:30" in page
    assert "Enter how long in minutes: at least 1" in page
    assert "The date must be a real date" in page
    assert "kept" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_contact_in_the_future_is_refused(client, named_worker, ada):
    client.force_login(named_worker)
    url = f"/continuity/people/{ada.pk}/contacts/new/"
    later = timezone.localtime() + timedelta(days=2)
    response = client.post(
        url,
        {
            "form_key": form_key(client, url),
            "kind": "clinic",
            "practitioner": named_worker.pk,
            "day_day": later.day,
            "day_month": later.month,
            "day_year": later.year,
            "at_time": "10:00",
            "minutes": "20",
        },
    )
    assert "cannot be recorded" in texts(response) and not Contact.objects.exists()


def test_someone_with_no_relationship_cannot_record_or_even_see_the_form(client, member, ada):
    client.force_login(member("clinician"))
    assert client.get(f"/continuity/people/{ada.pk}/contacts/new/").status_code == 404


def test_the_person_page_shows_the_named_worker_and_how_many_recent_contacts_were_with_them(
    client, member, named_worker, ada
):
    colleague = member("clinician")
    now = timezone.now()
    for days, who in [(10, named_worker), (40, named_worker), (70, colleague), (400, colleague)]:
        Contact.objects.create(
            person=ada, practitioner=who, kind="home_visit", at=now - timedelta(days=days), minutes=30, recorded_by=who
        )
    client.force_login(named_worker)
    page = texts(client.get(f"/people/{ada.pk}/"))
    assert "Named worker: Sam Patel ." in page
    assert "In the last 12 months, 3 contacts, 2 with Sam (67%)." in page
