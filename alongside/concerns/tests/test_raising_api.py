"""The concerns API: a volunteer raises a concern with their token under an Idempotency-Key; callers list and read
what the one access policy lets them see, each read audited."""

import pytest

from alongside.concerns.models import Concern
from alongside.core.models import ApiToken, AuditEvent
from alongside.people.tests.factories import PersonFactory

from .raising_helpers import a_hub, raised

pytestmark = pytest.mark.django_db
URL = "/api/v1/concerns"


def token_for(user) -> str:
    return ApiToken.issue(user, "tests")[1]


def send(client, token, body, key="key-1"):
    return client.post(
        URL, body, content_type="application/json", headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    )


def get(client, token, url=URL, **params):
    return client.get(url, params, headers={"Authorization": f"Bearer {token}"})


def test_a_volunteer_raises_a_concern_once_however_often_it_is_retried(client, member):
    world = a_hub(member)
    token = token_for(world.volunteer)
    body = {"person_id": world.person.pk, "kind": "social", "urgency": "few_days", "words": "Lonely"}
    answers = [send(client, token, body, key="retry-me") for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert answers[1]["Idempotent-Replayed"] == "true" and answers[0].content == answers[2].content
    concern = Concern.objects.get()
    assert answers[0].json() == {
        "id": concern.pk,
        "status": "open",
        "route": "monthly_meeting",
        "answer_by": concern.answer_by.isoformat(),
    }
    assert send(client, token, {**body, "words": "Different"}, key="retry-me").status_code == 422
    read = get(client, token, f"{URL}/{concern.pk}").json()
    assert (read["status"], read["route"], read["outcome"], read["overdue"]) == ("open", "monthly_meeting", None, False)


def test_problems_are_listed_by_field_and_a_stranger_is_not_told_apart_from_a_missing_person(client, member):
    world = a_hub(member)
    token = token_for(world.volunteer)
    bad = send(client, token, {"person_id": "x", "kind": "money"}, key="a")
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"person_id", "kind", "urgency"}
    stranger = send(client, token, {"person_id": PersonFactory().pk, "kind": "health", "urgency": "today"}, key="b")
    missing = send(client, token, {"person_id": 2_000_000_000, "kind": "health", "urgency": "today"}, key="c")
    assert stranger.status_code == missing.status_code == 422 and stranger.json() == missing.json()
    assert (
        send(
            client,
            token,
            {"person_id": world.person.pk, "kind": "health", "urgency": "today", "words": "a\x00"},
            key="d",
        ).status_code
        == 422
    )
    assert (
        client.post(
            URL,
            "not json",
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "e"},
        ).status_code
        == 400
    )
    assert (
        client.post(URL, {}, content_type="application/json", headers={"Authorization": f"Bearer {token}"}).status_code
        == 400
    )
    assert not Concern.objects.exists()


def test_only_volunteers_raise(client, member):
    world = a_hub(member)
    answer = send(
        client, token_for(world.coordinator), {"person_id": world.person.pk, "kind": "health", "urgency": "today"}
    )
    assert answer.status_code == 403


def test_each_caller_lists_what_they_may_see_audited(client, member):
    world = a_hub(member)
    concern = raised(world)
    elsewhere = raised(a_hub(member, given_name="Ivy"))
    for user, seen in (
        (world.volunteer, [concern.pk]),
        (world.coordinator, [concern.pk]),
        (world.named_worker, [concern.pk]),
        (member("clinician"), []),
    ):
        listed = get(client, token_for(user)).json()
        assert [c["id"] for c in listed["items"]] == seen and listed["count"] == len(seen)
    assert elsewhere.pk
    assert AuditEvent.objects.filter(action="concern_listed_api", object_id=str(concern.pk)).count() == 3


def test_one_concern_answers_404_like_a_missing_one(client, member):
    world = a_hub(member)
    concern = raised(a_hub(member, given_name="Ivy"))
    token = token_for(world.volunteer)
    theirs = get(client, token, f"{URL}/{concern.pk}")
    missing = get(client, token, f"{URL}/{concern.pk + 1000}")
    assert theirs.status_code == missing.status_code == 404 and theirs.content == missing.content


def test_a_closed_concern_shows_its_outcome(client, member):
    world = a_hub(member)
    concern = raised(world)
    Concern.objects.filter(pk=concern.pk).update(status="closed", outcome="A lunch club place - thank you")
    read = get(client, token_for(world.volunteer), f"{URL}/{concern.pk}").json()
    assert (read["status"], read["outcome"]) == ("closed", "A lunch club place - thank you")
