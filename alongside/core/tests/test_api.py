import json

import pytest
from django.db import OperationalError
from django.http import Http404
from django.test import Client

from alongside.core import api_errors
from alongside.core.models import ApiToken


def test_a_bearer_token_identifies_the_caller_and_their_current_roles(member, client):
    user = member("spa_triage")
    _, token = ApiToken.issue(user, "script")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == user.username and body["roles"] == ["spa_triage"]
    assert body["teams"][0]["role"] == "spa_triage"


@pytest.mark.django_db
def test_an_unknown_token_is_refused(client):
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/api/v1/me").status_code == 401


def test_only_a_hash_of_the_token_is_stored(member):
    token_row, token = ApiToken.issue(member("admin"), "script")
    assert token not in token_row.token_hash and len(token_row.token_hash) == 64


def test_the_session_works_for_the_api_too(signed_in, client):
    signed_in("clinician")
    assert client.get("/api/v1/me").json()["roles"] == ["clinician"]


@pytest.mark.django_db
def test_the_openapi_document_is_published(client):
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "Alongside API"


def test_a_token_is_no_way_round_the_second_factor(member, client, settings):
    user = member("clinician", second_factor=False, is_demo=True)
    _, token = ApiToken.issue(user, "script")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    settings.DEMO_MODE = True
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.django_db
def test_the_api_docs_page_loads_its_scripts_from_this_site(client):
    content = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in content and "cdn" not in content.lower()


# ----------------------------------------------------------------------------------------------- every answer is JSON

API_PATHS = {  # every operation's path, with an id in it where it takes one, and the methods it takes
    "/api/v1/me": "GET",
    "/api/v1/people": "GET",
    "/api/v1/people/1": "GET",
    "/api/v1/people/1/access-log": "GET",
    "/api/v1/referrals": "GET, POST",
    "/api/v1/referrals/1": "GET",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing",
        "/api/v1/people/abc",
        "/api/v1/referrals/1.5",
        "/api/v1/people/-1/access-log",
        "/api/v1/",
        "/api/v1",
        "/api/",
        "/api/v2/people",
    ],
)
def test_an_unknown_path_under_the_api_answers_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": api_errors.NOT_FOUND}


def test_a_missing_record_answers_the_same_404_as_an_unknown_path(member, client):
    _, token = ApiToken.issue(member("clinician"), "script")
    missing = client.get("/api/v1/people/999999", headers={"Authorization": f"Bearer {token}"})
    unknown = client.get("/api/v1/people/abc", headers={"Authorization": f"Bearer {token}"})
    assert missing.status_code == unknown.status_code == 404 and missing.json() == unknown.json()


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(API_PATHS))
@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "post"])
def test_a_method_an_address_does_not_take_answers_a_json_405(client, path, method):
    if method.upper() in API_PATHS[path]:
        return
    response = getattr(client, method)(path)
    assert response.status_code == 405 and response["Allow"] == API_PATHS[path]
    detail = f"This address does not take {method.upper()} requests. It takes: {API_PATHS[path]}."
    assert response.json() == {"detail": detail}


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(API_PATHS))
def test_without_credentials_every_operation_answers_401_and_how_to_sign_in(path):
    strict = Client(enforce_csrf_checks=True)  # as a script's request arrives: no CSRF exemption
    for method in API_PATHS[path].split(", "):
        response = strict.generic(method, path)
        assert response.status_code == 401 and response.json() == {"detail": api_errors.UNAUTHORISED}


def test_a_signed_in_browser_must_send_its_csrf_token_to_make_a_change(member):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member("gp"))
    response = strict.post("/api/v1/referrals", {}, content_type="application/json", headers={"Idempotency-Key": "k"})
    assert response.status_code == 403 and response.json() == {"detail": api_errors.CSRF_MISSING}
    assert strict.get("/api/v1/me").status_code == 200  # reading needs no token


def test_a_failure_inside_an_operation_answers_a_json_500_that_shows_nothing_of_it(member, client, monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr("alongside.core.api.attach_roles", fail)
    _, token = ApiToken.issue(member("clinician"), "script")
    client.raise_request_exception = False
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 500 and response.json() == {"detail": api_errors.SERVER_ERROR}
    assert b"secret" not in response.content and "secret detail of the failure" in caplog.text


def test_the_database_out_of_reach_inside_an_operation_answers_a_json_503_saying_when_to_try_again(
    member, client, monkeypatch
):
    def database_gone(*args, **kwargs):
        raise OperationalError('connection to server on socket "/tmp/.s.PGSQL.5432" failed')

    monkeypatch.setattr("alongside.core.api.attach_roles", database_gone)
    _, token = ApiToken.issue(member("clinician"), "script")
    client.raise_request_exception = False
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503 and response.json() == {"detail": api_errors.UNAVAILABLE}
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
    assert b"PGSQL" not in response.content


def test_a_body_over_the_size_limit_is_refused_with_what_to_do(member, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _, token = ApiToken.issue(member("gp"), "script")
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "k"}
    response = client.post("/api/v1/referrals", "x" * 2000, content_type="application/json", headers=headers)
    assert response.status_code == 400 and response.json() == {"detail": api_errors.TOO_BIG}


@pytest.mark.django_db
def test_a_failure_outside_the_api_operations_answers_json_under_api_and_the_page_elsewhere(rf):
    from django.contrib.auth.models import AnonymousUser

    from alongside.config import urls

    for path, kind in [("/api/v1/me", "application/json"), ("/people/", "text/html")]:
        request = rf.get(path)
        request.user = AnonymousUser()
        response = urls.handler500(request)
        assert response.status_code == 500 and response["Content-Type"].startswith(kind)
        assert b"Traceback" not in response.content
    assert json.loads(urls.handler500(rf.get("/api/v1/me")).content) == {"detail": api_errors.SERVER_ERROR}
    assert urls.handler404(rf.get("/api/x"), Http404()).status_code == 404


# ----------------------------------------------------------------------------------------------- the description


@pytest.mark.django_db
def test_every_operation_documents_every_status_it_answers_with_its_body(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            answers = operation["responses"]
            assert {"401", "500"} <= set(answers), (method, path)
            if "{" in path:
                assert "404" in answers, (method, path)
            if any(p["in"] == "query" for p in operation["parameters"]) or method == "post":
                assert "422" in answers, (method, path)
            for status, answer in answers.items():
                assert answer["description"] and "application/json" in answer["content"], (method, path, status)
