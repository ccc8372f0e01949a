"""A Permissions-Policy on every response; cookies that work over plain HTTP in the demo and tests.

The production cookie names (__Host-) are checked in test_settings.py, where production settings are loaded.
"""

import pytest
from django.urls import reverse

from alongside.core.tests.factories import PASSWORD, UserFactory

REFUSED = ["camera", "microphone", "geolocation", "payment", "usb", "display-capture", "fullscreen"]


def features(response) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/no-such-page/", "/api/v1/people/", "/static/alongside/alongside.css", "/health/"],
)
def test_every_response_refuses_features_the_service_does_not_use(client, path):
    response = client.get(path)
    response.close()  # a static file's response holds the file open until it is closed
    policy = features(response)
    assert all(policy[feature] == "()" for feature in REFUSED)


@pytest.mark.django_db
def test_passkeys_stay_allowed_for_this_site_only(client):
    policy = features(client.get(reverse("account_login")))
    assert policy["publickey-credentials-get"] == "(self)"
    assert policy["publickey-credentials-create"] == "(self)"


@pytest.mark.django_db
def test_over_plain_http_the_demo_keeps_cookies_without_the_https_only_prefix(client):
    UserFactory(username="demo.person")
    page = client.get(reverse("account_login"))
    assert not page.cookies["csrftoken"]["secure"]
    response = client.post(reverse("account_login"), {"login": "demo.person", "password": PASSWORD})
    assert response.wsgi_request.user.is_authenticated
    assert "sessionid" in response.cookies and not response.cookies["sessionid"]["secure"]
    assert not any(name.startswith("__Host-") for name in response.cookies)
