"""A referral redirected to a voluntary service that is a partner in Alongside reaches its coordinators, who see it
and answer it: they take the person on, or hand it back to the single point of access. The referrer hears either."""

import pytest

from alongside.core.models import Alert
from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.referrals import actions
from alongside.referrals.models import Referral
from alongside.referrals.tests.factories import referred

pytestmark = pytest.mark.django_db


@pytest.fixture
def living_well():
    return OrganisationFactory(name="Living Well", kind=Organisation.Kind.VOLUNTARY)


@pytest.fixture
def coordinator(member, living_well):
    return member("coordinator", team=TeamFactory(organisation=living_well, kind=Team.Kind.VOLUNTEER_HUB))


def passed(gp, spa, partner) -> Referral:
    made = referred(gp)
    return actions.redirect(acting_as(spa), made.pk, "", "They run a lunch club near her.", made.version, partner.pk)


def test_the_partner_s_coordinator_finds_it_waiting_and_takes_them_on_and_the_referrer_hears(
    client, gp, spa, living_well, coordinator
):
    made = passed(gp, spa, living_well)
    assert made.redirected_to == "Living Well"
    assert Alert.objects.filter(recipient=coordinator, url=f"/referrals/{made.pk}/").exists()
    client.force_login(coordinator)
    home = texts(client.get("/"))
    assert "Referrals waiting for you" in home and "Ada Okafor , passed to Living Well" in home
    assert "Waiting for your answer" in texts(client.get("/referrals/service/"))
    assert "Answer this referral" in texts(client.get(f"/referrals/{made.pk}/"))
    missing = client.post(f"/referrals/{made.pk}/answer/", {"answer": "take_on", "version": made.version})
    assert "Enter what happens next: the referrer reads this" in texts(missing)
    client.post(
        f"/referrals/{made.pk}/answer/",
        {"answer": "take_on", "reason": "Sam will phone her this week.", "version": made.version},
    )
    made.refresh_from_db()
    assert made.partner_answer == "taken_on" and made.status == "redirected"
    told = Alert.objects.filter(recipient=gp).latest("pk").text
    assert "Living Well has taken Ada Okafor on" in told and told.endswith("Sam will phone her this week.")
    assert client.get(f"/referrals/{made.pk}/answer/").status_code == 404  # answered once
    assert "has been passed to Living Well" not in texts(client.get("/"))  # no longer waiting "for you"
    assert Alert.objects.filter(recipient=gp, read_at__isnull=True).exists()  # the referrer's news stays


def test_handing_back_returns_it_to_the_single_point_of_access_and_out_of_the_service_s_sight(
    client, gp, spa, living_well, coordinator
):
    made = passed(gp, spa, living_well)
    actions.hand_back(acting_as(coordinator), made.pk, "Our lunch club is full until spring.", made.version)
    made.refresh_from_db()
    assert made.status == "received" and made.partner is None and made.decided_at is None
    told = Alert.objects.filter(recipient=gp).latest("pk").text
    assert "Living Well cannot help this time. Our lunch club is full until spring." in told
    client.force_login(coordinator)
    assert client.get(f"/referrals/{made.pk}/").status_code == 404
    assert not Alert.objects.filter(recipient=coordinator, read_at__isnull=True).exists()
    client.force_login(spa)
    assert "Ada Okafor" in texts(client.get("/referrals/"))  # back in the waiting queue


def test_another_service_s_coordinator_never_sees_it(client, gp, spa, living_well, coordinator, member):
    made = passed(gp, spa, living_well)
    other = member("coordinator", team=TeamFactory(organisation=OrganisationFactory(kind="voluntary_organisation")))
    client.force_login(other)
    assert client.get(f"/referrals/{made.pk}/").status_code == 404
    assert client.get(f"/referrals/{made.pk}/answer/").status_code == 404
    assert "Ada Okafor" not in texts(client.get("/referrals/service/"))
    assert "Ada Okafor" not in texts(client.get("/"))


def test_the_decision_form_offers_partner_services_with_a_coordinator(client, spa, gp, living_well, coordinator):
    OrganisationFactory(name="Nobody Home", kind=Organisation.Kind.VOLUNTARY)  # no coordinator: not offered
    made = referred(gp)
    client.force_login(spa)
    page = texts(client.get(f"/referrals/{made.pk}/decision/"))
    assert "Living Well" in page and "Nobody Home" not in page
    client.post(
        f"/referrals/{made.pk}/decision/",
        {"decision": "redirect", "partner": living_well.pk, "reason": "Lunch club", "version": made.version},
    )
    made.refresh_from_db()
    assert made.partner == living_well and made.status == "redirected"


def test_the_service_list_and_the_home_panel_cost_the_same_queries_for_1_or_6_referrals(
    client, gp, spa, living_well, coordinator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    passed(gp, spa, living_well)
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get("/referrals/service/")
        client.get("/")
    for _ in range(5):
        passed(gp, spa, living_well)
    with CaptureQueriesContext(connection) as many:
        client.get("/referrals/service/")
        client.get("/")
    assert len(many) == len(few)
