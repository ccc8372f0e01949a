"""The plans API: the plan as it stands with whose words each part is, every version, and a new version written
once per Idempotency-Key, refused with 409 when someone wrote a newer one meanwhile."""

import json

import pytest

from alongside.breakglass.tests.factories import BreakGlassFactory
from alongside.core.models import ApiToken, AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.people.policy import RelationshipKind
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, make_named_worker
from alongside.plans.models import PlanVersion
from alongside.plans.tests.factories import write_plan

pytestmark = pytest.mark.django_db

GOAL = {"in_own_words": "I want to swim again", "small_steps": "Go to the pool on Tuesdays", "who_helps": "Sam"}


def token_for(user) -> str:
    return ApiToken.issue(user, "test")[1]


def plan_url(person, rest="") -> str:
    return f"/api/v1/people/{person.pk}/plan{rest}"


def get(client, token, path, **params):
    return client.get(path, params, headers={"Authorization": f"Bearer {token}"})


def send(client, token, person, body, key="key-1"):
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(plan_url(person), data=json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture
def devon(db):
    return PersonFactory(user=UserFactory(first_name="Devon"), given_name="Devon")


@pytest.fixture
def worker(member, devon):
    user = member("clinician")
    make_named_worker(devon, user)
    return user


def test_no_plan_yet_is_said_plainly(client, worker, devon):
    answer = get(client, token_for(worker), plan_url(devon))
    assert answer.status_code == 200 and answer.json() == {"plan": None}


def test_the_plan_as_it_stands_says_whose_words_each_part_is(client, worker, devon):
    write_plan(devon, worker)
    plan = get(client, token_for(worker), plan_url(devon)).json()["plan"]
    assert (plan["number"], plan["strengths"], plan["strengths_words"]) == (1, "I am a good cook", "person")
    assert plan["goals"][0]["in_own_words"] == "I want to walk to the allotment again"
    assert plan["goals"][0]["words"] == "person"
    assert AuditEvent.objects.filter(action="api_plan_viewed", person_id=devon.pk).count() == 1


def test_staff_write_a_new_version_based_on_the_one_they_read(client, worker, devon):
    write_plan(devon, worker)
    body = {"based_on": 1, "strengths": "I am a good cook", "goals": [GOAL], "reason": "Added swimming"}
    answer = send(client, token_for(worker), devon, body, key="swim")
    assert answer.status_code == 201
    plan = answer.json()
    assert plan["number"] == 2 and plan["goals"][0]["in_own_words"] == "I want to swim again"
    assert plan["strengths_words"] == "person"  # unchanged: still the person's own words
    assert plan["goals"][0]["words"] == "person"  # written down with them
    assert AuditEvent.objects.filter(action="plan_written", person_id=devon.pk).count() == 2


def test_staff_may_say_the_words_are_their_own(client, worker, devon):
    body = {"based_on": 0, "strengths": "Kind to neighbours", "in_the_persons_words": False}
    assert send(client, token_for(worker), devon, body).json()["strengths_words"] == "staff"


def test_a_retry_with_the_same_key_writes_one_version(client, worker, devon):
    body = {"based_on": 0, "strengths": "Patient", "goals": [GOAL]}
    one = send(client, token_for(worker), devon, body, key="k")
    again = send(client, token_for(worker), devon, body, key="k")
    assert one.status_code == again.status_code == 201 and one.json() == again.json()
    assert PlanVersion.objects.filter(person=devon).count() == 1


def test_a_newer_version_written_meanwhile_is_a_conflict(client, worker, devon):
    write_plan(devon, worker)
    write_plan(devon, worker)  # someone else saved version 2 after the caller read version 1
    answer = send(client, token_for(worker), devon, {"based_on": 1, "strengths": "Mine"})
    assert answer.status_code == 409
    assert "now at version 2" in answer.json()["detail"]
    assert PlanVersion.objects.filter(person=devon).count() == 2


def test_the_person_writes_their_own_plan(client, devon):
    answer = send(client, token_for(devon.user), devon, {"based_on": 0, "goals": [GOAL], "review_on": "2030-01-01"})
    assert answer.status_code == 201
    assert answer.json()["goals"][0]["words"] == "person"
    assert answer.json()["review_on"] is None  # the review date is staff's to set


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"strengths": "No version said"}, "based_on"),
        ({"based_on": 0, "goals": [{"small_steps": "no goal"}]}, "in_own_words"),
        ({"based_on": 0, "goals": [GOAL, GOAL, GOAL, GOAL]}, "goals"),
        ({"based_on": 0, "review_on": "next week"}, "review_on"),
        ({"based_on": 0, "colour": "blue"}, "colour"),
        ({"based_on": 0, "strengths": "a\u0000b"}, "null character"),
    ],
)
def test_a_plan_that_does_not_fit_says_what_is_wrong(client, worker, devon, body, words):
    answer = send(client, token_for(worker), devon, body)
    assert answer.status_code == 422 and words in answer.json()["detail"]
    assert not PlanVersion.objects.exists()


def test_without_a_key_nothing_is_written(client, worker, devon):
    answer = send(client, token_for(worker), devon, {"based_on": 0}, key=None)
    assert answer.status_code == 400 and not PlanVersion.objects.exists()


def test_reading_but_not_writing_is_a_403_and_strangers_get_404(client, member, devon, worker):
    write_plan(devon, worker)
    glass_user = member("clinician")
    BreakGlassFactory(user=glass_user, person=devon)
    assert get(client, token_for(glass_user), plan_url(devon)).status_code == 200
    refused = send(client, token_for(glass_user), devon, {"based_on": 1, "strengths": "x"})
    assert refused.status_code == 403
    stranger = token_for(member("clinician"))
    missing = get(client, stranger, "/api/v1/people/2147483647/plan")
    assert get(client, stranger, plan_url(devon)).content == missing.content
    assert send(client, stranger, devon, {"based_on": 1}).status_code == 404


def test_a_volunteer_never_reads_the_plan(client, member, devon, worker):
    volunteer = member("volunteer")
    RelationshipFactory(person=devon, user=volunteer, kind=RelationshipKind.VOLUNTEER)
    assert get(client, token_for(volunteer), plan_url(devon)).status_code == 404


def test_every_version_is_listed_newest_first(client, worker, devon):
    for _ in range(3):
        write_plan(devon, worker)
    page = get(client, token_for(worker), plan_url(devon, "/versions"), limit=2).json()
    assert page["count"] == 3 and [v["number"] for v in page["items"]] == [3, 2]
    assert AuditEvent.objects.filter(action="api_plan_versions_listed", person_id=devon.pk).count() == 1
