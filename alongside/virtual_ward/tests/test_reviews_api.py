"""The observations API: scored with NEWS2 and kept, under an Idempotency-Key; a specific message for each reading
out of range; 404 for an episode the caller may not see (as for a missing one) and, saying so, for an ended one."""

import uuid

import pytest
from django.utils import timezone

from alongside.core.models import ApiToken, AuditEvent
from alongside.core.tests.factories import enrol_totp, has_second_factor
from alongside.virtual_ward.api_reviews import NOT_FOUND
from alongside.virtual_ward.models import Review

from .factories import EpisodeFactory, ReviewFactory, nurse

pytestmark = pytest.mark.django_db

NORMAL = {
    "respiration_rate": 16,
    "spo2": 97,
    "spo2_scale": 1,
    "on_oxygen": False,
    "systolic_bp": 128,
    "pulse": 72,
    "consciousness": "alert",
    "temperature": 36.8,
}


def token(user) -> str:
    if not has_second_factor(user):
        enrol_totp(user)
    return ApiToken.issue(user, "test")[1]


def post(client, user_token, episode_id, body, key=None):
    return client.post(
        f"/api/v1/virtual-ward/episodes/{episode_id}/observations",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {user_token}", "Idempotency-Key": key or str(uuid.uuid4())},
    )


@pytest.fixture
def episode():
    return EpisodeFactory()


@pytest.fixture
def sam(episode):
    return token(nurse(episode.ward))


def test_a_full_set_answers_its_news2_and_response(client, sam, episode):
    answer = post(client, sam, episode.pk, {**NORMAL, "respiration_rate": 25, "pulse": 115, "on_oxygen": True})
    assert answer.status_code == 201
    body = answer.json()
    assert (body["news2"], body["response"], body["complete"], body["missing"], body["at_least"]) == (
        7,
        "high",
        True,
        [],
        7,
    )
    assert Review.objects.get().news2 == 7
    assert AuditEvent.objects.filter(action="api_ward_review_recorded", person_id=episode.person_id).count() == 1


def test_a_missing_reading_answers_null_never_normal(client, sam, episode):
    body = post(client, sam, episode.pk, {"pulse": 72, "spo2": 97}).json()
    assert body["news2"] is None and body["response"] is None and not body["complete"]
    assert body["missing"] == ["respiration_rate", "on_oxygen", "systolic_bp", "consciousness", "temperature"]


def test_what_is_known_already_high_is_told_even_when_incomplete(client, sam, episode):
    body = post(client, sam, episode.pk, {"respiration_rate": 30, "pulse": 140, "consciousness": "voice"}).json()
    assert body["news2"] is None and body["response"] == "high" and body["at_least"] == 9


def test_out_of_range_answers_422_with_a_message_per_field(client, sam, episode):
    answer = post(client, sam, episode.pk, {**NORMAL, "respiration_rate": 2, "temperature": "hot", "spo2_scale": 3})
    assert answer.status_code == 422
    errors = {e["field"]: e["message"] for e in answer.json()["errors"]}
    assert errors["respiration_rate"] == "Enter a breathing rate between 3 and 70 breaths a minute"
    assert "temperature" in errors and "spo2_scale" in errors
    assert not Review.objects.exists()


def test_a_retry_with_the_same_key_makes_one_review(client, sam, episode):
    key = str(uuid.uuid4())
    first = post(client, sam, episode.pk, NORMAL, key)
    again = post(client, sam, episode.pk, NORMAL, key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again["Idempotent-Replayed"] == "true"
    assert Review.objects.count() == 1


def test_an_episode_they_may_not_see_answers_as_a_missing_one(client, episode, member):
    other = token(member("clinician"))
    refused = post(client, other, episode.pk, NORMAL)
    missing = post(client, other, 2147483647, NORMAL)
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json() == {"detail": NOT_FOUND}


def test_an_ended_episode_says_so_to_its_team(client, sam, episode):
    episode.ended_at, episode.outcome, episode.ended_by = timezone.now(), "home", episode.admitted_by
    episode.save()
    answer = post(client, sam, episode.pk, NORMAL)
    assert answer.status_code == 404 and "has ended" in answer.json()["detail"]


def test_the_reviews_newest_first(client, sam, episode):
    older = ReviewFactory(episode=episode, at=timezone.now() - timezone.timedelta(hours=5))
    newer = ReviewFactory(episode=episode, pulse=None)
    answer = client.get(
        f"/api/v1/virtual-ward/episodes/{episode.pk}/observations", headers={"Authorization": f"Bearer {sam}"}
    )
    assert answer.status_code == 200
    rows = answer.json()
    assert [r["id"] for r in rows] == [newer.pk, older.pk]
    assert rows[0]["news2"] is None and rows[0]["missing"] == ["pulse"] and rows[1]["news2"] == 0
