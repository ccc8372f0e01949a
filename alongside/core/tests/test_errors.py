import pytest
from django.test import RequestFactory

from alongside.core import views


@pytest.mark.django_db
def test_missing_pages_use_the_nhs_styled_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content and b"nhsuk-header" in response.content


@pytest.mark.django_db
def test_the_server_error_page_shows_no_detail():
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = views.server_error(request)
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_a_form_posted_without_its_security_token_gets_a_kind_page(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert b"Your form could not be sent" in response.content


@pytest.mark.django_db
def test_health_check_answers(client):
    assert client.get("/health/").json() == {"status": "ok"}
