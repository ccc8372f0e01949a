"""Recording a contact in a few seconds, and seeing how many recent contacts were with the named worker."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.continuity.models import Contact
from alongside.continuity.tests.factories import (
    AppointmentRequestFactory,
    ContactFactory,
    SlotFactory,
    ask_for_appointment,
    cancel_appointment,
)
from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, allocate, give_part, make_named_worker

pytestmark = pytest.mark.django_db


def form_key(client, url) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


@pytest.fixture
def named_worker(member):
    return member("clinician", team=TeamFactory(), first_name="Sam", last_name="Patel")


@pytest.fixture
def ada(named_worker):
    person = PersonFactory(given_name="Ada")
    make_named_worker(person, named_worker)
    return person


def test_a_contact_is_recorded_once_with_the_defaults_and_audited(client, named_worker, ada):
    client.force_login(named_worker)
    url = f"/continuity/people/{ada.pk}/contacts/new/"
    page = client.get(url).content.decode()
    assert 'value="30"' in page  # only what the user knows is filled in: the kind is theirs to choose
    assert "checked" not in page
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
        ContactFactory(
            person=ada, practitioner=who, kind="home_visit", at=now - timedelta(days=days), minutes=30, recorded_by=who
        )
    client.force_login(named_worker)
    page = texts(client.get(f"/people/{ada.pk}/"))
    assert "Named worker: Sam Patel ." in page
    assert "In the last 12 months, 3 contacts, 2 with Sam (67%)." in page


def test_the_person_reads_their_continuity_but_records_nothing_about_themselves(client):
    from alongside.core.tests.factories import UserFactory

    user = UserFactory()
    me = PersonFactory(user=user)
    client.force_login(user)
    page = client.get(f"/people/{me.pk}/").content.decode()
    assert "How often you see the same person" in page and "Continuity measures" not in page
    assert "Record a contact" not in page and "Change the facts behind it" not in page
    assert client.get(f"/continuity/people/{me.pk}/contacts/new/").status_code == 404
    assert client.get(f"/continuity/people/{me.pk}/priority/").status_code == 404


def test_the_persons_page_lists_appointments_to_come_with_a_way_to_cancel_for_their_team(client, member):

    team = TeamFactory()
    sam = member("clinician", team=team, first_name="Sam", last_name="Patel")
    outsider = member("clinician", team=TeamFactory())
    ada = PersonFactory(given_name="Ada")
    make_named_worker(ada, sam)
    give_part(ada, "care_team", user=outsider, by=sam)
    now = timezone.now()
    slot = SlotFactory(team=team, practitioner=sam, start=now + timedelta(days=2), created_by=sam)
    window = {"team": team, "earliest": now, "latest": now + timedelta(days=5)}
    ask_for_appointment(ada, sam, what_for="Dressing change", slot=slot, **window)
    ask_for_appointment(ada, sam, what_for="Medicines review", **window)
    cancel_appointment(ask_for_appointment(ada, sam, what_for="Cancelled visit", **window), sam)
    AppointmentRequestFactory(  # asked for last month: no page makes that today
        person=ada,
        asked_by=sam,
        what_for="Last month's visit",
        **(window | {"earliest": now - timedelta(days=40), "latest": now - timedelta(days=30)}),
    )
    client.force_login(sam)
    shown = texts(client.get(f"/people/{ada.pk}/"))
    assert "Dressing change:" in shown and "with Sam Patel, their named worker" in shown
    assert "Medicines review: waiting for a time in the team's weekly plan" in shown
    assert "Cancelled visit" not in shown and "Last month's visit" not in shown
    assert shown.count("Cancel the appointment for") == 2
    client.force_login(outsider)  # in Ada's care, but not in the team that holds the appointments
    assert "Cancel the appointment for" not in texts(client.get(f"/people/{ada.pk}/"))


def test_home_lists_the_week_of_appointments_booked_with_me_and_audits_them(client, member):

    team = TeamFactory()
    sam = member("clinician", team=team, first_name="Sam", last_name="Patel")
    bea = member("clinician", team=team, first_name="Bea", last_name="Ward")
    now = timezone.now()

    def booked(name, who, days, **fields):
        person = PersonFactory(given_name=name, family_name="Okafor")
        allocate(person, "team_caseload", team=team)
        slot = SlotFactory(team=team, practitioner=who, start=now + timedelta(days=days), created_by=who)
        window = {"earliest": now - timedelta(days=30), "latest": now + timedelta(days=30)}
        AppointmentRequestFactory(
            person=person, team=team, asked_by=who, what_for=f"Visit {name}", slot=slot, **window, **fields
        )
        return person

    ada = booked("Ada", sam, 1, with_named_worker=True)
    booked("Ben", sam, 9)  # after the week
    booked("Cal", bea, 1)  # with someone else
    booked("Dot", sam, 2, cancelled_at=now)
    client.force_login(sam)
    shown = texts(client.get("/"))
    # booked as her named worker, but Sam is not her named worker now: the page says so rather than the booking
    assert "Ada Okafor" in shown
    assert "Visit Ada. Booked when you were their named worker; you are not their named worker now." in shown
    assert not any(name in shown for name in ("Ben Okafor", "Cal Okafor", "Dot Okafor"))
    assert "Set aside times for appointments" in shown
    listed = AuditEvent.objects.filter(action="appointments_listed", actor=sam)
    assert list(listed.values_list("person_id", flat=True)) == [ada.pk]


def test_a_recorded_contact_is_on_the_timeline_at_the_same_time_with_its_note(client, named_worker, member, ada):
    from alongside.people.models import Entry

    colleague = member("clinician", team=named_worker.memberships.get().team, first_name="Bea", last_name="Ward")
    client.force_login(named_worker)
    url = f"/continuity/people/{ada.pk}/contacts/new/"
    day = timezone.localtime() - timedelta(days=2)
    data = {
        "form_key": form_key(client, url),
        "kind": "home_visit",
        "practitioner": colleague.pk,
        "day_day": day.day,
        "day_month": day.month,
        "day_year": day.year,
        "at_time": "10:30",
        "minutes": "45",
        "note": "Ada was  cheerful;\nthe garden is coming on",
    }
    client.post(url, data)
    client.post(url, data)  # pressed twice: still one contact, one entry
    contact, entry = Contact.objects.get(), Entry.objects.get(person=ada)
    assert entry.at == contact.at and entry.kind == "contact" and entry.author == named_worker
    assert entry.text == "Home visit, 45 minutes, with Bea Ward. Ada was cheerful; the garden is coming on"
    page = client.get(f"/people/{ada.pk}/").content.decode()
    assert "Home visit, 45 minutes, with Bea Ward." in page


def test_after_a_contact_the_worker_goes_where_another_capability_offers_else_to_the_person(
    client, named_worker, ada, monkeypatch
):
    """Continuity asks the registry what to offer next (a moment of reflection) and imports no one: with nothing
    offered, back to the person; pressing the button twice lands on the same page as once."""
    from alongside.core import registry

    client.force_login(named_worker)
    url = f"/continuity/people/{ada.pk}/contacts/new/"
    now = timezone.localtime()
    data = {
        "kind": "phone",
        "practitioner": named_worker.pk,
        "day_day": now.day,
        "day_month": now.month,
        "day_year": now.year,
        "at_time": "00:05",
        "minutes": "15",
    }
    asked = []
    monkeypatch.setattr(registry, "after_contact", lambda request, contact: asked.append(contact) or "/next/")
    key = form_key(client, url)
    assert client.post(url, data | {"form_key": key})["Location"] == "/next/"
    assert client.post(url, data | {"form_key": key})["Location"] == "/next/"
    assert asked == [f"contact:{Contact.objects.get().pk}"]
    monkeypatch.setattr(registry, "after_contact", lambda request, contact: None)
    assert client.post(url, data | {"form_key": form_key(client, url)})["Location"] == f"/people/{ada.pk}/"


def test_a_contact_is_told_only_to_whoever_had_or_recorded_it(named_worker, ada, member):
    from alongside.continuity.queries import contact_taken_part
    from alongside.core.tests.requests import acting_as

    colleague, stranger = member("clinician"), member("clinician")
    contact = ContactFactory(person=ada, practitioner=named_worker, recorded_by=colleague, minutes=20)
    ref = f"contact:{contact.pk}"
    seen = contact_taken_part(acting_as(named_worker), ref)
    assert (seen.person_id, seen.kind, seen.at) == (ada.pk, "Home visit", contact.at)
    assert contact_taken_part(acting_as(colleague), ref) == seen
    assert contact_taken_part(acting_as(stranger), ref) is None
    for nonsense in ("contact:99999999999", "contact:", "contact:-1", "referral:1", "x"):
        assert contact_taken_part(acting_as(named_worker), nonsense) is None
