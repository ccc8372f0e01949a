"""Failed sign-ins are limited by username and address together and by address; a stranger cannot lock anyone out.

The limits are the real ones from the settings: 5 failures for one username from one address in 5 minutes,
20 from one address in a minute, and more than 50 for one username in an hour alerts information governance.
"""

import pytest
from django.urls import reverse

from alongside.core.models import Alert, AuditEvent
from alongside.core.tests.factories import PASSWORD, UserFactory
from alongside.partners.tests.factories import TeamFactory

REFUSED = "Too many failed attempts to sign in. Wait 5 minutes, then try again."


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(reverse("account_login"), {"login": username, "password": password}, REMOTE_ADDR=address)


def signed_in(response) -> bool:
    return response.wsgi_request.user.is_authenticated


def refusals(limit):
    return AuditEvent.objects.filter(action="sign_in_rate_limited", detail__limit=limit)


@pytest.mark.django_db
def test_five_failures_refuse_that_username_from_that_address_only(client, caplog):
    UserFactory(username="sam.jones")
    for _ in range(5):
        assert "There is a problem" in sign_in(client, "sam.jones", "wrong", "203.0.113.9").content.decode()
    refused = sign_in(client, "sam.jones", PASSWORD, "203.0.113.9")
    assert REFUSED in refused.content.decode() and not signed_in(refused)
    # The real Sam, at their own desk, is not locked out by the stranger's guesses.
    assert signed_in(sign_in(client, "sam.jones", PASSWORD, "10.20.30.40"))
    assert refusals("sign_in_failed_username_address").get().object_id == "sam.jones"
    assert "Sign-in refused by the sign_in_failed_username_address limit for 'sam.jones'" in caplog.text


@pytest.mark.django_db
def test_twenty_failures_from_one_address_refuse_that_address(client, caplog):
    UserFactory(username="ana.silva")
    for n in range(20):
        assert not signed_in(sign_in(client, f"guess{n}", "wrong", "198.51.100.7"))
    refused = sign_in(client, "ana.silva", PASSWORD, "198.51.100.7")
    assert REFUSED in refused.content.decode() and not signed_in(refused)
    event = refusals("sign_in_failed_address").get()
    assert event.object_id == "ana.silva" and event.ip_address == "198.51.100.7"
    assert "Sign-in refused by the sign_in_failed_address limit" in caplog.text
    assert signed_in(sign_in(client, "ana.silva", PASSWORD, "10.20.30.40"))


@pytest.mark.django_db
def test_signing_in_successfully_does_not_use_up_the_limit(client):
    UserFactory(username="lee.chen")
    for _ in range(4):
        sign_in(client, "lee.chen", "wrong")
    for _ in range(3):
        assert signed_in(sign_in(client, "lee.chen", PASSWORD))
        client.logout()
    assert signed_in(sign_in(client, "lee.chen", PASSWORD))


@pytest.mark.django_db
def test_many_failures_for_one_username_alert_information_governance_without_locking_out(client, member, caplog):
    team = TeamFactory()
    target = member("clinician", team=team, username="kim.oduya")
    reviewer = member("ig_reviewer", team=TeamFactory(organisation=team.organisation))
    other_reviewer = member("ig_reviewer")  # another organisation's
    for n in range(50):
        sign_in(client, "kim.oduya", "wrong", f"192.0.2.{n}")
    assert not Alert.objects.exists()
    sign_in(client, "kim.oduya", "wrong", "192.0.2.200")
    alert = Alert.objects.get()
    assert alert.recipient == reviewer and "More than 50 failed sign-ins in an hour" in alert.text
    assert "kim.oduya" in alert.text and alert.url == reverse("audit:search") + "?username=kim.oduya"
    assert not other_reviewer.alerts.exists()
    event = AuditEvent.objects.get(action="sign_in_failures_alerted")
    assert event.object_id == "kim.oduya" and event.detail["recipients"] == [reviewer.username]
    assert "More than 50 failed sign-ins in an hour for 'kim.oduya'" in caplog.text
    sign_in(client, "kim.oduya", "wrong", "192.0.2.201")
    assert Alert.objects.count() == 1  # once for the hour, not once per failure
    response = sign_in(client, "kim.oduya", PASSWORD, "10.20.30.40")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert target.pk


@pytest.mark.django_db
def test_many_failures_for_a_username_nobody_has_are_audited_but_alert_nobody(client, member):
    member("ig_reviewer")
    for n in range(51):
        sign_in(client, "no.such.person", "wrong", f"192.0.2.{n}")
    assert AuditEvent.objects.get(action="sign_in_failures_alerted").detail["recipients"] == []
    assert not Alert.objects.exists()


def test_wrong_second_factor_codes_are_limited_logged_and_audited(client, member, caplog):
    user = member("clinician", username="jo.bright")
    assert sign_in(client, "jo.bright", PASSWORD)["Location"] == reverse("mfa_authenticate")
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR="10.0.0.1")
    refused = client.post(reverse("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR="10.0.0.1")
    assert REFUSED in refused.content.decode()
    event = refusals("second_factor_code").get()
    assert event.actor == user and event.object_id == "jo.bright"
    assert "Sign-in refused by the second_factor_code limit for 'jo.bright'" in caplog.text


@pytest.mark.django_db
def test_too_many_sign_in_posts_from_one_address_get_a_plain_page_logged_and_audited(client, caplog):
    for _ in range(30):
        assert client.post(reverse("account_login"), {}, REMOTE_ADDR="198.51.100.8").status_code == 200
    response = client.post(reverse("account_login"), {}, REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode() and "Wait a minute" in response.content.decode()
    event = AuditEvent.objects.get(action="rate_limited")
    assert event.object_id == reverse("account_login") and event.ip_address == "198.51.100.8"
    assert "Rate limit reached at /accounts/login/ from 198.51.100.8" in caplog.text
