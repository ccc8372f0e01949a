"""The volunteer's own profile: read it, change it (a stale form keeps what was typed), sign the agreement."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.partners.tests.factories import OrganisationFactory
from alongside.volunteers.models import Agreement, Volunteer
from alongside.volunteers.standing import CURRENT_AGREEMENT

from .profiles_factories import hub, in_good_standing, profile

pytestmark = pytest.mark.django_db
PAGE = "/volunteers/profile/"
EDIT = "/volunteers/profile/change/"


@pytest.fixture
def priya(member):
    return member("volunteer", team=hub(), first_name="Priya", last_name="Shah", email="priya@example.org")


def answers(**changes) -> dict:
    data = {
        "version": "0",
        "phone": "07700 900 982",
        "languages": "Polish, urdu , Polish",
        "home_district": "nv2",
        "interests": "gardening, football",
        "days": ["0", "3"],
        "parts": ["morning"],
        "availability_words": "Not in school holidays",
        "capacity": "3",
        "told_by": ["text"],
    }
    return data | changes


def test_a_new_volunteer_sees_what_is_missing_in_plain_words(client, priya):
    client.force_login(priya)
    page = client.get(PAGE).content.decode()
    assert "Your volunteering profile" in page
    assert "You cannot take new clients at the moment" in page
    assert "No DBS check recorded" in page
    assert "You have not signed the confidentiality agreement" in page
    assert "Fill in" not in page  # the home panel says that; this page offers to change the details
    assert reverse("volunteers:sign_agreement") in page


def test_a_volunteer_fills_in_their_profile_and_it_is_audited_as_a_volunteer_not_a_person(client, priya):
    practice = OrganisationFactory(kind="gp_practice", name="Riverside Medical Centre")
    client.force_login(priya)
    form = client.get(EDIT).content.decode()
    assert "checked" not in form.split('name="told_by"')[1].split("</div>")[0]  # nothing pre-ticked
    response = client.post(EDIT, answers(practices=[str(practice.pk)]))
    assert response.status_code == 302 and response["Location"] == PAGE
    saved = Volunteer.objects.get(user=priya)
    assert saved.languages == ["Polish", "urdu"]
    assert saved.home_district == "NV2"
    assert saved.available_days == [0, 3] and saved.available_parts == ["morning"]
    assert (saved.capacity, saved.by_text, saved.by_email, saved.version) == (3, True, False, 1)
    assert list(saved.practices.all()) == [practice]
    event = AuditEvent.objects.get(action="volunteer_profile_saved")
    assert (event.object_type, event.object_id, event.person_id) == ("volunteer", str(saved.pk), None)
    page = client.get(PAGE).content.decode()
    assert "Riverside Medical Centre" in page and 'href="tel:+44-7700-900982"' in page
    assert "Mondays and Thursdays, mornings" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity": "lots"}, "How many people must be a number, like 3"),
        ({"capacity": "0"}, "How many people must be 1 or more"),
        ({"capacity": ""}, "Enter how many people you could visit at the same time"),
        ({"phone": "", "told_by": ["text"]}, "Enter your phone number, so that we can send you texts"),
        ({"phone": "call me"}, "Enter a phone number, like 07700 900 982 or 01632 960 001"),
        ({"home_district": "NV2 4AB"}, "Enter only the first part of your postcode, for example NV2"),
        ({"days": ["9"]}, "Select days from the list"),
        ({"practices": ["999999"]}, "Select GP practices from the list"),
    ],
)
def test_bad_answers_get_a_specific_message_and_keep_what_was_typed(client, priya, changes, message):
    client.force_login(priya)
    response = client.post(EDIT, answers(**changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "There is a problem" in page
    assert "gardening, football" in page  # kept
    assert not Volunteer.objects.filter(user=priya).exists()


def test_email_is_refused_when_the_volunteer_has_no_email_address(client, member):
    sam = member("volunteer", team=hub(), email="")
    client.force_login(sam)
    page = client.post(EDIT, answers(told_by=["email"])).content.decode()
    assert "We do not have your email address. Ask your coordinator to add it" in page


def test_a_stale_form_is_refused_and_keeps_what_was_typed(client, priya):
    profile(priya, phone="07700 900 111", capacity=2)  # version 1: saved since the form (version 0) began
    client.force_login(priya)
    response = client.post(EDIT, answers(interests="baking"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed somewhere else while you were editing" in page
    assert 'value="baking"' in page
    assert Volunteer.objects.get(user=priya).phone == "07700 900 111"
    assert client.post(EDIT, answers(interests="baking", version="1")).status_code == 302
    assert Volunteer.objects.get(user=priya).interests == ["baking"]


def test_the_page_shows_checks_with_when_they_run_out_and_what_is_due_soon(client, priya):
    today = timezone.localdate()
    in_good_standing(profile(priya), today, runs_out={"dbs": today + timedelta(days=40)})
    client.force_login(priya)
    page = client.get(PAGE).content.decode()
    assert "You can take new clients" in page
    soon = today + timedelta(days=40)
    assert f"Your DBS check runs out on {soon.day} {soon:%B %Y}, in 40 days" in page
    assert "Runs out soon" in page and "In date" in page
    assert "You signed the current agreement" in page


def test_signing_the_agreement_needs_the_box_ticked_and_records_version_and_date_once(client, priya):
    client.force_login(priya)
    url = reverse("volunteers:sign_agreement")
    form = client.get(url).content.decode()
    assert "Keep what you hear and see to yourself" in form
    assert "checked" not in form.split('name="agree"')[1].split(">")[0]
    page = client.post(url, {"form_key": "4b0c7c3e-1111-4000-8000-000000000001"}).content.decode()
    assert "Select that you have read the agreement and will keep to it" in page
    key = "4b0c7c3e-1111-4000-8000-000000000002"
    assert client.post(url, {"form_key": key, "agree": "on"}).status_code == 302
    assert client.post(url, {"form_key": key, "agree": "on"}).status_code == 302  # sent twice
    [signed] = Agreement.objects.filter(volunteer__user=priya)
    assert (signed.version, signed.signed_on, signed.recorded_by) == (CURRENT_AGREEMENT, timezone.localdate(), priya)
    assert AuditEvent.objects.filter(action="volunteer_agreement_signed", object_type="volunteer").count() == 1


@pytest.mark.parametrize("role", ["clinician", "coordinator", "admin"])
def test_other_roles_are_refused(client, member, role):
    client.force_login(member(role))
    for url in (PAGE, EDIT, reverse("volunteers:sign_agreement")):
        assert client.get(url).status_code in (403, 404)
