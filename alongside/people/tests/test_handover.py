"""When a membership ends: who would be left without a named worker, and choosing a new one for each."""

import pytest
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.partners.models import Membership
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people import handover
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, allocate, make_named_worker


@pytest.fixture
def team(db):
    return TeamFactory(name="Riverside")


@pytest.fixture
def jo(member, team):
    return member("clinician", team=team, first_name="Jo", last_name="Bright")


def named_worker_of(person):
    found = CareRelationship.objects.active().filter(person=person, kind="named_worker").first()
    return found.user if found else None


def test_the_people_left_are_those_whose_named_worker_leaves_the_last_role_that_could_be_one(member, team, jo):
    ada, bob = PersonFactory(given_name="Ada", family_name="Okafor"), PersonFactory(family_name="Adams")
    make_named_worker(ada, jo)
    make_named_worker(bob, jo)
    PersonFactory()  # someone else's
    ending = jo.memberships.get()
    assert handover.people_of(ending) == [bob, ada]  # by last name
    assert handover.people_of(MembershipFactory(team=team, user=jo, role="volunteer")) == []  # never a named worker
    # Still a clinician in another team: only the people on this team's caseload are left.
    MembershipFactory(user=jo, role="social_worker")
    allocate(ada, "team_caseload", team=team)
    assert handover.people_of(ending) == [ada]
    # Still able to be a named worker in this team: nobody is left.
    MembershipFactory(user=jo, team=team, role="social_worker")
    assert handover.people_of(ending) == []


def test_the_manager_chooses_a_new_named_worker_for_each_and_the_membership_then_ends_with_nobody_left(
    client, member, team, jo
):
    admin, leader = member("admin"), member("team_leader", team=team)
    kim = member("clinician", team=team, first_name="Kim", last_name="Lee")
    ada, bob = PersonFactory(given_name="Ada", family_name="Okafor"), PersonFactory(given_name="Bob", family_name="Tan")
    make_named_worker(ada, jo)
    make_named_worker(bob, jo)
    ending = jo.memberships.get()
    url = reverse("people:handover", args=[ending.pk])
    # An administrator, who sees no person data, learns how many and who chooses; never who they are.
    client.force_login(admin)
    page = client.get(reverse("partners:end_membership", args=[ending.pk])).content.decode()
    assert "Jo Bright is named worker for 2 people" in page and "Ask the leader of" in page
    assert "Ada Okafor" not in page and url not in page
    assert client.get(url).status_code == 404
    client.force_login(leader)
    page = client.get(reverse("partners:end_membership", args=[ending.pk])).content.decode()
    assert "Jo Bright is named worker for 2 people" in page and "Ada Okafor" in page
    listed = AuditEvent.objects.filter(action="named_worker_handover_listed", actor=leader)
    assert sorted(listed.values_list("person_id", flat=True)) == sorted([ada.pk, bob.pk])
    assert set(listed.values_list("basis", flat=True)) == {"team leader"}

    choosing = client.get(url).content.decode()
    assert "Kim Lee" in choosing and choosing.count(">Jo Bright<") == 0  # never the one leaving
    assert "Choose a new named worker for at least one person" in client.post(url, {}).content.decode()
    response = client.post(url, {f"person_{ada.pk}": kim.pk, f"person_{bob.pk}": ""})
    assert response.status_code == 302 and response.url == reverse("partners:end_membership", args=[ending.pk])
    assert named_worker_of(ada) == kim and named_worker_of(bob) == jo
    page = client.get(reverse("partners:end_membership", args=[ending.pk])).content.decode()
    assert "named worker for 1 person" in page and "Bob Tan" in page and "Ada Okafor" not in page
    client.post(url, {f"person_{bob.pk}": kim.pk})
    assert named_worker_of(bob) == kim
    assert client.post(reverse("partners:end_membership", args=[ending.pk]), {"reason": "Left"}).status_code == 302
    assert not Membership.objects.active().filter(pk=ending.pk).exists()
    ended = AuditEvent.objects.filter(action="relationship_ended", person_id=ada.pk).get()
    assert ended.detail["reason"] == "Named worker changed" and ended.detail["membership_ending"] == ending.pk


def test_a_worker_from_another_team_or_a_made_up_choice_is_refused(client, member, team, jo):
    leader = member("team_leader", team=team)
    outsider = member("clinician")
    ada = PersonFactory()
    make_named_worker(ada, jo)
    client.force_login(leader)
    url = reverse("people:handover", args=[jo.memberships.get().pk])
    content = client.post(url, {f"person_{ada.pk}": outsider.pk}).content.decode()
    assert "from the list" in content and named_worker_of(ada) == jo
    assert AuditEvent.objects.filter(action="named_worker_handover_listed", basis="team leader").exists()
