"""The search pages: anyone can search without an account and sees who to call, when, cost and where, with the
distance; a service's page never shows where referrals go or who keeps it; bad input is said plainly, never a
500; the number of queries does not grow with the results; staff, volunteers and coordinators have it in the
menu."""

from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.core.tests.pages import texts

from .finding_factories import make_service, needs

pytestmark = pytest.mark.django_db
FIND = "/directory/find/"


def test_anyone_finds_a_service_nearest_first_with_who_to_call_and_how_far(client):
    terms = needs()
    make_service("Memory cafe", "A relaxed cafe", terms=[terms["company"]], postcode="NV2 3CD", byday="TU")
    make_service("Friendship club", terms=[terms["befriending"]], postcode="NV1 2AB", cost="2.00")
    make_service("Debt advice", terms=[terms["money"]], postcode="NV1 2AB")
    response = client.get(FIND, {"need": terms["company"].id, "postcode": "nv1 2ab"})
    assert response.status_code == 200
    page = texts(response)
    assert "2 services found for loneliness and company, nearest to NV1 2AB first" in page
    assert page.index("Friendship club") < page.index("Memory cafe") and "Debt advice" not in page
    assert 'href="tel:+44-1632-960123"' in response.content.decode()
    assert "Less than half a mile away" in page and "Tuesdays, 10am to 12 noon" in page and "£2.00" in page


def test_a_service_page_shows_how_to_get_help_never_the_referral_email(client):
    service = make_service("Memory cafe", "A relaxed cafe", postcode="NV2 3CD", referral_email="secret@example.org")
    response = client.get(f"{FIND}{service.id}/", {"postcode": "NV2", "words": "memory"})
    page = texts(response)
    assert "Memory cafe" in page and "Back to your search" in page and "1 Elm Road, Northvale, NV2 3CD" in page
    assert "secret@example.org" not in response.content.decode()
    assert '/directory/find/?words=memory&amp;postcode=NV2"' in response.content.decode()
    assert client.get(f"{FIND}00000000-0000-4000-8000-000000000000/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"postcode": "<script>"},
        {"postcode": "SW1A 1AA", "within": "5"},
        {"age": "-3"},
        {"age": "99999999999999999999"},
        {"need": "not-a-uuid", "page": "x", "within": "7", "day": "someday"},
        {"page": "99"},
        {"words": "x" * 500},
    ],
)
def test_bad_input_is_said_plainly_never_a_500(client, params):
    make_service("Lunch club")
    response = client.get(FIND, params)
    assert response.status_code == 200


def test_an_unknown_postcode_is_said_plainly_and_what_was_typed_is_kept(client):
    page = texts(client.get(FIND, {"postcode": "SW1A 1AA"}))
    assert "There is a problem" in page and "We do not know where SW1A 1AA is" in page


def test_the_number_of_queries_does_not_grow_with_the_results(client):
    terms = needs()
    make_service("Lunch club", terms=[terms["company"]], postcode="NV1 1AA")

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(FIND, {"words": "lunch", "postcode": "NV1", "day": "monday", "need": terms["company"].id})
        return len(queries)

    few = count()
    for n in range(25):
        make_service(f"Lunch club {n}", terms=[terms["company"]], postcode="NV2 1AA", opens=time(9))
    # The needs for the form; the search: tuned for words, the page, its services and what they show (five); here
    # in a savepoint (two) with the tuning undone (one), as a test runs in a transaction.
    assert count() == few == 12


@pytest.mark.parametrize("role", ["clinician", "coordinator", "volunteer"])
def test_staff_volunteers_and_coordinators_have_it_in_the_menu(client, signed_in, role):
    signed_in(role)
    assert 'href="/directory/find/"' in client.get("/").content.decode().split("</header>")[0]


def test_the_sign_in_page_links_to_it(client):
    assert 'href="/directory/find/"' in client.get("/accounts/login/").content.decode()
