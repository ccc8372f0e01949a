"""The audit's request id is made by the server; a client's own id is only kept beside it."""

import pytest
from django.urls import reverse

from alongside.core.models import AuditEvent


def failed_sign_in(client, **headers):
    return client.post(reverse("account_login"), {"login": "nobody", "password": "wrong"}, headers=headers)


@pytest.mark.django_db
def test_two_requests_sending_the_same_id_are_told_apart(client):
    first = failed_sign_in(client, x_request_id="my-trace-0001")
    second = failed_sign_in(client, x_request_id="my-trace-0001")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert "my-trace-0001" not in (first["X-Request-ID"], second["X-Request-ID"])
    events = AuditEvent.objects.filter(action="sign_in_failed").order_by("pk")
    assert [e.request_id for e in events] == [first["X-Request-ID"], second["X-Request-ID"]]
    assert [e.client_request_id for e in events] == ["my-trace-0001", "my-trace-0001"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent",
    ["x" * 65, "trace id with spaces", "trace-0001\n", "<script>alert(1)</script>", "trace;drop", "\u00e9t\u00e9-2026"],
)
def test_a_client_id_that_is_too_long_or_odd_is_not_kept(client, sent):
    response = failed_sign_in(client, x_request_id=sent)
    event = AuditEvent.objects.get(action="sign_in_failed")
    assert event.client_request_id == ""
    assert event.request_id == response["X-Request-ID"] and len(event.request_id) == 32


@pytest.mark.django_db
def test_without_a_client_id_the_server_still_gives_one(client):
    response = failed_sign_in(client)
    event = AuditEvent.objects.get(action="sign_in_failed")
    assert event.request_id == response["X-Request-ID"] and event.client_request_id == ""
