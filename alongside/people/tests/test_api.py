"""The JSON API for person records: the same policy as the pages, by bearer token or session, audited.

One declarative table says what each caller gets from each endpoint; every cell is checked with both kinds of
authentication. A refusal answers exactly like a missing person, people the caller may not see never change a
count, and every person returned is one audit row.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.breakglass.models import BreakGlass
from alongside.consent.models import ConsentProvision
from alongside.core import api_input
from alongside.core.models import ApiToken, AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.models import Supporter
from alongside.people.tests.factories import (
    EntryFactory,
    PersonFactory,
    RelationshipFactory,
    StoryFactory,
    allocate,
    make_named_worker,
)

OK, NO = 200, 404
ENDPOINTS = ["found", "person", "access_log"]

# caller -> (found in the list, the record, the access log), and which parts of the record they get.
MATRIX = {
    "clinician, named worker": ((OK, OK, NO), {"identity", "contact", "story", "timeline", "restricted"}),
    "clinician, care team": ((OK, OK, NO), {"identity", "contact", "story", "timeline"}),
    "clinician, own team's caseload": ((OK, OK, NO), {"identity", "contact", "story", "timeline"}),
    "clinician, no relationship": ((NO, NO, NO), set()),
    "clinician, relationship ended": ((NO, NO, NO), set()),
    # Break-glass reads everything but the access log, which is the person's alone (policy.py, rule 3).
    "clinician, break-glass active": ((OK, OK, NO), {"identity", "contact", "story", "timeline", "restricted"}),
    "clinician, break-glass expired": ((NO, NO, NO), set()),
    "gp, consent permits the practice": ((OK, OK, NO), {"identity", "story"}),
    "gp, consent withdrawn": ((NO, NO, NO), set()),
    "volunteer, allocated": ((OK, OK, NO), {"contact", "shared"}),
    "volunteer, allocated but contact refused": ((OK, OK, NO), {"shared"}),
    "volunteer, allocation ended": ((NO, NO, NO), set()),
    "volunteer, not allocated": ((NO, NO, NO), set()),
    "the person": ((OK, OK, OK), {"identity", "contact", "story", "timeline"}),
    "their proxy": ((OK, OK, OK), {"identity", "contact", "story", "timeline"}),
    "someone else supported": ((NO, NO, NO), set()),
}


def make_caller(caller: str, member):
    """A user of the kind named, and the person record they are asked about (with every kind of data)."""
    now = timezone.now()
    person = PersonFactory(
        given_name="Matrix",
        family_name="Subject",
        nhs_number="9990000018",
        postcode="NV1 2AB",
        phone="07700 900123",
        shared_with_volunteers="I like talking about trains",
    )
    StoryFactory(person=person, text="I was a bus driver for thirty years.")
    EntryFactory(person=person, text="Ordinary visit note")
    EntryFactory(person=person, text="Sensitive detail", restricted=True)
    Supporter.objects.create(person=person, name="Nia Subject", relationship="daughter", phone="07700 900456")
    role = caller.split(",")[0]
    if role in {"the person", "their proxy", "someone else supported"}:
        user = UserFactory()
        if caller == "the person":
            person.user = user
            person.save()
        elif caller == "their proxy":
            RelationshipFactory(person=person, user=user, kind="proxy")
        else:
            PersonFactory(user=user)
        return user, person
    team = TeamFactory()
    user = member(role, team=team)
    state = caller.split(", ", 1)[1]
    earlier = now - timedelta(days=60)
    if state == "named worker":
        RelationshipFactory(person=person, user=user, kind="named_worker")
    elif state == "care team":
        RelationshipFactory(person=person, user=user, kind="care_team")
    elif state == "own team's caseload":
        RelationshipFactory(person=person, user=None, team=team, kind="team_caseload")
    elif state == "relationship ended":
        RelationshipFactory(person=person, user=user, kind="named_worker", started_at=earlier, ended_at=now)
    elif state == "break-glass active":
        BreakGlass.objects.create(
            user=user, person=person, reason_code="emergency", reason_text="Fall", expires_at=now + timedelta(hours=12)
        )
    elif state == "break-glass expired":
        BreakGlass.objects.create(
            user=user,
            person=person,
            reason_code="emergency",
            reason_text="Fall",
            started_at=now - timedelta(hours=13),
            expires_at=now - timedelta(hours=1),
        )
    elif state.startswith("consent"):
        ConsentProvision.objects.create(
            person=person,
            permit=True,
            actor_kind="organisation",
            organisation=team.organisation,
            categories=["name", "identity", "story"],
            withdrawn_at=now if "withdrawn" in state else None,
        )
    elif state.startswith("allocated") or state == "allocation ended":
        ended = state == "allocation ended"
        RelationshipFactory(
            person=person,
            user=user,
            kind="volunteer",
            started_at=earlier,
            ended_at=now if ended else None,
        )
        if "contact refused" in state:
            ConsentProvision.objects.create(
                person=person, permit=False, actor_kind="volunteers", categories=["contact"]
            )
    return user, person


def as_caller(client, user, auth: str):
    """Headers for a bearer token, or a signed-in session."""
    if auth == "bearer":
        _, token = ApiToken.issue(user, "test")
        return {"Authorization": f"Bearer {token}"}
    client.force_login(user)
    return {}


def call(client, headers, endpoint, person):
    if endpoint == "found":
        response = client.get("/api/v1/people", {"search": "Matrix Subject"}, headers=headers)
        assert response.status_code == 200
        return OK if person.pk in [i["id"] for i in response.json()["items"]] else NO
    url = f"/api/v1/people/{person.pk}" + ("/access-log" if endpoint == "access_log" else "")
    return client.get(url, headers=headers).status_code


def parts_shown(body: dict) -> set[str]:
    parts = {
        "identity": body["identity"] is not None,
        "contact": body["contact"] is not None,
        "story": body["story"] is not None,
        "timeline": body["timeline"] is not None,
        "shared": body["shared_with_volunteers"] is not None and body["identity"] is None,
        "restricted": any(e["restricted"] for e in body["timeline"] or []),
    }
    return {name for name, present in parts.items() if present}


@pytest.mark.parametrize("auth", ["bearer", "session"])
@pytest.mark.parametrize(("caller", "expected"), list(MATRIX.items()), ids=list(MATRIX))
def test_the_api_authorisation_matrix(caller, expected, auth, member, client):
    statuses, parts = expected
    user, person = make_caller(caller, member)
    headers = as_caller(client, user, auth)
    got = tuple(call(client, headers, endpoint, person) for endpoint in ENDPOINTS)
    assert dict(zip(ENDPOINTS, got, strict=True)) == dict(zip(ENDPOINTS, statuses, strict=True))
    if statuses[1] == OK:
        body = client.get(f"/api/v1/people/{person.pk}", headers=headers).json()
        assert parts_shown(body) == parts
        assert body["given_name"] == "Matrix"


@pytest.mark.parametrize("auth", ["bearer", "session"])
def test_list_fields_a_volunteer_may_not_see_are_null(auth, member, client):
    user, person = make_caller("volunteer, allocated", member)
    headers = as_caller(client, user, auth)
    [item] = client.get("/api/v1/people", {"search": "Matrix"}, headers=headers).json()["items"]
    assert item == {
        "id": person.pk,
        "given_name": "Matrix",
        "family_name": "Subject",
        "preferred_name": "",
        "nhs_number": None,
        "birth_date": None,
        "postcode": "NV1 2AB",
        "basis": "relationship",
    }
    staff = member("clinician")
    RelationshipFactory(person=person, user=staff, kind="care_team")
    [item] = client.get("/api/v1/people", {"search": "Matrix"}, headers=as_caller(client, staff, auth)).json()["items"]
    assert item["nhs_number"] == "9990000018" and item["birth_date"] == person.birth_date.isoformat()


@pytest.mark.parametrize("auth", ["bearer", "session"])
def test_a_refusal_is_identical_to_a_missing_person(auth, member, client):
    user, person = make_caller("clinician, no relationship", member)
    headers = as_caller(client, user, auth)
    for suffix in ["", "/access-log"]:
        refused = client.get(f"/api/v1/people/{person.pk}{suffix}", headers=headers)
        missing = client.get(f"/api/v1/people/{10**9}{suffix}", headers=headers)
        assert refused.status_code == missing.status_code == 404
        assert refused.content == missing.content
    assert AuditEvent.objects.filter(action="denied:api_person_viewed", actor=user, person_id=person.pk).exists()


def test_without_authentication_the_api_answers_401(db, client):
    person = PersonFactory()
    for url in ["/api/v1/people", f"/api/v1/people/{person.pk}", f"/api/v1/people/{person.pk}/access-log"]:
        assert client.get(url).status_code == 401


def test_people_the_caller_may_not_see_never_change_the_count(member, client):
    team = TeamFactory()
    user = member("clinician", team=team)
    headers = as_caller(client, user, "bearer")
    mine = [PersonFactory(family_name="Okafor", given_name=f"Ada{i}") for i in range(3)]
    for person in mine:
        allocate(person, "team_caseload", team=team)
    before = client.get("/api/v1/people", {"search": "Okafor"}, headers=headers).json()
    other_team = TeamFactory(organisation=team.organisation)
    for i in range(5):
        hidden = PersonFactory(family_name="Okafor", given_name=f"Ada{i}")
        allocate(hidden, "team_caseload", team=other_team)
    after = client.get("/api/v1/people", {"search": "Okafor"}, headers=headers).json()
    assert before["count"] == after["count"] == 3
    assert {i["id"] for i in after["items"]} == {p.pk for p in mine}


def test_the_list_is_paginated_and_limited_to_100(member, client):
    team = TeamFactory()
    user = member("clinician", team=team)
    headers = as_caller(client, user, "bearer")
    for i in range(7):
        person = PersonFactory(family_name="Pager", given_name=f"P{i}")
        allocate(person, "team_caseload", team=team)
    first = client.get("/api/v1/people", {"search": "Pager", "limit": 3}, headers=headers).json()
    last = client.get("/api/v1/people", {"search": "Pager", "limit": 3, "offset": 6}, headers=headers).json()
    assert first["count"] == last["count"] == 7
    assert len(first["items"]) == 3 and len(last["items"]) == 1
    everyone = client.get("/api/v1/people", {"limit": 100}, headers=headers).json()
    assert everyone["count"] == 7
    assert client.get("/api/v1/people", {"limit": 101}, headers=headers).status_code == 422
    assert client.get("/api/v1/people", {"offset": -1}, headers=headers).status_code == 422


@pytest.mark.parametrize("offset", ["2147483648", "9223372036854775807", "99999999999999999999"])
@pytest.mark.parametrize("operation", ["/api/v1/people", "/api/v1/people/{id}/access-log"])
def test_an_offset_beyond_the_largest_integer_is_refused_not_a_failure(member, client, offset, operation):
    user, person = make_caller("the person", member)
    url = operation.format(id=person.pk)
    response = client.get(url, {"offset": offset}, headers=as_caller(client, user, "bearer"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "offset"]
    assert "less than or equal to 2147483647" in response.json()["detail"][0]["msg"]
    assert client.get(url, {"offset": "2147483647"}, headers=as_caller(client, user, "bearer")).status_code == 200


def test_a_null_character_in_the_search_is_refused_with_what_to_do(member, client):
    user, _ = make_caller("clinician, named worker", member)
    response = client.get("/api/v1/people", {"search": "Matrix\x00Subject"}, headers=as_caller(client, user, "bearer"))
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"type": "null_character", "loc": ["query", "search"], "msg": api_input.NUL_FOUND}
    ]
    assert not AuditEvent.objects.filter(action="api_search_result").exists()


def test_audit_rows_equal_the_people_returned_with_their_basis(member, client):
    team = TeamFactory()
    user = member("clinician", team=team)
    headers = as_caller(client, user, "bearer")
    named = PersonFactory(family_name="Audit", given_name="Named")
    make_named_worker(named, user)
    consented = PersonFactory(family_name="Audit", given_name="Consented")
    ConsentProvision.objects.create(
        person=consented, permit=True, actor_kind="organisation", organisation=team.organisation, categories=["name"]
    )
    glass = PersonFactory(family_name="Audit", given_name="Glass")
    BreakGlass.objects.create(
        user=user, person=glass, reason_code="emergency", reason_text="Fall", expires_at=timezone.now() + timedelta(1)
    )
    PersonFactory(family_name="Audit", given_name="Hidden")
    body = client.get("/api/v1/people", {"search": "Audit", "limit": 2}, headers=headers).json()
    assert body["count"] == 3
    events = AuditEvent.objects.filter(action="api_search_result", actor=user)
    assert sorted(events.values_list("person_id", flat=True)) == sorted(i["id"] for i in body["items"])
    bases = {named.pk: "relationship", consented.pk: "consent", glass.pk: "break_glass"}
    for event in events:
        assert event.basis == bases[event.person_id]
        assert event.role == "clinician" and event.organisation_id == team.organisation_id
        assert event.detail["query"] == "Audit" and event.detail["shown"][0] == "name"
    rest = client.get("/api/v1/people", {"search": "Audit", "offset": 2}, headers=headers).json()
    assert AuditEvent.objects.filter(action="api_search_result", actor=user).count() == 3
    assert {i["basis"] for i in body["items"] + rest["items"]} == {"relationship", "consent", "break_glass"}


def test_an_empty_page_writes_no_audit_rows(member, client):
    user = member("clinician")
    headers = as_caller(client, user, "bearer")
    assert client.get("/api/v1/people", {"search": "Nobody"}, headers=headers).json() == {
        "count": 0,
        "limit": 20,
        "offset": 0,
        "close_matches": False,
        "problems": [],
        "items": [],
    }
    assert not AuditEvent.objects.filter(action="api_search_result").exists()


def test_the_list_takes_the_same_number_of_queries_for_1_or_30_people(member, client):
    team = TeamFactory()
    user = member("clinician", team=team)
    headers = as_caller(client, user, "bearer")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get("/api/v1/people", {"search": "Constant", "limit": 100}, headers=headers).status_code == 200
            )
        return len(captured)

    person = PersonFactory(family_name="Constant")
    RelationshipFactory(person=person, user=None, team=team, kind="team_caseload")
    one = queries()
    for _ in range(29):
        person = PersonFactory(family_name="Constant")
        RelationshipFactory(person=person, user=user, kind="named_worker")
        ConsentProvision.objects.create(person=person, permit=False, actor_kind="volunteers")
    assert queries() == one


def test_the_record_shows_each_part_the_way_the_page_does(member, client):
    user, person = make_caller("clinician, named worker", member)
    StoryFactory(person=person, number=2, text="I drove the number 12 bus.", reason="Corrected the route")
    original = EntryFactory(person=person, text="BP 150/90")
    EntryFactory(person=person, text="BP 130/90", amends=original, amend_reason="Typing error")
    ConsentProvision.objects.create(
        person=person, permit=False, actor_kind="volunteers", categories=["contact"], withdrawn_at=timezone.now()
    )
    body = client.get(f"/api/v1/people/{person.pk}", headers=as_caller(client, user, "bearer")).json()
    assert body["basis"] == "relationship"
    assert body["identity"]["nhs_number"] == "9990000018"
    assert body["contact"]["phone"] == "07700 900123"
    assert [(s["part"], s["number"], s["text"]) for s in body["story"]] == [
        ("my_story", 2, "I drove the number 12 bus.")
    ]
    assert [(r["kind"], r["active"]) for r in body["relationships"]] == [("named_worker", True)]
    assert body["supporters"][0]["name"] == "Nia Subject"
    assert body["consent"][0]["actor"] == "volunteers" and body["consent"][0]["withdrawn_at"] is not None
    amended = next(e for e in body["timeline"] if e["original_text"] == "BP 150/90")
    assert amended["text"] == "BP 130/90" and amended["amendments"][0]["reason"] == "Typing error"
    assert len(body["timeline"]) == 3  # amendments are inside the entry they amend, not beside it
    event = AuditEvent.objects.get(action="api_person_viewed", person_id=person.pk)
    assert event.basis == "relationship" and event.actor == user


def test_a_volunteer_gets_the_minimal_view_only(member, client):
    user, person = make_caller("volunteer, allocated", member)
    body = client.get(f"/api/v1/people/{person.pk}", headers=as_caller(client, user, "bearer")).json()
    assert body["identity"] is None and body["story"] is None and body["timeline"] is None
    assert body["consent"] is None
    assert body["contact"]["phone"] == "07700 900123"
    assert body["shared_with_volunteers"] == "I like talking about trains"
    assert body["supporters"][0]["phone"] == "07700 900456"
    assert "bus driver" not in str(body) and "visit note" not in str(body)


def test_the_person_reads_who_looked_at_their_record(member, client):
    person_user, person = make_caller("the person", member)
    staff = member("clinician")
    RelationshipFactory(person=person, user=staff, kind="named_worker")
    staff_headers = as_caller(client, staff, "bearer")
    client.get(f"/api/v1/people/{person.pk}", headers=staff_headers)
    client.get("/api/v1/people", {"search": "Matrix"}, headers=staff_headers)
    stranger = member("clinician")
    client.get(f"/api/v1/people/{person.pk}", headers=as_caller(client, stranger, "bearer"))  # refused
    headers = as_caller(client, person_user, "bearer")
    client.get(f"/api/v1/people/{person.pk}", headers=headers)  # the person's own reads are not listed
    body = client.get(f"/api/v1/people/{person.pk}/access-log", headers=headers).json()
    assert body["count"] == 2
    assert [(i["action"], i["basis"], i["who"]) for i in body["items"]] == [
        ("api_search_result", "relationship", staff.display_name),
        ("api_person_viewed", "relationship", staff.display_name),
    ]
    assert body["items"][0]["role"] == "clinician"
    assert body["items"][0]["organisation"] == staff.memberships.get().team.organisation.name
    page = client.get(f"/api/v1/people/{person.pk}/access-log", {"limit": 1, "offset": 1}, headers=headers).json()
    assert page["count"] == 2 and [i["action"] for i in page["items"]] == ["api_person_viewed"]


def test_a_proxy_reads_the_access_log_too(member, client):
    proxy, person = make_caller("their proxy", member)
    other_org_staff = member("gp", team=TeamFactory(organisation=OrganisationFactory()))
    RelationshipFactory(person=person, user=other_org_staff, kind="care_team")
    client.get(f"/api/v1/people/{person.pk}", headers=as_caller(client, other_org_staff, "bearer"))
    body = client.get(f"/api/v1/people/{person.pk}/access-log", headers=as_caller(client, proxy, "session")).json()
    assert ("api_person_viewed", "gp") in [(i["action"], i["role"]) for i in body["items"]]


def test_the_openapi_document_lists_the_people_endpoints(db, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/people", "/api/v1/people/{person_id}", "/api/v1/people/{person_id}/access-log"} <= set(paths)
    listing = paths["/api/v1/people"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"search", "limit", "offset"}


def test_search_matches_as_the_search_page_does(member, client):
    user, person = make_caller("clinician, named worker", member)
    headers = as_caller(client, user, "bearer")

    def found(query: str) -> list[int]:
        return [i["id"] for i in client.get("/api/v1/people", {"search": query}, headers=headers).json()["items"]]

    born = person.birth_date.strftime("%d/%m/%Y")
    for query in ["Subject Matrix", "Matrx Subject", "M Subject", "999 000 0018", born, "NV1 2AB"]:
        assert found(query) == [person.pk], query
    body = client.get("/api/v1/people", {"search": "Maxtrim Subjcet"}, headers=headers).json()
    assert (body["close_matches"], [i["id"] for i in body["items"]]) == (True, [person.pk])
    body = client.get("/api/v1/people", {"search": "M"}, headers=headers).json()
    assert body["count"] == 0 and body["problems"]


def test_a_volunteer_cannot_find_a_client_by_details_they_may_not_see(member, client):
    user, person = make_caller("volunteer, allocated", member)
    headers = as_caller(client, user, "session")

    def count(query: str) -> int:
        return client.get("/api/v1/people", {"search": query}, headers=headers).json()["count"]

    assert count("Matrix Subject") == 1 and count("NV1 2AB") == 1
    assert count("9990000018") == 0 and count(person.birth_date.strftime("%d/%m/%Y")) == 0
    assert not AuditEvent.objects.filter(action="api_search_result", detail__query="9990000018").exists()


def test_the_record_and_the_access_log_take_a_constant_number_of_queries(member, client):
    user, person = make_caller("the person", member)
    staff = member("clinician")
    RelationshipFactory(person=person, user=staff, kind="named_worker")
    headers = as_caller(client, user, "bearer")

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, headers=headers).status_code == 200
        return len(captured)

    record, log = f"/api/v1/people/{person.pk}", f"/api/v1/people/{person.pk}/access-log"
    client.get(record, headers=as_caller(client, staff, "bearer"))  # one read by staff to list
    before = queries(record), queries(log)
    for i in range(10):
        original = EntryFactory(person=person, text=f"Note {i}", author=staff)
        EntryFactory(person=person, text=f"Note {i} corrected", amends=original, author=staff)
        StoryFactory(person=person, number=i + 2, written_by=staff)
        Supporter.objects.create(person=person, name=f"Friend {i}", relationship="friend")
        RelationshipFactory(person=person, user=member("clinician"), kind="care_team")
        ConsentProvision.objects.create(person=person, permit=False, actor_kind="volunteers")
        client.get(record, headers=as_caller(client, staff, "bearer"))
    assert (queries(record), queries(log)) == before
