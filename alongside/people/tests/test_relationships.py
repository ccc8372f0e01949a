"""Relationships are first-class: added and ended in the record, and access follows them at once."""

import html
import uuid

from django.test import Client
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory, enrol_totp
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, allocate, make_named_worker


def post_new(client, person, **data):
    fields = {"kind": "", "username": "", "team": "", "form_key": str(uuid.uuid4())}
    return client.post(reverse("people:new_relationship", args=[person.pk]), fields | data)


def test_adding_a_volunteer_gives_them_the_minimal_view_and_ending_it_takes_it_away(signed_in, client):
    worker = signed_in("clinician")
    person = PersonFactory(given_name="Ada")
    make_named_worker(person, worker)
    volunteer = MembershipFactory(role="volunteer").user
    enrol_totp(volunteer)
    assert post_new(client, person, kind="volunteer", username=volunteer.username).status_code == 302
    allocation = CareRelationship.objects.get(person=person, kind="volunteer")
    assert AuditEvent.objects.filter(action="relationship_started", person_id=person.pk).exists()

    their_browser = Client()
    their_browser.force_login(volunteer)
    assert their_browser.get(reverse("people:person", args=[person.pk])).status_code == 200

    url = reverse("people:end_relationship", args=[person.pk, allocation.pk])
    assert "Say why this is ending" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "Volunteer moved away"}).status_code == 302
    assert their_browser.get(reverse("people:person", args=[person.pk])).status_code == 404


def test_bad_relationships_are_explained(signed_in, client):
    worker = signed_in("clinician")
    person = PersonFactory(given_name="Ada")
    make_named_worker(person, worker)
    not_a_volunteer = MembershipFactory(role="clinician").user
    content = post_new(client, person, kind="volunteer", username=not_a_volunteer.username).content.decode()
    assert "is not an active volunteer" in content
    content = post_new(client, person, kind="named_worker", username=not_a_volunteer.username).content.decode()
    assert "There is already a named worker" in content
    content = post_new(client, person, kind="care_team", username="no.such.person").content.decode()
    assert "There is no user with the username no.such.person" in content and 'value="no.such.person"' in content
    content = post_new(client, person, kind="team_caseload").content.decode()
    assert "Select the team whose caseload this person joins" in content
    content = post_new(client, person, kind="proxy", username=UserFactory().username).content.decode()
    assert "Select a valid choice" in content or "Select their part" in content


def test_a_team_caseload_gives_the_whole_team_access(signed_in, client, member):
    worker = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, worker)
    team = TeamFactory()
    colleague = member("social_worker", team=team)
    assert post_new(client, person, kind="team_caseload", team=team.pk).status_code == 302
    other = Client()
    other.force_login(colleague)
    assert other.get(reverse("people:person", args=[person.pk])).status_code == 200


def test_only_the_person_or_their_proxy_chooses_a_proxy(client, db):
    user = UserFactory()
    person = PersonFactory(user=user)
    client.force_login(user)
    daughter = UserFactory()
    assert post_new(client, person, kind="proxy", username=daughter.username).status_code == 302
    assert CareRelationship.objects.active().filter(person=person, kind="proxy", user=daughter).exists()


def test_family_and_carers_are_added_with_a_start_and_ended_without_being_deleted(signed_in, client):
    user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, user)
    url = reverse("people:new_supporter", args=[person.pk])
    data = {"name": "Grace Okafor", "relationship": "", "phone": "12", "form_key": str(uuid.uuid4())}
    content = client.post(url, data).content.decode()
    assert "Say who they are to the person" in content and "Enter a UK phone number" in content
    assert 'value="Grace Okafor"' in content
    assert client.post(url, data | {"relationship": "daughter", "phone": "07700900456"}).status_code == 302
    supporter = person.supporters.get()
    assert supporter.phone == "07700 900456" and supporter.started_on
    client.post(reverse("people:end_supporter", args=[person.pk, supporter.pk]))
    supporter.refresh_from_db()
    assert supporter.ended_on is not None
    assert "Grace Okafor" in client.get(reverse("people:person", args=[person.pk])).content.decode()


def test_home_lists_the_named_workers_people_and_audits_the_list(signed_in, client):
    user = signed_in("clinician")
    mine = [make_named_worker(PersonFactory(), user).person for _ in range(3)]
    allocate(PersonFactory(), "care_team", user=user)  # care team only: not on the named-worker list
    content = client.get("/").content.decode()
    assert "People you are named worker for" in content and "3 people" in content
    assert all(p.full_name in html.unescape(content) for p in mine)  # O'Brien as the page writes it, whichever way
    listed = AuditEvent.objects.filter(action="caseload_listed", actor=user)
    assert sorted(listed.values_list("person_id", flat=True)) == sorted(p.pk for p in mine)
    assert set(listed.values_list("basis", flat=True)) == {"relationship"}


def test_a_proxy_finds_the_people_they_help_on_their_home_page(client, db):
    daughter = UserFactory()
    mother = PersonFactory(given_name="Edith", family_name="Ward")
    RelationshipFactory(person=mother, user=daughter, kind="proxy")
    client.force_login(daughter)
    content = client.get("/").content.decode()
    assert "People you help with their record" in content and "Edith Ward" in content
    assert "You do not have an active role" not in content
    assert client.get(reverse("people:person", args=[mother.pk])).status_code == 200
