"""The referrals API: referrals from other systems made once under an Idempotency-Key, checked by the forms' rules,
and listed to each caller under the same access rules as the pages, audited."""

import json
import threading
import time
from datetime import date, timedelta

import factory
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core import api_input, idempotency
from alongside.core.models import ApiToken, AuditEvent, IdempotentRequest, Message
from alongside.partners import roles
from alongside.partners.models import Role
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.referrals import actions, api_body, intake
from alongside.referrals.api_body import NOT_A_FIELD, NOT_JSON, NOT_SENT, NOT_TEXT
from alongside.referrals.models import Channel, Referral
from alongside.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/referrals"


def token_for(user) -> str:
    return ApiToken.issue(user, "test")[1]


def send(client, token, body, key="key-1", **headers):
    if key is not None:
        headers[idempotency.HEADER] = key
    return client.post(
        URL,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", **headers},
    )


def get(client, token, url=URL, **params):
    return client.get(url, params, headers={"Authorization": f"Bearer {token}"})


def referral_body(**changes) -> dict:
    body = {
        "person": {"given_name": "Ada", "family_name": "Okafor", "birth_date": "1941-03-12", "postcode": "nv1 4ht"},
        "source": "hospital_discharge",
        "urgency": "soon",
        "reason": "Two falls at home since discharge; lives alone",
        "situation": "Loves the radio. Her daughter visits on Sundays.",
        "person_agrees": True,
        "referrer": {"name": "Sam Reed", "organisation": "Northvale Hospital", "contact": "sam.reed@example.nhs.uk"},
    }
    for name, value in changes.items():
        if name in body["person"] or name in ("nhs_number", "address_line", "phone", "email"):
            body["person"][name] = value
        else:
            body[name] = value
    return body


# ----------------------------------------------------------------------------------------------- sending


def test_a_referral_is_made_and_answered_with_its_reference(client, gp):
    response = send(client, token_for(gp), referral_body())
    assert response.status_code == 201
    referral = Referral.objects.get()
    assert response.json() == {
        "id": referral.pk,
        "reference": f"R{referral.pk:06d}",
        "status": "received",
        "person_id": None,
    }
    assert referral.channel == Channel.API and referral.referrer_user == gp and referral.source == "hospital_discharge"
    assert (referral.given_name, referral.birth_date, referral.postcode) == ("Ada", date(1941, 3, 12), "NV1 4HT")
    assert (referral.referrer_email, referral.referrer_phone) == ("sam.reed@example.nhs.uk", "")
    assert referral.referrer_organisation == "Northvale Hospital" and referral.person_agrees is True
    assert AuditEvent.objects.filter(action="referral_received", object_id=str(referral.pk), actor=gp).exists()
    assert not Message.objects.exists()  # the referrer is told inside the service, not by email


def test_the_source_defaults_to_another_service_and_a_phone_contact_is_kept_as_a_phone(client, gp):
    body = referral_body(referrer={"name": "Sam Reed", "contact": "07700 900123"})
    del body["source"]
    assert send(client, token_for(gp), body).status_code == 201
    referral = Referral.objects.get()
    assert referral.source == "other_service"
    assert (referral.referrer_email, referral.referrer_phone) == ("", "07700 900123")


def known_okafor():
    return PersonFactory(nhs_number="9990000018", birth_date=date(1941, 3, 12), family_name="Okafor")


def without_ids(answer: dict) -> dict:
    return {name: value for name, value in answer.items() if name not in ("id", "reference", "outcome")}


def test_a_referrer_learns_nothing_of_whether_someone_is_known(client, gp):
    """A referral about someone the referrer may not see answers exactly as one about someone unknown."""
    known_okafor()
    token = token_for(gp)
    with time_machine.travel(timezone.now(), tick=False):  # both received at the same moment
        known = send(client, token, referral_body(nhs_number="999 000 0018"), key="known")
        unknown = send(client, token, referral_body(nhs_number="999 000 0026"), key="unknown")
    assert known.status_code == unknown.status_code == 201
    assert without_ids(known.json()) == without_ids(unknown.json()) == {"status": "received", "person_id": None}
    assert Referral.objects.get(pk=known.json()["id"]).matched_by == "nhs_number"  # triage still gets the match

    read = [get(client, token, f"{URL}/{answer.json()['id']}").json() for answer in (known, unknown)]
    assert without_ids(read[0]) == without_ids(read[1]) and read[0]["person_id"] is None
    listed = get(client, token).json()["items"]
    assert [without_ids(item) for item in listed] == [without_ids(read[0])] * 2


def test_a_referrer_who_may_see_the_person_gets_their_record(client, member):
    person = known_okafor()
    clinician = member("clinician")
    RelationshipFactory(person=person, user=clinician, kind="named_worker")
    token = token_for(clinician)
    sent = send(client, token, referral_body(nhs_number="999 000 0018"))
    assert sent.status_code == 201 and sent.json()["person_id"] == person.pk
    assert get(client, token, f"{URL}/{sent.json()['id']}").json()["person_id"] == person.pk
    assert get(client, token).json()["items"][0]["person_id"] == person.pk


def test_without_an_nhs_number_the_person_is_left_for_triage(client, gp):
    PersonFactory(given_name="Ada", family_name="Okafor", birth_date=date(1941, 3, 12))
    response = send(client, token_for(gp), referral_body())
    assert response.json()["person_id"] is None and Referral.objects.get().person is None


def test_the_session_works_too(client, gp):
    client.force_login(gp)
    response = client.post(URL, referral_body(), content_type="application/json", headers={"Idempotency-Key": "k"})
    assert response.status_code == 201 and Referral.objects.get().referrer_user == gp


# ----------------------------------------------------------------------------------------------- idempotency


def test_the_same_key_sent_ten_times_makes_one_referral_and_ten_identical_answers(client, gp):
    token = token_for(gp)
    responses = [send(client, token, referral_body(), key="retry-me") for _ in range(10)]
    assert Referral.objects.count() == 1
    assert {(r.status_code, r.content) for r in responses} == {(201, responses[0].content)}
    assert "Idempotent-Replayed" not in responses[0] and all(r["Idempotent-Replayed"] == "true" for r in responses[1:])
    assert AuditEvent.objects.filter(action="referral_received").count() == 1


def test_the_same_body_with_keys_sent_in_another_order_is_the_same_request(client, gp):
    token = token_for(gp)
    body = referral_body()
    first = send(client, token, body)
    reordered = {name: body[name] for name in reversed(body)}
    again = client.post(
        URL,
        data=json.dumps(reordered, indent=2),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", idempotency.HEADER: "key-1"},
    )
    assert again.status_code == 201 and again.json() == first.json() and Referral.objects.count() == 1


def test_a_key_belongs_to_its_user(client, gp, member):
    send(client, token_for(gp), referral_body())
    assert send(client, token_for(member("gp")), referral_body()).status_code == 201
    assert Referral.objects.count() == 2


def test_the_same_key_with_a_different_body_is_refused_and_makes_nothing(client, gp):
    token = token_for(gp)
    send(client, token, referral_body())
    response = send(client, token, referral_body(urgency="urgent"))
    assert response.status_code == 422
    assert response.json()["detail"] == idempotency.KEY_REUSED
    assert Referral.objects.count() == 1 and Referral.objects.get().urgency == "soon"


@pytest.mark.django_db(transaction=True)
def test_ten_requests_at_once_with_the_same_key_make_one_referral(member, monkeypatch):
    token = token_for(member("gp"))
    receive = actions.receive

    def slow_receive(*args, **kwargs):  # hold the key's transaction open while the others arrive
        made = receive(*args, **kwargs)
        time.sleep(0.3)
        return made

    monkeypatch.setattr(actions, "receive", slow_receive)
    start = threading.Barrier(10)
    answers, failures = [None] * 10, []

    def post(i):
        try:
            start.wait(timeout=30)
            response = send(Client(), token, referral_body(), key="at-once")
            answers[i] = (response.status_code, response.json())
        except Exception as error:  # noqa: BLE001 - reported below, in the test's own thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(10)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not failures
    assert Referral.objects.count() == 1 and IdempotentRequest.objects.count() == 1
    referral = Referral.objects.get()
    assert (
        answers
        == [(201, {"id": referral.pk, "reference": f"R{referral.pk:06d}", "status": "received", "person_id": None})]
        * 10
    )


# ----------------------------------------------------------------------------------------------- refusals


def test_without_an_idempotency_key_nothing_is_made(client, gp):
    response = send(client, token_for(gp), referral_body(), key=None)
    assert response.status_code == 400 and response.json() == {"detail": idempotency.KEY_MISSING}
    assert send(client, token_for(gp), referral_body(), key="  ").status_code == 400
    assert not Referral.objects.exists()


def test_a_key_may_be_255_characters_and_no_more(client, gp):
    token = token_for(gp)
    response = send(client, token, referral_body(), key="k" * 256)
    assert response.status_code == 400 and response.json() == {"detail": idempotency.KEY_TOO_LONG}
    assert send(client, token, referral_body(), key="k" * 255).status_code == 201


@pytest.mark.parametrize("content", ["not json", "[1, 2]", "", '{"reason": NaN}'])
def test_a_body_that_is_not_a_json_object_is_refused(client, gp, content):
    response = client.post(
        URL,
        data=content,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(gp)}", idempotency.HEADER: "k"},
    )
    assert response.status_code == 400 and response.json() == {"detail": NOT_JSON}


def test_missing_fields_are_each_named_with_what_to_do(client, gp):
    response = send(client, token_for(gp), {"source": "gp"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": NOT_SENT,
        "errors": [
            {"field": "person.given_name", "message": intake.NEEDED_TO_SEND["given_name"]},
            {"field": "person.family_name", "message": intake.NEEDED_TO_SEND["family_name"]},
            {"field": "person.birth_date", "message": intake.NEEDED_TO_SEND["birth_date"]},
            {"field": "person.postcode", "message": intake.NEEDED_TO_SEND["postcode"]},
            {"field": "urgency", "message": intake.NEEDED_TO_SEND["urgency"]},
            {"field": "reason", "message": intake.NEEDED_TO_SEND["reason"]},
            {"field": "referrer.name", "message": intake.REFERRER_NAME_NEEDED},
            {"field": "referrer.contact", "message": intake.CONTACT_NEEDED},
        ],
    }
    assert not Referral.objects.exists() and not IdempotentRequest.objects.exists()


def test_a_blank_field_is_a_missing_one(client, gp):
    response = send(client, token_for(gp), referral_body(given_name="  ", birth_date="", reason=""))
    assert [(e["field"], e["message"]) for e in response.json()["errors"]] == [
        ("person.given_name", intake.NEEDED_TO_SEND["given_name"]),
        ("person.birth_date", intake.NEEDED_TO_SEND["birth_date"]),
        ("reason", intake.NEEDED_TO_SEND["reason"]),
    ]


def test_a_refused_referral_does_not_spend_its_key(client, gp):
    token = token_for(gp)
    body = referral_body()
    del body["reason"]
    assert send(client, token, body, key="fix-me").status_code == 422
    assert send(client, token, body, key="fix-me").status_code == 422  # the same refusal, worked out again
    corrected = send(client, token, referral_body(), key="fix-me")
    assert corrected.status_code == 201 and Referral.objects.count() == 1


def test_wrong_values_are_each_named_with_what_to_do(client, gp):
    body = referral_body(
        nhs_number="999 000 0019",
        postcode="nowhere",
        birth_date="12/03/1941",
        phone="call me",
        email="not-an-email",
        urgency="whenever",
        person_agrees="perhaps",
        middle_name="Grace",
        referrer={"name": "Sam Reed", "contact": "not a contact", "team": "Ward 7"},
    )
    body["person"]["middle_name"] = body.pop("middle_name")
    response = send(client, token_for(gp), body)
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors["person.nhs_number"] == "This is not a valid NHS number. Check each digit"
    assert errors["person.postcode"] == "Enter a real postcode, like NV1 2AB"
    assert errors["person.birth_date"] == "Enter the date of birth as YYYY-MM-DD, like 1941-03-12"
    assert errors["person.phone"].startswith("Enter a UK phone number")
    assert errors["person.email"] == "Enter a real email address, like name@example.com"
    assert errors["person.middle_name"] == NOT_A_FIELD
    assert errors["urgency"] == "Input should be 'urgent', 'soon' or 'routine'"
    assert "person_agrees" in errors
    assert errors["referrer.contact"].startswith("Enter an email address")
    assert errors["referrer.team"] == NOT_A_FIELD
    assert list(errors)[:3] == ["person.nhs_number", "person.birth_date", "person.postcode"]
    assert not Referral.objects.exists()


def test_a_date_of_birth_in_the_future_is_refused(client, gp):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = send(client, token_for(gp), referral_body(birth_date=tomorrow))
    assert response.json()["errors"] == [
        {"field": "person.birth_date", "message": "Date of birth must be in the past, and after 1890"}
    ]


def test_an_nhs_number_of_the_wrong_length_is_refused(client, gp):
    response = send(client, token_for(gp), referral_body(nhs_number="12345"))
    assert response.json()["errors"] == [
        {"field": "person.nhs_number", "message": "An NHS number is 10 digits, like 999 123 4519"}
    ]


def test_a_person_that_is_not_an_object_is_named_once(client, gp):
    response = send(client, token_for(gp), referral_body(person="Ada Okafor"))
    assert response.json()["errors"] == [{"field": "person", "message": "Send a JSON object here"}]


@pytest.mark.parametrize("role", list(Role))
def test_only_staff_who_refer_may_send_a_referral(client, member, role):
    user = member(role)
    response = send(client, token_for(user), referral_body())
    if role in roles.REFERRER_ROLES:
        assert response.status_code == 201 and Referral.objects.get().referrer_user == user
    else:
        assert response.status_code == 403 and "Only staff who make referrals" in response.json()["detail"]
        assert not Referral.objects.exists()


def test_without_a_token_the_answer_is_401(client):
    response = client.post(URL, referral_body(), content_type="application/json", headers={"Idempotency-Key": "k"})
    assert response.status_code == 401 and not Referral.objects.exists()
    assert client.get(URL).status_code == 401


# ----------------------------------------------------------------------------------------------- reading


def test_each_caller_lists_only_the_referrals_they_may_see(client, gp, spa, member):
    sent = send(client, token_for(gp), referral_body()).json()
    by_someone_else = ReferralFactory(referrer_user=member("clinician"))
    ReferralFactory(status="draft", received_at=None, referrer_user=member("clinician"))  # nobody else sees a draft

    mine = get(client, token_for(gp)).json()
    assert mine["count"] == 1 and [r["id"] for r in mine["items"]] == [sent["id"]]
    triage = get(client, token_for(spa)).json()
    assert triage["count"] == 2 and [r["id"] for r in triage["items"]] == [by_someone_else.pk, sent["id"]]
    assert get(client, token_for(member("gp"))).json() == {"count": 0, "limit": 20, "offset": 0, "items": []}
    refused = get(client, token_for(member("volunteer")))  # a volunteer's role never reaches referrals
    assert refused.status_code == 403 and "may see them" in refused.json()["detail"]

    listed = AuditEvent.objects.filter(action="referral_listed_api")
    assert sorted((e.actor_id, e.object_id, e.basis) for e in listed) == sorted(
        [
            (gp.pk, str(sent["id"]), "referrer"),
            (spa.pk, str(sent["id"]), "single point of access"),
            (spa.pk, str(by_someone_else.pk), "single point of access"),
        ]
    )


def test_a_listed_referral_says_what_became_of_it(client, gp, member):
    team = TeamFactory(name="Riverside neighbourhood team")
    worker = member("clinician", team=team, first_name="Priya", last_name="Shah")
    kept = ReferralFactory(
        referrer_user=gp, status="allocated", team=team, named_worker=worker, decided_at=timezone.now()
    )
    shared = ReferralFactory(
        referrer_user=gp,
        status="allocated",
        team=team,
        named_worker=worker,
        share_named_worker=True,
        given_name="Ada",
        family_name="Okafor",
    )
    waiting = ReferralFactory(referrer_user=gp)
    items = {r["id"]: r for r in get(client, token_for(gp)).json()["items"]}

    assert items[kept.pk]["team"] == "Riverside neighbourhood team" and items[kept.pk]["named_worker"] is None
    assert "Priya" not in items[kept.pk]["outcome"] and "a named worker from the Riverside" in items[kept.pk]["outcome"]
    assert items[kept.pk]["decided_at"] is not None and items[kept.pk]["reference"] == f"R{kept.pk:06d}"
    assert items[shared.pk]["named_worker"] == "Priya Shah"
    assert items[shared.pk]["outcome"].startswith(f"Your referral R{shared.pk:06d}: Priya Shah from the Riverside")
    assert "Ada Okafor" in items[shared.pk]["outcome"]  # inside the service, the referrer sees the name
    assert items[waiting.pk] | {"received_at": None} == {
        "id": waiting.pk,
        "reference": f"R{waiting.pk:06d}",
        "status": "received",
        "status_words": "Waiting to check who it is about",
        "source": "gp",
        "urgency": "routine",
        "received_at": None,
        "decided_at": None,
        "person_id": None,
        "team": None,
        "named_worker": None,
        "outcome": None,
    }


def test_the_list_is_newest_first_filtered_by_status_and_paged(client, spa):
    now = timezone.now()
    old, new = ReferralFactory(received_at=now - timedelta(days=2)), ReferralFactory(received_at=now)
    declined = ReferralFactory(status="declined", received_at=now - timedelta(days=1))
    token = token_for(spa)
    assert [r["id"] for r in get(client, token).json()["items"]] == [new.pk, declined.pk, old.pk]
    assert [r["id"] for r in get(client, token, status="received").json()["items"]] == [new.pk, old.pk]
    page = get(client, token, limit=1, offset=1).json()
    assert page["count"] == 3 and [r["id"] for r in page["items"]] == [declined.pk]
    assert AuditEvent.objects.filter(action="referral_listed_api").count() == 3 + 2 + 1


@pytest.mark.parametrize("params", [{"status": "lost"}, {"limit": 0}, {"limit": 101}, {"offset": -1}])
def test_unknown_statuses_and_impossible_pages_are_refused(client, spa, params):
    assert get(client, token_for(spa), **params).status_code == 422


def test_listing_takes_the_same_number_of_queries_for_3_or_30_referrals(client, spa, member):
    team = TeamFactory()
    worker = member("clinician", team=team)
    token = token_for(spa)

    def queries_for(n):
        ReferralFactory.create_batch(
            n,
            status="allocated",
            team=team,
            named_worker=worker,
            share_named_worker=True,
            person=factory.SubFactory(PersonFactory),
        )
        with CaptureQueriesContext(connection) as queries:
            assert len(get(client, token, limit=100).json()["items"]) >= n
        return len(queries)

    assert queries_for(3) == queries_for(27)


def test_one_referral_for_whoever_may_see_it_and_404_for_anyone_else(client, gp, spa, member):
    sent = send(client, token_for(gp), referral_body()).json()
    url = f"{URL}/{sent['id']}"
    mine = get(client, token_for(gp), url)
    assert mine.status_code == 200 and mine.json()["reference"] == sent["reference"]
    assert get(client, token_for(spa), url).json()["status"] == "received"
    other = get(client, token_for(member("gp")), url)
    missing = get(client, token_for(gp), f"{URL}/{sent['id'] + 1000}")
    assert other.status_code == missing.status_code == 404 and other.content == missing.content
    assert AuditEvent.objects.filter(action="referral_viewed_api").count() == 2
    # the refusal and the missing referral are each audited alike, so neither takes longer than the other
    assert AuditEvent.objects.filter(action="denied:referral_viewed_api").count() == 2


def test_the_openapi_document_describes_the_body_and_the_key(client):
    post = client.get("/api/v1/openapi.json").json()["paths"][URL]["post"]
    assert post["parameters"][0]["name"] == "Idempotency-Key" and post["parameters"][0]["required"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert "$ref" not in json.dumps(schema) and "given_name" in json.dumps(schema["properties"]["person"])


# ----------------------------------------------------------------------------------------------- bad input

TEXT_FIELDS = [
    "person.nhs_number",
    "person.given_name",
    "person.family_name",
    "person.birth_date",
    "person.postcode",
    "person.address_line",
    "person.phone",
    "person.email",
    "reason",
    "situation",
    "referrer.name",
    "referrer.organisation",
    "referrer.contact",
    "referrer.relationship",
]


def with_value(body: dict, field: str, value) -> dict:
    *parents, name = field.split(".")
    place = body
    for parent in parents:
        place = place[parent]
    place[name] = value
    return body


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_a_null_character_in_any_text_is_refused_with_its_field(client, gp, field):
    body = with_value(referral_body(nhs_number="999 000 0018"), field, "Okafor\u0000")
    response = send(client, token_for(gp), body)
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    if field != "person.birth_date":  # a date is refused for its form first
        assert messages[field] == api_input.NUL_FOUND
    assert field in messages and not Referral.objects.exists()


def test_a_null_character_in_a_field_name_is_refused_as_no_field(client, gp):
    response = send(client, token_for(gp), referral_body() | {"reas\u0000on": "x"})
    assert response.status_code == 422 and response.json()["errors"] == [
        {"field": "reas\u0000on", "message": NOT_A_FIELD}
    ]


@pytest.mark.parametrize(
    ("content", "detail"),
    [('{"reason": "\\ud800"}', NOT_TEXT), ('{"reason": 1e999}', api_body.NOT_A_NUMBER_WE_CAN_READ)],
)
def test_json_that_cannot_be_read_as_text_and_numbers_is_refused(client, gp, content, detail):
    response = client.post(
        URL,
        data=content,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(gp)}", idempotency.HEADER: "k"},
    )
    assert response.status_code == 400 and response.json() == {"detail": detail}


def test_null_for_a_required_field_is_the_same_as_leaving_it_out(client, gp):
    body = referral_body(urgency=None, reason=None)
    body["person"]["given_name"] = None
    body["referrer"]["contact"] = None
    response = send(client, token_for(gp), body)
    assert response.json()["errors"] == [
        {"field": "person.given_name", "message": intake.NEEDED_TO_SEND["given_name"]},
        {"field": "urgency", "message": intake.NEEDED_TO_SEND["urgency"]},
        {"field": "reason", "message": intake.NEEDED_TO_SEND["reason"]},
        {"field": "referrer.contact", "message": intake.CONTACT_NEEDED},
    ]
    assert send(client, token_for(gp), referral_body(person=None)).json()["errors"][0] == {
        "field": "person.given_name",
        "message": intake.NEEDED_TO_SEND["given_name"],
    }


@pytest.mark.parametrize("value", ["yes", 1, "true"])
def test_a_yes_or_no_must_be_true_or_false(client, gp, value):
    response = send(client, token_for(gp), referral_body(person_agrees=value, share_named_worker=value))
    fields = [e["field"] for e in response.json()["errors"]]
    assert response.status_code == 422 and fields == ["person_agrees", "share_named_worker"]


@pytest.mark.parametrize("key", ["k\u0000", "key\u00e9", "tab\tkey", "\u2603"])
def test_an_idempotency_key_of_other_than_printable_ascii_is_refused(client, gp, key):
    response = send(client, token_for(gp), referral_body(), key=key)
    assert response.status_code == 400 and response.json() == {"detail": idempotency.KEY_CHARACTERS}
    assert not Referral.objects.exists()


@pytest.mark.parametrize("offset", ["2147483648", "99999999999999999999"])
def test_an_offset_beyond_the_largest_integer_is_refused(client, spa, offset):
    response = get(client, token_for(spa), offset=offset)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "offset"]


def test_the_description_says_which_fields_are_required_and_never_null(client):
    document = client.get("/api/v1/openapi.json").json()
    post = document["paths"][URL]["post"]
    body = post["requestBody"]["content"]["application/json"]["schema"]
    person, referrer = body["properties"]["person"], body["properties"]["referrer"]
    assert set(body["required"]) == {"person", "urgency", "reason", "referrer"}
    assert set(person["required"]) == {"given_name", "family_name", "birth_date", "postcode"}
    assert referrer["required"] == ["contact"] and body["else"]["properties"]["referrer"]["required"] == ["name"]
    for schema in [body, person, referrer, *(body["properties"][name] for name in ("person", "urgency", "reason"))]:
        assert "anyOf" not in schema and schema.get("type") != "null"
    for name in person["required"]:
        assert person["properties"][name]["type"] == "string" and "anyOf" not in person["properties"][name]
    assert person["properties"]["birth_date"]["format"] == "date"
    assert body["properties"]["urgency"]["enum"] == ["urgent", "soon", "routine"]
    assert body["properties"]["reason"]["maxLength"] == 5000
    assert body["additionalProperties"] is False and person["additionalProperties"] is False
    assert post["parameters"][0]["schema"]["pattern"] == idempotency.KEY_PATTERN
    assert post["responses"]["201"]["links"]["referral"]["parameters"] == {"referral_id": "$response.body#/id"}
    assert post["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/Problems")
    assert "errors" in document["components"]["schemas"]["Problems"]["properties"]
