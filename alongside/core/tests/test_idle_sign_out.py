"""Someone who leaves Alongside alone for longer than SESSION_IDLE_MINUTES is signed out, and told why."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from alongside.core.models import AuditEvent

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_someone_idle_for_more_than_30_minutes_is_signed_out_and_told_why(client, member, clock):
    user = member("clinician")
    client.force_login(user)
    assert client.get("/").status_code == 200
    clock.shift(timedelta(minutes=31))
    response = client.get(reverse("people:search"), follow=True)
    assert response.redirect_chain[0][0] == reverse("account_login") + "?next=" + reverse("people:search")
    assert not response.wsgi_request.user.is_authenticated
    content = response.content.decode()
    assert "You were signed out because you had not used Alongside for 30 minutes" in content
    assert "Sign in again to carry on" in content
    event = AuditEvent.objects.get(action="signed_out")
    assert event.actor == user and event.detail == {"reason": "idle"}
    assert client.get("/").status_code == 302  # still signed out


def test_using_the_service_keeps_someone_signed_in(client, member, clock):
    client.force_login(member("clinician"))
    for _ in range(4):
        assert client.get("/").status_code == 200
        clock.shift(timedelta(minutes=29))
    assert client.get("/").status_code == 200
    assert not AuditEvent.objects.filter(action="signed_out").exists()


def test_the_idle_time_is_configurable(client, member, clock, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(member("clinician"))
    assert client.get("/").status_code == 200
    clock.shift(timedelta(minutes=6))
    response = client.get("/", follow=True)
    assert "had not used Alongside for 5 minutes" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_signing_out_by_choice_is_not_called_idle(client, member, clock):
    client.force_login(member("clinician"))
    client.get("/")
    client.post(reverse("account_logout"))
    assert AuditEvent.objects.get(action="signed_out").detail == {}
