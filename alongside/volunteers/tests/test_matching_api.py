"""GET /api/v1/volunteers/matches?person_id=: ranked with reasons for the coordinators of a hub the person asked;
the same 404 as a missing person for anyone else who coordinates; 403 for roles that never match."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.core.models import AuditEvent
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .matching_factories import asking, hub, practice, volunteer

pytestmark = pytest.mark.django_db
URL = "/api/v1/volunteers/matches"


def test_a_coordinator_gets_the_ranking_with_reasons_and_who_was_left_out(client, member):
    living_well, riverside = hub(), practice()
    wanted = asking(living_well, gp_practice=riverside, postcode="NV2 4AB", interests=["Gardening"])
    volunteer(living_well, first_name="Pat", last_name="Near", home_district="NV2", interests=["gardening"])
    sam = volunteer(living_well, first_name="Sam", last_name="Practice", practices=[riverside])
    volunteer(living_well, first_name="Lee", last_name="Lapsed", practices=[riverside], lapsed=True)
    client.force_login(member("coordinator", team=living_well))
    answer = client.get(URL, {"person_id": wanted.person_id})
    assert answer.status_code == 200
    body = answer.json()
    assert [m["name"] for m in body["matches"]] == ["Sam Practice", "Pat Near"]
    first = body["matches"][0]
    assert first["rank"] == 1 and first["volunteer_id"] == sam.pk and first["gp_practice"] is True
    assert "Visits patients of Riverside Medical Centre" in first["reasons"]
    assert body["matches"][1]["interests"] == ["gardening"] and body["matches"][1]["nearness"] == 2
    assert body["left_out"] == {"lapsed": 1, "lapsed_reasons": {"Their DBS check ran out": 1}, "full": 0}
    assert body["gp_practice"] == "Riverside Medical Centre" and body["postcode_district"] == "NV2"
    assert "birth_date" not in body and "nhs_number" not in body
    assert AuditEvent.objects.filter(action="api_volunteer_matches", person_id=wanted.person_id, basis="volunteer hub")


def test_someone_who_did_not_ask_this_hub_answers_exactly_as_missing(client, member):
    living_well = hub()
    elsewhere = asking(hub("Other hub"))
    not_asked = PersonFactory()
    client.force_login(member("coordinator", team=living_well))
    missing = client.get(URL, {"person_id": 2147483647})
    assert missing.status_code == 404
    for person_id in (elsewhere.person_id, not_asked.pk):
        answer = client.get(URL, {"person_id": person_id})
        assert answer.status_code == 404 and answer.content == missing.content


def test_roles_that_never_match_are_refused_and_bad_input_is_a_422_not_a_500(client, member):
    living_well = hub()
    wanted = asking(living_well)
    worker = member("clinician")
    RelationshipFactory(person=wanted.person, user=worker, kind="named_worker")
    client.force_login(worker)
    assert client.get(URL, {"person_id": wanted.person_id}).status_code == 403
    client.force_login(volunteer(living_well))
    assert client.get(URL, {"person_id": wanted.person_id}).status_code == 403
    client.force_login(member("coordinator", team=living_well))
    assert client.get(URL, {"person_id": "abc"}).status_code == 422
    assert client.get(URL).status_code == 422
    assert client.get(URL, {"person_id": 99999999999}).status_code == 422
    client.logout()
    assert client.get(URL, {"person_id": wanted.person_id}).status_code == 401


def test_the_ranking_reads_a_constant_number_of_times_however_many_volunteers(client, member):
    living_well, riverside = hub(), practice()
    wanted = asking(living_well, gp_practice=riverside)
    client.force_login(member("coordinator", team=living_well))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"person_id": wanted.person_id}).status_code == 200
        return len(captured)

    volunteer(living_well, practices=[riverside])
    few = queries()
    for n in range(8):
        volunteer(living_well, practices=[riverside] if n % 2 else [], lapsed=n % 3 == 0)
    assert queries() == few
