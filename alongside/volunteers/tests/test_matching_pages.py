"""Asking for a volunteer, the coordinator's queue and matches, allocating and ending: what each user sees and can
do, what is audited, and what the volunteer is told."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.core.models import Alert, AuditEvent, Message
from alongside.partners.models import Role
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.volunteers.models import VolunteerRequest

from .matching_factories import asking, hub, practice, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def living_well():
    return hub()


@pytest.fixture
def riverside():
    return practice()


def coordinator_of(client, member, team):
    user = member(Role.COORDINATOR, team=team)
    client.force_login(user)
    return user


# --- asking ----------------------------------------------------------------------------------------------------


def test_the_named_worker_asks_from_the_persons_page_and_a_second_send_makes_one_request(client, member, living_well):
    worker = member("clinician")
    person = PersonFactory(given_name="Iris", family_name="Moss")
    RelationshipFactory(person=person, user=worker, kind="named_worker")
    client.force_login(worker)
    page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "A volunteer" in page and "No volunteer visits Iris at the moment." in page
    assert reverse("volunteers:ask", args=[person.pk]) in page
    form = client.get(reverse("volunteers:ask", args=[person.pk])).content.decode()
    assert "What would help them?" in form and "checked" not in form  # nothing chosen for them
    key = str(uuid.uuid4())
    data = {
        "form_key": key,
        "hub": living_well.pk,
        "what_would_help": "Someone to talk to about the garden",
        "languages": "Polish, english",
        "interests": ["Gardening"],
    }
    first = client.post(reverse("volunteers:ask", args=[person.pk]), data)
    again = client.post(reverse("volunteers:ask", args=[person.pk]), data)
    assert first.status_code == again.status_code == 302
    made = VolunteerRequest.objects.get(person=person)
    assert made.asked_as == "staff" and made.languages == ["Polish"] and made.interests == ["Gardening"]
    assert AuditEvent.objects.filter(action="volunteer_requested", person_id=person.pk, basis="relationship").exists()
    page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert f"Someone asked {living_well.name} for a volunteer" in page


def test_asking_again_while_one_waits_is_answered_kindly_and_keeps_what_was_typed(client, member, living_well):
    worker = member("clinician")
    person = PersonFactory(given_name="Iris")
    RelationshipFactory(person=person, user=worker, kind="named_worker")
    asking(living_well, person=person)
    client.force_login(worker)
    data = {"form_key": str(uuid.uuid4()), "hub": living_well.pk, "what_would_help": "A weekly chat please"}
    page = client.post(reverse("volunteers:ask", args=[person.pk]), data).content.decode()
    assert "Iris already has a request waiting with Living Well volunteer hub" in page
    assert "no need to ask again" in page and "A weekly chat please" in page
    assert VolunteerRequest.objects.filter(person=person).count() == 1


def test_the_person_asks_in_their_own_words_and_must_say_what_would_help(client, member, living_well):
    user = member("clinician", second_factor=False)
    user.memberships.all().delete()
    person = PersonFactory(user=user)
    client.force_login(user)
    page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "Ask for a volunteer to visit you" in page and "No volunteer visits you at the moment." in page
    form = client.get(reverse("volunteers:ask", args=[person.pk])).content.decode()
    assert "What would help you?" in form and "Which languages do you speak besides English?" in form
    empty = client.post(
        reverse("volunteers:ask", args=[person.pk]), {"form_key": str(uuid.uuid4()), "hub": living_well.pk}
    )
    assert "Say what would help" in empty.content.decode() and not VolunteerRequest.objects.exists()
    done = client.post(
        reverse("volunteers:ask", args=[person.pk]),
        {"form_key": str(uuid.uuid4()), "hub": living_well.pk, "what_would_help": "Company"},
    )
    assert done.status_code == 302 and VolunteerRequest.objects.get().asked_as == "self"


def test_with_two_hubs_the_form_asks_which(client, member, living_well):
    other = hub("Second hub")
    worker = member("clinician")
    person = PersonFactory()
    RelationshipFactory(person=person, user=worker, kind="named_worker")
    client.force_login(worker)
    form = client.get(reverse("volunteers:ask", args=[person.pk])).content.decode()
    assert "Which volunteer hub should we ask?" in form and "Second hub" in form
    missing = client.post(
        reverse("volunteers:ask", args=[person.pk]), {"form_key": str(uuid.uuid4()), "what_would_help": "Company"}
    )
    assert "Choose which volunteer hub to ask" in missing.content.decode()
    client.post(
        reverse("volunteers:ask", args=[person.pk]),
        {"form_key": str(uuid.uuid4()), "hub": other.pk, "what_would_help": "Company"},
    )
    assert VolunteerRequest.objects.get().hub == other


def test_a_volunteer_and_staff_without_a_relationship_cannot_ask(client, member, living_well):
    person = PersonFactory()
    helper = volunteer(living_well)
    RelationshipFactory(person=person, user=helper, kind="volunteer")
    client.force_login(helper)
    assert client.get(reverse("volunteers:ask", args=[person.pk])).status_code == 404
    client.force_login(member("clinician"))
    assert client.get(reverse("volunteers:ask", args=[person.pk])).status_code == 404


# --- the coordinator's queue and matches ------------------------------------------------------------------------


def test_the_queue_shows_the_hubs_waiting_requests_in_a_constant_number_of_queries(client, member, living_well):
    coordinator_of(client, member, living_well)
    other = asking(hub("Other hub"), given_name="Not", family_name="Ours")

    def queries(n):
        for _ in range(n):
            asking(living_well, gp_practice=practice(f"Practice {uuid.uuid4().hex[:6]}"))
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("volunteers:requests"))
        assert page.status_code == 200
        return len(captured), page.content.decode()

    few, _ = queries(2)
    many, page = queries(10)
    assert few == many
    assert page.count('id="request-') == 12 and "Not Ours" not in page and f"request-{other.pk}" not in page
    assert AuditEvent.objects.filter(action="volunteer_requests_listed", basis="volunteer hub").count() == 2 + 12


def test_the_home_panel_shows_the_longest_waiting(client, member, living_well):
    coordinator_of(client, member, living_well)
    first = asking(living_well, given_name="Ada", family_name="First")
    for _ in range(6):
        asking(living_well)
    page = client.get(reverse("home")).content.decode()
    assert "People waiting for a volunteer" in page and "7 people are waiting in your hub" in page
    assert "Ada First" in page and reverse("volunteers:match", args=[first.pk]) in page


def test_matches_put_the_practice_first_and_say_who_was_left_out_and_why(client, member, living_well, riverside):
    coordinator_of(client, member, living_well)
    wanted = asking(living_well, gp_practice=riverside, postcode="NV2 4AB", languages=["Polish"], given_name="Iris")
    volunteer(living_well, first_name="Pat", last_name="Near", home_district="NV2", languages=["Polish"])
    volunteer(living_well, first_name="Sam", last_name="Practice", practices=[riverside])
    volunteer(living_well, first_name="Lee", last_name="Lapsed", practices=[riverside], lapsed=True)
    full = volunteer(living_well, first_name="Flo", last_name="Full", practices=[riverside], capacity=1)
    RelationshipFactory(person=PersonFactory(), user=full, kind="volunteer")
    page = client.get(reverse("volunteers:match", args=[wanted.pk])).content.decode()
    assert page.index("Sam Practice") < page.index("Pat Near")
    assert "Visits patients of Riverside Medical Centre" in page and "Speaks Polish" in page
    assert "Lee Lapsed" not in page and "Flo Full" not in page
    assert "1 volunteer is not shown because a check, training or the confidentiality agreement has lapsed" in page
    assert "Their DBS check ran out: 1 volunteer" in page
    assert "1 volunteer is not shown because they have no room for another person" in page
    assert str(wanted.person.birth_date.year) not in page  # nothing of the record beyond what matching needs
    assert AuditEvent.objects.filter(
        action="volunteer_matches_viewed", person_id=wanted.person_id, basis="volunteer hub"
    ).exists()


def test_another_hubs_request_answers_as_missing(client, member, living_well):
    coordinator_of(client, member, living_well)
    theirs = asking(hub("Other hub"))
    assert client.get(reverse("volunteers:match", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("volunteers:match", args=[2147483647])).status_code == 404
    assert AuditEvent.objects.filter(action="denied:volunteer_matches_viewed").count() == 2


# --- allocating -------------------------------------------------------------------------------------------------


def test_allocating_checks_answers_starts_the_relationship_and_tells_the_volunteer(
    client, member, living_well, riverside, django_capture_on_commit_callbacks
):
    coordinator = coordinator_of(client, member, living_well)
    wanted = asking(living_well, gp_practice=riverside, given_name="Iris", family_name="Moss")
    chosen = volunteer(
        living_well, first_name="Sam", last_name="Practice", practices=[riverside], by_text=True, phone="07700900123"
    )
    url = reverse("volunteers:allocate", args=[wanted.pk, chosen.pk])
    check = client.get(url).content.decode()
    assert "Check before Sam Practice visits Iris Moss" in check and "Allocate Sam Practice" in check
    assert not CareRelationship.objects.filter(user=chosen).exists()
    done = client.post(url)
    assert done.status_code == 302
    relationship = CareRelationship.objects.get(user=chosen, person=wanted.person, kind="volunteer")
    wanted.refresh_from_db()
    assert wanted.status == "allocated" and wanted.relationship == relationship and wanted.answered_by == coordinator
    alert = Alert.objects.get(recipient=chosen)
    assert "Iris Moss" in alert.text and alert.url == reverse("people:person", args=[wanted.person_id])
    text = Message.objects.get(channel="sms", to="07700900123")
    assert "Iris" not in text.personalisation["body"]  # a text message names nobody
    assert AuditEvent.objects.filter(action="relationship_started", person_id=wanted.person_id, basis="volunteer hub")
    again = client.post(url)  # pressed twice
    assert again.status_code == 302 and CareRelationship.objects.filter(user=chosen).count() == 1
    # the volunteer now sees their new client's page, and the alert on their home page
    client.force_login(chosen)
    assert client.get(reverse("people:person", args=[wanted.person_id])).status_code == 200
    assert "Iris Moss" in client.get(reverse("home")).content.decode()


def test_a_lapsed_volunteer_cannot_be_allocated_even_by_a_forged_post(client, member, living_well, riverside):
    coordinator_of(client, member, living_well)
    wanted = asking(living_well, gp_practice=riverside)
    lapsed = volunteer(living_well, first_name="Lee", last_name="Lapsed", practices=[riverside], lapsed=True)
    page = client.post(reverse("volunteers:allocate", args=[wanted.pk, lapsed.pk])).content.decode()
    assert "You cannot choose this volunteer" in page and "Their DBS check ran out" in page
    assert not CareRelationship.objects.filter(user=lapsed).exists()
    wanted.refresh_from_db()
    assert wanted.status == "waiting"


def test_a_full_volunteer_or_one_from_another_hub_cannot_be_allocated(client, member, living_well):
    coordinator_of(client, member, living_well)
    wanted = asking(living_well)
    full = volunteer(living_well, capacity=1)
    RelationshipFactory(person=PersonFactory(), user=full, kind="volunteer")
    page = client.post(reverse("volunteers:allocate", args=[wanted.pk, full.pk])).content.decode()
    assert "has no room for another client" in page
    stranger = volunteer(TeamFactory(kind="volunteer_hub"))
    assert client.post(reverse("volunteers:allocate", args=[wanted.pk, stranger.pk])).status_code == 404
    assert not CareRelationship.objects.filter(user__in=[full, stranger], person=wanted.person).exists()


def test_a_volunteer_or_clinician_cannot_allocate(client, member, living_well):
    wanted = asking(living_well)
    helper = volunteer(living_well)
    client.force_login(helper)
    assert client.post(reverse("volunteers:allocate", args=[wanted.pk, helper.pk])).status_code in (403, 404)
    client.force_login(member("clinician"))
    assert client.post(reverse("volunteers:allocate", args=[wanted.pk, helper.pk])).status_code in (403, 404)
    assert not CareRelationship.objects.filter(user=helper).exists()


# --- ending -----------------------------------------------------------------------------------------------------


def test_ending_asks_for_a_reason_and_thanks_the_volunteer(client, member, living_well):
    coordinator_of(client, member, living_well)
    helper = volunteer(living_well, first_name="Sam", by_email=True, email="sam@example.org")
    person = PersonFactory(given_name="Iris")
    relationship = RelationshipFactory(person=person, user=helper, kind="volunteer")
    url = reverse("volunteers:end_allocation", args=[relationship.pk])
    assert "Why are these visits ending?" in client.get(url).content.decode()
    empty = client.post(url, {"reason": "  "})
    assert "Say why these visits are ending" in empty.content.decode()
    assert client.post(url, {"reason": "Moved into a care home"}).status_code == 302
    relationship.refresh_from_db()
    assert relationship.ended_at is not None and relationship.ended_reason == "Moved into a care home"
    thanks = Alert.objects.get(recipient=helper)
    assert thanks.text.startswith("Thank you for your visits to Iris") and "care home" not in thanks.text
    assert "thank you" in Message.objects.get(to="sam@example.org").personalisation["body"].lower()
    assert client.get(url).status_code == 404  # already ended


def test_another_hubs_allocation_cannot_be_ended(client, member, living_well):
    coordinator_of(client, member, living_well)
    theirs = volunteer(hub("Other hub"))
    relationship = RelationshipFactory(person=PersonFactory(), user=theirs, kind="volunteer")
    assert client.post(reverse("volunteers:end_allocation", args=[relationship.pk]), {"reason": "x"}).status_code == 404
    relationship.refresh_from_db()
    assert relationship.ended_at is None


def test_staff_see_who_visits_the_person_on_their_page(client, member, living_well):
    worker = member("clinician")
    person = PersonFactory(given_name="Iris")
    RelationshipFactory(person=person, user=worker, kind="named_worker")
    helper = volunteer(living_well, first_name="Sam", last_name="Visits")
    RelationshipFactory(person=person, user=helper, kind="volunteer")
    client.force_login(worker)
    page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "Sam Visits visits Iris" in page
