"""The keepers' pages: the list (constant queries, filters), adding a service through check your answers (once,
however often it is sent), changing one with a conflict shown beside what was typed, checking, retiring."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.partners.models import Role

from .. import actions_listings as actions
from ..models import ListingChange, Organisation, Service
from .listings_factories import details, hub, keeper, organisation, request_as

pytestmark = pytest.mark.django_db
LIST = "/directory/keep/"


@pytest.fixture
def carol(member):
    return member("coordinator", team=hub(), first_name="Carol", last_name="Reid")


def _service_post(org, **changes):
    data = {
        "form_key": str(uuid.uuid4()),
        "organisation": str(org.pk),
        "name": "Friday food bank",
        "description": "A bag of food",
        "status": "active",
        "place1_name": "Larder hall",
        "place1_address_1": "1 Mill Lane",
        "place1_city": "Northvale",
        "place1_postal_code": "nv3 2ab",
        "place1_transportation": "Bus 12",
        "FR_opens": "10:00",
        "FR_closes": "1pm",
        "cost": "paid",
        "cost_amount": "2.50",
        "cost_words": "a bag",
        "phones": "01632 960555",
        "languages": "English, Polish",
    }
    return data | changes


def test_the_list_takes_the_same_queries_however_many_listings(client, carol):
    client.force_login(carol)
    organisation("One")
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for n in range(8):
        org = organisation(f"Org {n}")
        for m in range(3):
            Service.objects.create(organisation=org, name=f"Service {n}.{m}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert "Service 7.2" in page
    assert len(many) == len(few)


def test_the_list_flags_listings_not_checked_for_six_months_and_filters_them(client, carol):
    today = timezone.localdate()
    old = organisation("Old Org", added_on=today - timedelta(days=200))
    fresh = organisation("Fresh Org", checked_on=today - timedelta(days=10), added_on=today - timedelta(days=400))
    Service.objects.create(organisation=fresh, name="Stale service", checked_on=today - timedelta(days=184))
    Service.objects.create(organisation=fresh, name="Good service", checked_on=today - timedelta(days=183))
    client.force_login(carol)
    page = client.get(LIST).content.decode()
    row = page.split(f'id="organisation-{old.pk}"')[1].split("</section>")[0]
    assert "Needs checking" in row
    stale = client.get(LIST, {"show": "stale"}).content.decode()
    assert "Old Org" in stale and "Stale service" in stale and "Good service" not in stale


def test_adding_a_service_with_a_mistake_keeps_what_was_typed_then_checks_answers_and_adds_once(client, carol):
    org = organisation()
    client.force_login(carol)
    bad = _service_post(org, FR_closes="9am", cost_amount="", minimum_age="30", maximum_age="20", phones="12")
    page = client.post("/directory/keep/services/new/", bad).content.decode()
    assert "There is a problem" in page
    assert "The closing time on Friday must be after the opening time" in page
    assert "Enter how much it costs, in pounds" in page
    assert "The oldest age must be the same as or more than the youngest age" in page
    assert "12 is not a UK phone number" in page
    assert 'value="1 Mill Lane"' in page and not Service.objects.exists()
    good = _service_post(org)
    check = client.post("/directory/keep/services/new/", good).content.decode()
    assert "Check your answers before adding the service" in check
    assert "Friday: 10am to 1pm" in check and "£2.50 (a bag)" in check and 'href="tel:+44-1632-960555"' in check
    assert not Service.objects.exists()
    for question in ("id_name", "id_terms", "id_place1_name", "id_FR_opens", "id_minimum_age", "id_cost", "id_phones"):
        assert f'formaction="#{question}"' in check
    assert check.count(">Change<span") == 17
    changed = client.post("/directory/keep/services/new/", good | {"change": "yes"}).content.decode()
    assert 'value="Friday food bank"' in changed and "Check your answers" not in changed
    done = client.post("/directory/keep/services/new/", good | {"confirm": "yes"})
    again = client.post("/directory/keep/services/new/", good | {"confirm": "yes"})
    service = Service.objects.get()
    assert done.url == again.url == f"/directory/keep/services/{service.pk}/"
    assert service.service_at_locations.get().location.postal_code == "NV3 2AB"
    page = client.get(done.url).content.decode()
    assert "Carol Reid" in page and "Added" in page


def test_a_change_saved_by_someone_else_is_shown_beside_what_was_typed(client, carol):
    org = organisation()
    service = actions.add_service(request_as(carol), org.pk, details())
    client.force_login(carol)
    form = client.get(f"/directory/keep/services/{service.pk}/change/").content.decode()
    assert 'value="Friday food bank"' in form
    other = keeper(Role.DIRECTORY_EDITOR)
    actions.edit_service(request_as(other), service.pk, version=1, details=details(name="Saturday food bank"))
    post = _service_post(org, name="Friday larder", version="1", cost="free")
    post.pop("form_key")
    page = client.post(f"/directory/keep/services/{service.pk}/change/", post).content.decode()
    assert "Someone else changed this service while you were editing" in page
    conflict = page.split('id="conflict"')[1].split("</table>")[0]
    assert "Saturday food bank" in conflict and "Friday larder" in conflict
    assert 'value="Friday larder"' in page and 'name="version" value="2"' in page
    assert Service.objects.get().name == "Saturday food bank"
    saved = client.post(f"/directory/keep/services/{service.pk}/change/", post | {"version": "2"})
    assert saved.status_code == 302 and Service.objects.get().name == "Friday larder"


def test_checking_retiring_and_bringing_back(client, carol):
    org = organisation(added_on=timezone.localdate() - timedelta(days=300))
    client.force_login(carol)
    page = f"/directory/keep/organisations/{org.pk}/"
    assert "Needs checking" in client.get(page).content.decode()
    client.post(f"/directory/keep/organisation/{org.pk}/checked/")
    assert "Needs checking" not in client.get(page).content.decode()
    confirm = client.get(f"/directory/keep/organisation/{org.pk}/retire/").content.decode()
    assert "Nothing is deleted" in confirm
    client.post(f"/directory/keep/organisation/{org.pk}/retire/", {"reason": "Closed down"})
    shown = client.get(page).content.decode()
    assert "was retired on" in shown and "Closed down" in shown
    assert Organisation.objects.filter(pk=org.pk).exists()
    assert "Northvale Community Larder" in client.get(LIST, {"show": "retired"}).content.decode()
    client.post(f"/directory/keep/organisation/{org.pk}/bring-back/")
    assert Organisation.objects.get(pk=org.pk).retired_at is None
    assert [c.what for c in ListingChange.objects.order_by("pk")] == ["checked", "retired", "edited"]


@pytest.mark.parametrize("role", ["clinician", "admin", "volunteer"])
def test_others_are_refused(client, member, role):
    client.force_login(member(role))
    org = organisation()
    assert client.get(LIST).status_code == 403
    assert client.post(f"/directory/keep/organisation/{org.pk}/retire/").status_code == 403
    assert Organisation.objects.get().retired_at is None


def test_bad_input_is_never_a_500(client, carol):
    client.force_login(carol)
    assert client.get(LIST, {"page": "x", "show": "<b>"}).status_code == 200
    assert client.get(f"/directory/keep/services/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/directory/keep/nonsense/{uuid.uuid4()}/retire/").status_code == 404
    assert client.post("/directory/keep/services/new/", {"form_key": "x", "organisation": "nope"}).status_code == 200


def test_keepers_home_shows_listings_to_check_and_the_directory_link(client, carol, member):
    today = timezone.localdate()
    org = organisation("Old Org", added_on=today - timedelta(days=300), checked_on=today)
    Service.objects.create(organisation=org, name="Tea and talk", added_on=today - timedelta(days=200))
    client.force_login(carol)
    home = client.get("/").content.decode()
    panel = home.split('id="directory-to-check"')[1]
    assert "1 listing needs checking" in panel and "Tea and talk" in panel
    assert "never checked since it was added on" in panel
    assert 'href="/directory/keep/"' in home
    client.force_login(member("clinician"))
    home = client.get("/").content.decode()
    assert "directory-to-check" not in home and 'href="/directory/keep/"' not in home


def test_an_organisation_changed_elsewhere_is_shown_beside_what_was_typed(client, carol):
    org = actions.add_organisation(request_as(carol), name="Men's Shed", description="Woodwork", phone="01632 960111")
    actions.edit_organisation(
        request_as(keeper(Role.DIRECTORY_EDITOR)),
        org.pk,
        version=1,
        name="Millbrook Men's Shed",
        description="Woodwork",
        phone="01632 960111",
    )
    client.force_login(carol)
    typed = {"version": "1", "name": "The Shed", "description": "Woodwork", "phone": "01632 960 111"}
    page = client.post(f"/directory/keep/organisations/{org.pk}/change/", typed).content.decode()
    conflict = page.split('id="conflict"')[1].split("</table>")[0]
    assert "Millbrook Men&#39;s Shed" in conflict and "The Shed" in conflict and "Phone" not in conflict
    assert Organisation.objects.get().name == "Millbrook Men's Shed"
    client.post(f"/directory/keep/organisations/{org.pk}/change/", typed | {"version": "2"})
    assert Organisation.objects.get().name == "The Shed"
    change = ListingChange.objects.filter(by=carol, what="edited").get()
    assert change.detail["fields"] == ["name"]


def test_the_list_is_in_pages_of_twenty_by_name(client, carol):
    for n in range(23):
        organisation(f"Org {n:02d}")
    client.force_login(carol)
    first = client.get(LIST).content.decode()
    assert "Org 19" in first and "Org 20" not in first and "Page 1 of 2" in first
    second = client.get(LIST, {"page": "2"}).content.decode()
    assert "Org 22" in second and "Org 19" not in second
    assert "Org 22" in client.get(LIST, {"page": "999"}).content.decode()


def test_needing_a_check_takes_the_same_queries_however_many(client, carol):
    client.force_login(carol)
    long_ago = timezone.localdate() - timedelta(days=400)
    organisation("One", added_on=long_ago)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"show": "stale"})
    for n in range(6):
        org = organisation(f"Org {n}", added_on=long_ago)
        Service.objects.create(organisation=org, name=f"Service {n}", added_on=long_ago)
    with CaptureQueriesContext(connection) as many:
        assert "Service 5" in client.get(LIST, {"show": "stale"}).content.decode()
    assert len(many) == len(few)
