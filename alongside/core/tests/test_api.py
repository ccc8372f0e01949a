import pytest

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
