"""The demo directory: about 300 services from 40 invented organisations, the same for the same seed, with what a
searcher needs (who to call, when, where, cost), drama-range phones and example emails only; a few not checked for
over 6 months. In the generator (no database) and as built."""

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from alongside.directory import finding_demo
from alongside.directory.models import ListingChange, Location, Organisation, Schedule, Service, TaxonomyTerm
from alongside.directory.places import NORTHVALE, Point, miles, where

TODAY = date(2026, 11, 19)
COORDINATORS = ["coordinator", "coordinator2", "coordinator3"]


@pytest.fixture(scope="module")
def plan():
    return finding_demo.plan_directory(2026, TODAY, COORDINATORS)


def test_the_same_seed_gives_the_same_directory_and_another_seed_another(plan):
    assert finding_demo.plan_directory(2026, TODAY, COORDINATORS) == plan
    assert finding_demo.plan_directory(2027, TODAY, COORDINATORS) != plan


def test_three_hundred_services_from_forty_organisations_each_with_one(plan):
    assert len(plan.services) == 300 and len(plan.organisations) == 40
    assert len({o.name for o in plan.organisations}) == 40
    assert set(range(40)) == {s.organisation for s in plan.services}


def test_every_need_has_services_and_children_sit_under_a_need(plan):
    used = Counter(code for s in plan.services for code in s.terms)
    codes = {t.code for t in plan.terms}
    assert all(used[code] > 0 for code in codes)
    assert {t.parent for t in plan.terms if t.parent} <= codes


def test_contact_details_are_invented_and_safe(plan):
    for s in plan.services:
        assert re.fullmatch(r"01632 960\d{3}|07700 900\d{3}", s.phone)
        for email in (s.referral_email, s.email):
            assert re.fullmatch(r"[a-z0-9]+@[a-z0-9]+\.example\.(org|com|net)", email), email
        assert s.editor in COORDINATORS and s.contact and s.openings
    for o in plan.organisations:
        assert re.fullmatch(r"hello@[a-z0-9]+\.example\.(org|com|net)", o.email), o.email


def test_places_are_in_northvale_where_their_postcodes_say(plan):
    for loc in plan.locations:
        assert loc.postcode[:3] in NORTHVALE
        assert miles(where(loc.postcode), Point(loc.latitude, loc.longitude)) < 0.01


def test_most_are_free_and_open_some_by_phone_some_for_older_people_some_out_of_date(plan):
    services = plan.services
    free = [s for s in services if s.cost is None]
    assert 0.75 * len(services) <= len(free) <= 0.95 * len(services)
    assert sum(1 for s in services if s.status == "active" and not s.retired) >= 255
    assert {s.status for s in services} == {"active", "inactive", "temporarily closed"}
    assert any(s.retired for s in services)
    assert any(not s.locations for s in services) and any(s.minimum_age == 65 for s in services)
    stale = [s for s in services if s.checked_on < TODAY - timedelta(days=183)]
    assert 5 <= len(stale) <= 40
    assert any(o.freq == "MONTHLY" for s in services for o in s.openings)


# --- as built ---------------------------------------------------------------------------------------------------


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=50)


def test_the_built_demo_has_the_directory(built):
    assert Organisation.objects.count() == 40 and Service.objects.count() == 300
    assert TaxonomyTerm.objects.filter(parent__isnull=False).count() >= 8
    assert Location.objects.filter(latitude__isnull=False).count() == Location.objects.count() > 40
    assert Schedule.objects.count() >= 300
    assert ListingChange.objects.filter(what="added").count() == 340
    assert not Service.objects.filter(editor__isnull=True).exists()


def test_every_demo_service_published_keeps_to_hsds_3_and_the_uk_profile(built, client):
    """Issue 14: schema validation of every API endpoint for every demo service: each page of /services and
    /service_at_locations, each of them by id, and the taxonomies and their terms."""
    from alongside.directory.tests.test_hsds_api import get, valid

    published = Service.objects.filter(retired_at__isnull=True, organisation__retired_at__isnull=True).count()
    seen = 0
    for kind, name in (("services", "service"), ("service_at_locations", "service_at_location")):
        page = 1
        while True:
            envelope = get(client, f"/api/hsds/{kind}?per_page=50&page={page}")
            for item in envelope["contents"]:
                valid(name, item)
            for item in envelope["contents"]:
                valid(name, get(client, f"/api/hsds/{kind}/{item['id']}"))
            seen += len(envelope["contents"]) if kind == "services" else 0
            if envelope["last_page"]:
                break
            page += 1
    assert seen == published > 250
    for kind, name in (("taxonomies", "taxonomy"), ("taxonomy_terms", "taxonomy_term")):
        for item in get(client, f"/api/hsds/{kind}?per_page=200")["contents"]:
            valid(name, item)
