"""Someone who leaves Alongside alone for longer than SESSION_IDLE_MINUTES is signed out, and told why."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    clock.shift(timedelta(minutes=31, seconds=1))  # within a minute of the 30 minutes running out
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
        clock.shift(timedelta(minutes=29, seconds=59))
    assert client.get("/").status_code == 200
    assert not AuditEvent.objects.filter(action="signed_out").exists()


def test_nobody_is_signed_out_before_the_idle_time_is_up(client, member, clock):
    client.force_login(member("clinician"))
    clock.shift(timedelta(seconds=59))
    assert client.get("/").status_code == 200  # not written to the session: less than a minute since sign-in
    clock.shift(timedelta(minutes=30))
    assert client.get("/").status_code == 200  # idle for exactly 30 minutes since that request


def test_signing_in_starts_the_idle_clock_so_pages_do_not_write_the_session(client, member, clock):
    client.force_login(member("clinician"))
    clock.shift(timedelta(seconds=30))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and q["sql"].startswith("UPDATE")]


def test_the_idle_time_is_configurable(client, member, clock, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(member("clinician"))
    assert client.get("/").status_code == 200
    clock.shift(timedelta(minutes=7))
    response = client.get("/", follow=True)
    assert "had not used Alongside for 5 minutes" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_signing_out_by_choice_is_not_called_idle(client, member, clock):
    client.force_login(member("clinician"))
    client.get("/")
    client.post(reverse("account_logout"))
    assert AuditEvent.objects.get(action="signed_out").detail == {}
