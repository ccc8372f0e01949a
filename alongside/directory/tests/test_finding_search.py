"""Finding who can help, in the database: each part of a search finds what a searcher would expect and leaves out
what they would not; closed and retired services are never found; the number of queries does not grow."""

from datetime import UTC, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.directory import finding_queries
from alongside.directory.finding import Search, read
from alongside.directory.models import Service

from .finding_factories import make_service, needs

pytestmark = pytest.mark.django_db
MONDAY_11 = datetime(2026, 11, 16, 11, 0, tzinfo=UTC)  # the third Monday of November


def names(search: Search) -> list[str]:
    return [found.name for found in finding_queries.search(search).services]


def asked(**params) -> Search:
    reading = read({k: str(v) for k, v in params.items()}, MONDAY_11)
    assert not reading.errors, reading.errors
    return reading.search


def test_a_need_finds_its_services_and_those_of_the_needs_under_it():
    terms = needs()
    make_service("Phone friends", terms=[terms["befriending"]])
    make_service("Coffee morning", terms=[terms["company"]])
    make_service("Debt advice", terms=[terms["money"]])
    assert names(asked(need=terms["company"].id)) == ["Coffee morning", "Phone friends"]
    assert names(asked(need=terms["befriending"].id)) == ["Phone friends"]


def test_words_forgive_a_slip_and_look_in_the_organisation_and_needs_too():
    terms = needs()
    make_service("Befriending by phone", "A volunteer calls you each week", terms=[terms["befriending"]])
    make_service("Lunch club", "A hot meal in company")
    assert names(asked(words="befreinding")) == ["Befriending by phone"]
    assert names(asked(words="lunch")) == ["Lunch club"]
    assert names(asked(words="lunch trust")) == ["Lunch club"]  # the organisation's name
    assert names(asked(words="money")) == []
    assert names(asked(words="debt", need=terms["money"].id)) == []


def test_nearest_first_within_a_distance_and_phone_services_always_reach_you():
    make_service("Far", postcode="NV9 1AB")
    make_service("Near", postcode="NV1 2AB")
    make_service("Middle", postcode="NV3 1AB")
    make_service("By phone")
    assert names(asked(postcode="nv1 2ab")) == ["Near", "Middle", "Far", "By phone"]
    assert names(asked(postcode="NV1 2AB", within=2)) == ["Near", "Middle", "By phone"]
    results = finding_queries.search(asked(postcode="NV1 2AB"))
    assert results.services[0].nearest.miles < 0.5 and results.services[2].nearest.miles > 2


def test_open_on_a_day_or_now():
    make_service("Mondays", byday="MO,WE", opens=time(10), closes=time(12))
    make_service("Monday afternoons", byday="MO", opens=time(13), closes=time(15))
    make_service("Third Monday", byday="3MO", opens=time(9), closes=time(17))
    make_service("First Monday", byday="1MO", opens=time(9), closes=time(17))
    make_service("Tuesdays", byday="TU")
    assert names(asked(day="monday")) == ["First Monday", "Monday afternoons", "Mondays", "Third Monday"]
    assert names(asked(day="now")) == ["Mondays", "Third Monday"]  # Monday 16 November at 11am


def test_age_and_free_only():
    make_service("Over 65s", minimum_age=65)
    make_service("Young carers", minimum_age=8, maximum_age=17)
    make_service("Anyone")
    make_service("Paid class", cost="3.00")
    assert names(asked(age=70)) == ["Anyone", "Over 65s", "Paid class"]
    assert names(asked(age=12)) == ["Anyone", "Paid class", "Young carers"]
    assert names(asked(free="yes")) == ["Anyone", "Over 65s", "Young carers"]


def test_closed_and_retired_services_are_never_found():
    make_service("Open")
    make_service("Closed for now", status=Service.Status.TEMPORARILY_CLOSED)
    make_service("Not running", status=Service.Status.INACTIVE)
    make_service("Retired", retired_at=timezone.now())
    gone = make_service("Of a retired organisation")
    gone.organisation.retired_at = timezone.now()
    gone.organisation.save()
    assert names(asked()) == ["Open"]
    assert finding_queries.service(gone.id) is None


def test_a_service_shows_who_to_call_when_where_and_cost_never_the_referral_email():
    service = make_service("Memory cafe", "A relaxed cafe", postcode="NV2 3CD", byday="1TU", cost="2.50")
    shown = finding_queries.service(service.id)
    assert shown.phones == ["01632 960123"] and shown.cost == "£2.50"
    assert shown.openings == ["The first Tuesday of the month, 10am to 12 noon"]
    assert shown.places[0].address == "1 Elm Road, Northvale, NV2 3CD"
    assert "referral" not in repr(shown)


def test_a_word_search_inside_another_transaction_leaves_the_planner_as_it_was():
    make_service("Lunch club")
    finding_queries.search(asked(words="lunch"))
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_the_number_of_queries_does_not_grow_with_the_directory():
    terms = needs()

    def count(search):
        with CaptureQueriesContext(connection) as queries:
            finding_queries.search(search)
        return len(queries)

    make_service("One", terms=[terms["company"]], postcode="NV1 1AA")
    search = asked(words="one", postcode="NV1", within=5, day="now", age=70, free="yes", need=terms["company"].id)
    few = count(search)
    for n in range(30):
        make_service(f"One {n}", terms=[terms["company"]], postcode="NV2 1AA")
    assert count(search) == few == 11  # with the savepoint and the reset, as a test runs in a transaction
