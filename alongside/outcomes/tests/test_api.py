"""The outcomes API: the instruments as FHIR Questionnaires, answers recorded once per Idempotency-Key and scored
with their band and reliable change, bad answers named, the person's responses read newest first and audited, and
a response as a valid FHIR QuestionnaireResponse."""

import json

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from alongside.core import registry
from alongside.core.models import ApiToken, AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.outcomes.instruments import shipped
from alongside.outcomes.models import How, Response
from alongside.people.policy import RelationshipKind
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, give_part, make_named_worker

pytestmark = pytest.mark.django_db


def phq9(each: int) -> dict:
    return {f"phq9-{n}": each for n in range(1, 10)}


def token_for(user) -> str:
    return ApiToken.issue(user, "test")[1]


def url(person, *rest) -> str:
    return "/".join([f"/api/v1/people/{person.pk}/responses", *map(str, rest)])


def send(client, token, person, body, key="key-1"):
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(url(person), data=json.dumps(body), content_type="application/json", headers=headers)


def get(client, token, path, **params):
    return client.get(path, params, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def devon(db):
    return PersonFactory(user=UserFactory(first_name="Devon"), given_name="Devon")


@pytest.fixture
def worker(member, devon):
    user = member("clinician")
    make_named_worker(devon, user)
    return user


@pytest.fixture
def token(worker) -> str:
    return token_for(worker)


# ----------------------------------------------------------------------------------------------- instruments


def test_each_instrument_is_listed_with_its_licence_and_who_may_complete_it(client, token):
    answer = get(client, token, "/api/v1/instruments")
    assert answer.status_code == 200
    listed = {each["code"]: each for each in answer.json()}
    assert set(listed) == set(shipped())
    assert "Pfizer" in listed["phq-9"]["licence"]
    assert "Open Government Licence" in listed["ons4"]["licence"]
    assert set(listed["gad-7"]["completed_by"]) <= {"person", "staff_with_person"}
    assert listed["phq-9"]["questionnaire"] == "https://alongside.example/fhir/Questionnaire/phq-9"


@pytest.mark.parametrize("code", sorted(shipped()))
def test_each_instrument_is_a_valid_fhir_questionnaire(client, token, code):
    answer = get(client, token, f"/api/v1/instruments/{code}")
    assert answer.status_code == 200
    questionnaire = Questionnaire.model_validate(answer.json())
    assert questionnaire.id == code and "alongside" not in answer.json()


def test_an_unknown_instrument_is_not_found(client, token):
    answer = get(client, token, "/api/v1/instruments/not-one")
    assert answer.status_code == 404
    assert "/api/v1/instruments" in answer.json()["detail"]


def test_without_a_token_nothing_is_answered(client):
    assert client.get("/api/v1/instruments").status_code == 401


# ----------------------------------------------------------------------------------------------- recording


def test_answers_are_scored_with_their_band_and_the_change_since_the_last(client, token, devon):
    first = send(client, token, devon, {"instrument": "phq-9", "answers": phq9(2)}, key="first")
    assert first.status_code == 201
    assert first.json() | {"id": 0, "completed_at": ""} == {
        "id": 0,
        "completed_at": "",
        "instrument": "phq-9",
        "score": 18.0,
        "band": "Moderately severe",
        "reliable_change": None,
        "how": "api",
    }
    second = send(client, token, devon, {"instrument": "phq-9", "answers": phq9(1)}, key="second")
    assert (second.json()["score"], second.json()["band"], second.json()["reliable_change"]) == (
        9.0,
        "Mild",
        "improved",
    )
    third = send(client, token, devon, {"instrument": "phq-9", "answers": phq9(3)}, key="third")
    assert third.json()["reliable_change"] == "deteriorated"
    assert Response.objects.filter(person=devon, how=How.API).count() == 3
    assert AuditEvent.objects.filter(action="outcome_recorded", person_id=devon.pk).count() == 3


def test_the_same_key_again_answers_the_same_response_and_records_nothing_new(client, token, devon):
    body = {"instrument": "phq-9", "answers": phq9(1)}
    one = send(client, token, devon, body, key="same")
    again = send(client, token, devon, body, key="same")
    assert again.status_code == one.status_code == 201
    assert again.json() == one.json() and again["Idempotent-Replayed"] == "true"
    assert Response.objects.filter(person=devon).count() == 1


def test_the_same_key_with_other_answers_is_refused(client, token, devon):
    send(client, token, devon, {"instrument": "phq-9", "answers": phq9(1)}, key="same")
    other = send(client, token, devon, {"instrument": "phq-9", "answers": phq9(2)}, key="same")
    assert other.status_code == 422 and "already used" in other.json()["detail"]
    assert Response.objects.filter(person=devon).count() == 1


def test_without_an_idempotency_key_nothing_is_recorded(client, token, devon):
    answer = send(client, token, devon, {"instrument": "phq-9", "answers": phq9(1)}, key=None)
    assert answer.status_code == 400 and "Idempotency-Key" in answer.json()["detail"]
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"instrument": "phq-9", "answers": {**phq9(1), "phq9-3": 7}}, 'The answer to "phq9-3" must be from 0 to 3'),
        ({"instrument": "phq-9", "answers": {**phq9(1), "phq9-3": 1.5}}, "must be a whole number, not 1.5"),
        ({"instrument": "phq-9", "answers": {"phq9-99": 1}}, 'has no question "phq9-99"'),
        ({"instrument": "phq-9", "answers": {"phq9-1": "often"}}, "must be a number"),
        ({"instrument": "phq-9", "answers": {}}, 'Send the answers in "answers"'),
        ({"instrument": "phq-10", "answers": phq9(1)}, "one of gad-7, gbo, ons4, phq-9"),
        ({"answers": phq9(1)}, 'Say which questionnaire was answered in "instrument"'),
        ({"instrument": ["phq-9"], "answers": phq9(1)}, 'Say which questionnaire was answered in "instrument"'),
    ],
)
def test_answers_that_do_not_fit_say_what_is_wrong_and_record_nothing(client, token, devon, body, words):
    answer = send(client, token, devon, body)
    assert answer.status_code == 422
    assert words in answer.json()["detail"]
    assert not Response.objects.exists()
    # a refusal does not spend the key: the answers can be corrected and sent again under it
    assert send(client, token, devon, {"instrument": "phq-9", "answers": phq9(1)}).status_code == 201


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", '{"instrument": NaN}'])
def test_a_body_that_is_not_a_json_object_is_refused(client, token, devon, raw):
    answer = client.post(
        url(devon),
        data=raw,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k"},
    )
    assert answer.status_code == 400 and "JSON object" in answer.json()["detail"]


def test_someone_who_may_not_see_the_person_is_answered_as_for_nobody(client, member, devon):
    stranger = token_for(member("clinician"))
    refused = send(client, stranger, devon, {"instrument": "phq-9", "answers": phq9(1)})
    missing = client.post(
        "/api/v1/people/2147483647/responses",
        data=json.dumps({"instrument": "phq-9", "answers": phq9(1)}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {stranger}", "Idempotency-Key": "key-1"},
    )
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
    assert not Response.objects.exists()


def test_a_proxy_may_read_but_not_answer_for_the_person(client, devon):
    proxy = UserFactory()
    give_part(devon, RelationshipKind.PROXY, by=devon.user, user=proxy)
    answer = send(client, token_for(proxy), devon, {"instrument": "phq-9", "answers": phq9(1)})
    assert answer.status_code == 403 and "not record" in answer.json()["detail"]
    assert get(client, token_for(proxy), url(devon)).status_code == 200


def test_the_person_records_their_own(client, devon):
    answer = send(client, token_for(devon.user), devon, {"instrument": "gad-7", "answers": {"gad7-1": 1}})
    assert answer.status_code == 201 and answer.json()["instrument"] == "gad-7"


def test_goals_are_rated_against_the_persons_own_goals(client, token, devon, monkeypatch):
    goals = {devon.pk: [("1", "Walk to the allotment"), ("2", "Cook for my sister")]}
    monkeypatch.setattr(registry, "person_goals", lambda person_id: goals.get(person_id, []))
    first = send(client, token, devon, {"instrument": "gbo", "answers": {"goal-1": 2, "goal-2": 3}}, key="a")
    assert first.status_code == 201
    assert first.json()["score"] == {"goal-1": 2.0, "goal-2": 3.0}
    assert Response.objects.get().goals == {"goal-1": "Walk to the allotment", "goal-2": "Cook for my sister"}
    later = send(client, token, devon, {"instrument": "gbo", "answers": {"goal-1": 7, "goal-2": 6}}, key="b")
    assert later.json()["reliable_change"] == "improved"
    wrong = send(client, token, devon, {"instrument": "gbo", "answers": {"goal-9": 5}}, key="c")
    assert wrong.status_code == 422 and "goal-1, goal-2" in wrong.json()["detail"]


def test_goals_from_a_written_plan(client, token, devon, worker):
    from alongside.plans.tests.factories import write_plan

    write_plan(devon, worker)
    goals = registry.person_goals(devon.pk)
    if not goals:  # plans contributes the person's goals once it does; until then there are none to rate
        answer = send(client, token, devon, {"instrument": "gbo", "answers": {"goal-1": 5}})
        assert answer.status_code == 422 and "no goals yet" in answer.json()["detail"]
        return
    key = goals[0][0]
    answer = send(client, token, devon, {"instrument": "gbo", "answers": {f"goal-{key}": 5}})
    assert answer.status_code == 201


# ----------------------------------------------------------------------------------------------- reading


def test_the_responses_are_listed_newest_first_a_page_at_a_time_and_audited(client, token, devon):
    for n, each in enumerate([3, 2, 1]):
        send(client, token, devon, {"instrument": "phq-9", "answers": phq9(each)}, key=f"k{n}")
    page = get(client, token, url(devon), limit=2)
    assert page.status_code == 200
    body = page.json()
    assert (body["count"], body["limit"], body["offset"]) == (3, 2, 0)
    assert [item["score"] for item in body["items"]] == [9.0, 18.0]
    assert [item["reliable_change"] for item in body["items"]] == ["improved", "improved"]
    rest = get(client, token, url(devon), limit=2, offset=2).json()
    assert [item["score"] for item in rest["items"]] == [27.0]
    assert AuditEvent.objects.filter(action="api_outcomes_listed", person_id=devon.pk).count() == 2


def test_reading_takes_the_same_number_of_queries_for_3_or_30_responses(
    client, token, devon, django_assert_max_num_queries
):
    answers = {f"phq9-{n}": 1 for n in range(1, 10)}
    Response.objects.bulk_create(
        Response(person=devon, instrument="phq-9", answers=answers, total=9, how=How.API) for _ in range(30)
    )
    with django_assert_max_num_queries(14):
        assert len(get(client, token, url(devon), limit=30).json()["items"]) == 30


def test_a_volunteer_never_sees_outcomes(client, member, devon):
    volunteer = member("volunteer")
    RelationshipFactory(person=devon, user=volunteer, kind=RelationshipKind.VOLUNTEER)  # they visit Devon
    assert get(client, token_for(volunteer), url(devon)).status_code == 404


@pytest.mark.parametrize("code", ["phq-9", "ons4"])
def test_a_response_is_a_valid_fhir_questionnaire_response(client, token, devon, code):
    instrument = shipped()[code]
    answers = {link_id: instrument.scale_min + 1 for link_id in instrument.items}
    made = send(client, token, devon, {"instrument": code, "answers": answers}).json()
    answer = get(client, token, url(devon, made["id"], "fhir"))
    assert answer.status_code == 200
    resource = QuestionnaireResponse.model_validate(answer.json())
    assert resource.status == "completed"
    assert resource.questionnaire == instrument.questionnaire["url"]
    assert resource.subject.reference == f"Patient/{devon.pk}"
    assert [item.linkId for item in resource.item] == list(instrument.items)
    first = resource.item[0].answer[0].valueCoding
    option = next(
        o for q in instrument.questionnaire["item"] if q["linkId"] == instrument.items[0] for o in q["answerOption"]
    )
    assert first.system == option["valueCoding"]["system"]
    assert AuditEvent.objects.filter(action="api_outcome_viewed", person_id=devon.pk).exists()


def test_a_goal_response_as_fhir_names_each_goal_in_the_persons_words(client, token, devon, monkeypatch):
    monkeypatch.setattr(registry, "person_goals", lambda person_id: [("1", "Walk to the allotment")])
    made = send(client, token, devon, {"instrument": "gbo", "answers": {"goal-1": 4}}).json()
    resource = QuestionnaireResponse.model_validate(get(client, token, url(devon, made["id"], "fhir")).json())
    assert resource.item[0].text == "Walk to the allotment"
    assert resource.item[0].answer[0].valueCoding.code == "4"


def test_another_persons_response_is_not_found_through_this_person(client, token, devon, worker):
    other = PersonFactory()
    make_named_worker(other, worker)
    theirs = Response.objects.create(person=other, instrument="phq-9", answers=phq9(1), total=9, how=How.API)
    assert get(client, token, url(devon, theirs.pk, "fhir")).status_code == 404


def test_the_api_description_names_every_operation(client, token):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/instruments", "/api/v1/instruments/{code}", "/api/v1/people/{person_id}/responses"} <= set(paths)
    assert client.get("/api/v1/docs").status_code in (200, 302)
