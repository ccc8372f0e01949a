"""Sign-in protections, second-factor enforcement and security headers (the audit's: test_database_roles.py)."""

import pytest
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import PASSWORD, UserFactory
from alongside.people.tests.factories import PersonFactory


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_frame_denial(client):
    response = client.get(reverse("account_login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert len(response["X-Request-ID"]) >= 8


@pytest.mark.django_db
def test_pages_for_signed_in_users_are_never_stored(signed_in, client):
    signed_in("clinician")
    assert client.get("/")["Cache-Control"] == "no-store, private"


def test_staff_without_a_second_factor_must_enrol_before_anything_else(member, client):
    user = member("clinician", second_factor=False)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("second_factor_setup")
    assert client.get(reverse("second_factor_setup")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


def test_volunteers_must_enrol_too(member, client):
    client.force_login(member("volunteer", second_factor=False))
    assert client.get("/")["Location"] == reverse("second_factor_setup")


@pytest.mark.django_db
def test_a_person_supported_need_not_enrol(client):
    user = UserFactory()
    PersonFactory(user=user)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert b"Your details" in response.content


def test_demo_logins_skip_enrolment_only_with_the_demo_switch_and_say_so(member, client, settings):
    user = member("clinician", second_factor=False, is_demo=True)
    client.force_login(user)
    assert client.get("/").status_code == 302
    settings.DEMO_MODE = True
    response = client.get("/")
    assert response.status_code == 200
    assert b"skipped second-factor enrolment" in response.content


def test_the_demo_switch_does_not_help_ordinary_accounts(member, client, settings):
    settings.DEMO_MODE = True
    client.force_login(member("clinician", second_factor=False))
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_failed_sign_ins_are_logged_audited_and_rate_limited(client, caplog):
    user = UserFactory(username="sam.jones")
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": "sam.jones", "password": "wrong"})
        assert b"There is a problem" in response.content
        assert b'value="sam.jones"' in response.content
    assert AuditEvent.objects.filter(action="sign_in_failed", object_id="sam.jones").count() == 5
    assert "Failed sign-in for 'sam.jones'" in caplog.text
    response = client.post(reverse("account_login"), {"login": "sam.jones", "password": PASSWORD})
    assert b"Too many failed attempts to sign in" in response.content
    assert not response.wsgi_request.user.is_authenticated
    assert AuditEvent.objects.filter(action="sign_in_rate_limited").exists()
    assert user.pk


@pytest.mark.django_db
def test_public_sign_up_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert b'name="password1"' not in response.content


def test_the_django_admin_sign_in_goes_through_allauth(client, db):
    response = client.get("/django-admin/login/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_an_empty_sign_in_says_what_to_enter(client):
    content = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()
    assert "Enter your username" in content and "Enter your password" in content


def test_before_enrolment_the_menu_offers_only_what_can_be_used(member, client):
    client.force_login(member("admin", second_factor=False))
    content = client.get(reverse("second_factor_setup")).content.decode()
    assert "Security" in content
    assert "Organisations" not in content and "My teams" not in content


def test_the_audit_records_the_visitors_own_address_behind_a_trusted_proxy(settings, member, client):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.force_login(member("clinician"))
    person = PersonFactory()
    client.get(f"/people/{person.pk}/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert AuditEvent.objects.get(action="denied:person_viewed").ip_address == "203.0.113.7"


def test_the_api_tells_a_session_without_a_second_factor_in_json(member, client):
    client.force_login(member("clinician", second_factor=False))
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "second factor" in response.json()["detail"]
