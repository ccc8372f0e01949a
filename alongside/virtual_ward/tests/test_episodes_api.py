"""The episodes API: GET lists the user's wards' open episodes and referrals waiting (audited); POST refers under an
Idempotency-Key (a retry makes one referral), answers 422 with specific messages and 404 for someone the caller may
not refer."""

import json

import pytest

from alongside.core import idempotency
from alongside.core.models import ApiToken, AuditEvent
from alongside.core.tests.factories import enrol_totp, has_second_factor
from alongside.core.tests.requests import acting_as
from alongside.people.tests.factories import PersonFactory
from alongside.virtual_ward import actions_episodes as actions
from alongside.virtual_ward.models import Referral

from .factories_episodes import accepted, referred, ward_world

pytestmark = pytest.mark.django_db
URL = "/api/v1/virtual-ward/episodes"


def token(user) -> str:
    if not has_second_factor(user):
        enrol_totp(user)
    return ApiToken.issue(user, "test")[1]


def send(client, user, body, key="key-1"):
    headers = {"Authorization": f"Bearer {token(user)}"}
    if key:
        headers[idempotency.HEADER] = key
    return client.post(URL, data=json.dumps(body), content_type="application/json", headers=headers)


def body(w, **changes) -> dict:
    return {
        "person_id": w.person.pk,
        "ward_id": w.ward.pk,
        "source": "gp",
        "direction": "step_down",
        "reason": "Ready to leave hospital with support",
    } | changes


def test_a_referral_is_made_once_whatever_the_retries(client):
    w = ward_world()
    first = send(client, w.gp, body(w))
    again = send(client, w.gp, body(w))
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Referral.objects.filter(person=w.person).count() == 1


def test_problems_are_listed_by_field(client):
    w = ward_world()
    answer = send(client, w.gp, body(w, source="", direction="up", reason=""))
    assert answer.status_code == 422
    assert {e["field"]: e["message"] for e in answer.json()["errors"]} == {
        "source": "Choose where the referral comes from",
        "direction": "Choose step-up or step-down",
        "reason": "Write why they need the virtual ward",
    }


def test_someone_the_caller_may_not_refer_is_not_found(client):
    w = ward_world()
    stranger = PersonFactory()
    assert send(client, w.gp, body(w, person_id=stranger.pk)).status_code == 404
    assert send(client, w.gp, body(w, person_id=2147483647), key="k2").status_code == 404


def test_the_ward_team_lists_its_episodes_and_referrals_waiting(client):
    w = ward_world()
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    waiting = referred(w, PersonFactory())
    answer = client.get(URL, headers={"Authorization": f"Bearer {token(w.nurse)}"}).json()["items"]
    assert [(i["person_id"], i["status"]) for i in answer] == [
        (w.person.pk, "admitted"),
        (waiting.person_id, "waiting_for_decision"),
    ]
    assert answer[0]["id"] == episode.pk and answer[0]["bed"] == 1 and answer[0]["hour_of_episode"] == 1
    assert AuditEvent.objects.filter(action="api_ward_episodes_listed").count() == 2
    other = client.get(URL, headers={"Authorization": f"Bearer {token(w.gp)}"}).json()["items"]
    assert other == []


def test_the_openapi_document_describes_both_bodies(client):
    spec = client.get("/api/v1/openapi.json").json()
    refer = spec["paths"]["/api/v1/virtual-ward/episodes"]["post"]["requestBody"]
    schema = refer["content"]["application/json"]["schema"]
    assert refer["required"] and set(schema["required"]) == {"person_id", "ward_id", "source", "direction", "reason"}
    assert "step_down" in schema["properties"]["direction"]["enum"]
    observations = spec["paths"]["/api/v1/virtual-ward/episodes/{episode_id}/observations"]["post"]["requestBody"]
    assert "pulse" in observations["content"]["application/json"]["schema"]["properties"]
