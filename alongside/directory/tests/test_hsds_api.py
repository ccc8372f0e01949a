"""The open data, as a program using it sees it: every answer is HSDS 3.0 (and the UK profile), open to any web
page, paged, filtered by the UK profile's parameters, never a 500, and limited per address."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from alongside.directory import hsds_queries, hsds_schemas, places
from alongside.directory import models as m

from .factories_standards import directory

pytestmark = pytest.mark.django_db

PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def valid(name: str, instance) -> None:
    """Valid HSDS 3.0; and, for the objects the UK profile compiles (service, service_at_location), UK too."""
    assert hsds_schemas.problems(name, instance) == []
    if name.startswith("service"):
        assert hsds_schemas.problems(name, instance, uk=True) == []


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_root_says_the_version_and_profile(client):
    body = get(client, "/api/hsds/")
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://") and body["openapi_url"].startswith("https://")


def test_services_are_published_whole_and_valid(client):
    made = directory(4)
    body = get(client, "/api/hsds/services")
    assert set(body) == PAGE_FIELDS
    assert body["total_items"] == 4 and body["size"] == 4 and body["first_page"] and body["last_page"]
    for service in body["contents"]:
        valid("service", service)
        assert service["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "NV1 2AB"
        assert service["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["name"] == "Needs"
        assert service["contacts"][0]["phones"][0]["number"] == "01632 960002"
    one = get(client, f"/api/hsds/services/{made[0].id}")
    valid("service", one)
    assert one["id"] == str(made[0].id)


def test_referral_emails_and_retired_listings_are_never_published(client):
    made = directory(3)
    m.Service.objects.filter(pk=made[0].pk).update(retired_at=datetime.now(UTC))
    body = get(client, "/api/hsds/services")
    assert "referrals@example.org" not in str(body)
    assert str(made[0].id) not in str(body)
    get(client, f"/api/hsds/services/{made[0].id}", status=404)
    m.Organisation.objects.filter(pk=made[1].organisation_id).update(retired_at=datetime.now(UTC))
    assert get(client, "/api/hsds/services")["total_items"] == 0


def test_services_at_locations_and_taxonomies_are_valid(client):
    directory(3)
    body = get(client, "/api/hsds/service_at_locations")
    assert body["total_items"] == 3
    for sal in body["contents"]:
        valid("service_at_location", sal)
        assert sal["service"]["name"].startswith("Service")
    sal_id = body["contents"][0]["id"]
    valid("service_at_location", get(client, f"/api/hsds/service_at_locations/{sal_id}"))
    taxonomies = get(client, "/api/hsds/taxonomies")
    assert taxonomies["total_items"] == 1
    for item in taxonomies["contents"]:
        valid("taxonomy", item)
    valid("taxonomy", get(client, f"/api/hsds/taxonomies/{taxonomies['contents'][0]['id']}"))
    terms = get(client, "/api/hsds/taxonomy_terms?per_page=2&page=2")
    assert terms["total_items"] == 6 and terms["total_pages"] == 3 and terms["size"] == 2
    assert not terms["first_page"] and not terms["last_page"]
    for item in terms["contents"]:
        valid("taxonomy_term", item)
    valid("taxonomy_term", get(client, f"/api/hsds/taxonomy_terms/{terms['contents'][0]['id']}"))


def test_unknown_ids_and_paths_answer_404_in_json(client):
    get(client, f"/api/hsds/services/{uuid.uuid4()}", status=404)
    get(client, "/api/hsds/services/not-an-id", status=404)
    get(client, "/api/hsds/taxonomies/1", status=404)
    get(client, "/api/hsds/organizations", status=404)


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=x",
        "page=%C2%B2",  # "²": a digit to str.isdigit, not to int()
        "per_page=%E2%91%A0",  # "①" likewise
        "per_page=1000",
        "per_page=-1",
        "minimum_age=old",
        "maximum_age=nan",
        "taxonomy_term_id=7",
        "taxonomy_id=%00",
        "day=someday",
        "start_time=25:00",
        "end_time=noon",
        "postcode=hello",
        "proximity=far",
    ],
)
def test_values_that_cannot_be_used_answer_400_with_what_is_wrong(client, query):
    for path in ("services", "service_at_locations"):
        body = get(client, f"/api/hsds/{path}?{query}", status=400)
        assert body["errors"][0]["parameter"] == query.split("=")[0]
        assert body["errors"][0]["message"]


def test_a_page_past_the_end_is_empty(client):
    directory(2)
    body = get(client, "/api/hsds/services?page=5&per_page=1")
    assert body["empty"] and body["contents"] == [] and body["total_items"] == 2 and body["last_page"]


def test_the_profile_filters(client):
    made = directory(6)
    term = m.ServiceTerm.objects.get(service=made[0]).term

    def names(query):
        return sorted(s["name"] for s in get(client, f"/api/hsds/services?{query}")["contents"])

    assert names(f"taxonomy_term_id={term.id}") == ["Service 00000", "Service 00005"]
    assert len(names(f"taxonomy_id={term.taxonomy_id}")) == 6
    assert names("search=00003") == ["Service 00003"]
    assert names("text=00003") == ["Service 00003"]
    assert names("minimum_age=18") == ["Service 00001", "Service 00003", "Service 00005"]
    assert names("maximum_age=65") == ["Service 00001", "Service 00002", "Service 00004", "Service 00005"]
    assert len(names("day=MO")) == 6 and len(names("day=tuesday")) == 6 and names("day=SU") == []
    assert len(names("start_time=09:00&end_time=12:00")) == 6
    assert names("start_time=15:00") == []


def test_postcode_and_proximity_keep_the_places_within_that_many_metres_of_the_postcode(client):
    """Postcodes are placed as the public search places them (places.where: the centre of the district)."""
    made = directory(3)
    riverside, kirkby = places.where("NV1"), places.where("NV8")  # about 6.6 km apart
    for service, point in ((made[0], riverside), (made[1], kirkby)):
        m.Location.objects.filter(service_at_locations__service=service).update(
            latitude=point.latitude, longitude=point.longitude
        )  # made[2]'s place has no latitude and longitude: it is never near anywhere

    def found(query, path="service_at_locations"):
        body = get(client, f"/api/hsds/{path}?{query}")
        for item in body["contents"]:
            valid(path.rstrip("s"), item)
        return sorted(item.get("service_id", item["id"]) for item in body["contents"])

    ids = [str(s.id) for s in made]
    assert found("postcode=NV1&proximity=50") == [ids[0]]
    assert found("postcode=nv12ab&proximity=1000") == [ids[0]]  # a full postcode is near its district's centre
    assert found("postcode=NV1 2AB&proximity=10000") == sorted(ids[:2])
    assert found("postcode=NV8 1AA&proximity=1000") == [ids[1]]
    assert found("postcode=NV1&proximity=50", "services") == [ids[0]]
    assert found("postcode=NV1 2AB") == sorted(ids)  # without a proximity, the postcode filters nothing out
    assert found("proximity=1000") == sorted(ids)
    # A postcode written rightly, in a district not known, is near nothing: an empty page, as the profile allows.
    body = get(client, "/api/hsds/service_at_locations?postcode=SW1A 1AA&proximity=1000")
    assert body["empty"] and body["contents"] == [] and body["total_items"] == 0
    assert found("postcode=NV99 9ZZ&proximity=1000000", "services") == []


@given(st.floats(min_value=0, max_value=20_000), st.sampled_from(["NV1", "NV3 7QT", "NV5 2AB", "NV9"]))
def test_the_distance_filter_agrees_with_places(metres, postcode):
    """The API's distance (metres) and the public search's (miles) measure the same way."""
    centre = hsds_queries.district_centre(postcode)
    assert centre == tuple(places.where(postcode))
    kirkby = places.where("NV8")
    within = hsds_queries.near(centre, metres, [("kirkby", kirkby.latitude, kirkby.longitude)]) == ["kirkby"]
    miles = places.miles(places.Point(*centre), kirkby)
    assert within == (miles * 1609.344 <= metres) or abs(miles * 1609.344 - metres) < 1


def test_distance_in_metres():
    assert hsds_queries.distance_in_metres((53.0, -2.0), (53.0, -2.0)) == 0
    assert 110_000 < hsds_queries.distance_in_metres((53.0, -2.0), (54.0, -2.0)) < 112_000


def test_a_page_takes_the_same_queries_whatever_its_size(client):
    directory(60)
    for path, most in (("services", 16), ("service_at_locations", 20)):
        counts = {}
        for per_page in (5, 50):
            with CaptureQueriesContext(connection) as queries:
                body = get(client, f"/api/hsds/{path}?per_page={per_page}")
            assert body["size"] == per_page
            counts[per_page] = len(queries)
        assert counts[5] == counts[50] <= most, (path, counts)


def test_too_many_requests_answer_429_in_json(client, settings):
    settings.ALONGSIDE_HSDS_RATE = (3, 60)
    for _ in range(3):
        get(client, "/api/hsds/")
    body = get(client, "/api/hsds/taxonomies", status=429)
    assert "Too many requests" in body["detail"]


def test_only_reading_is_offered(client):
    response = client.post("/api/hsds/services", {})
    assert response.status_code == 405 and response["Access-Control-Allow-Origin"] == "*"
    response = client.options("/api/hsds/services")
    assert response.status_code == 204 and response["Access-Control-Allow-Origin"] == "*"
