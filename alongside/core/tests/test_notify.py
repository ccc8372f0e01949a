"""Messages: once per reference, the console without a Notify key, Notify with one, and failures recorded."""

import logging
import threading
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from notifications_python_client.errors import APIError

from alongside.core import notify
from alongside.core.models import Message

EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
TEXT_TEMPLATE = "c6f2a2c4-7d0d-4a5e-9a44-3c3d7f6c1b19"


class FakeNotify:
    """Stands in for NotificationsAPIClient: keeps what it was asked to send, or fails as told; lists what it has."""

    def __init__(self, fail_with: Exception | None = None):
        self.sent: list[tuple[str, dict]] = []
        self.fail_with = fail_with

    def send_email_notification(self, **fields):
        return self.answer("email", fields)

    def send_sms_notification(self, **fields):
        return self.answer("sms", fields)

    def get_all_notifications(self, reference=None, **filters):
        kept = [(f"notify-{n}", fields["reference"]) for n, (_, fields) in enumerate(self.sent, start=1)]
        return {"notifications": [{"id": id, "reference": ref} for id, ref in kept if ref == reference]}

    def answer(self, channel, fields):
        if self.fail_with:
            raise self.fail_with
        self.sent.append((channel, fields))
        return {"id": f"notify-{len(self.sent)}", "reference": fields.get("reference")}


class FakeResponse:
    def __init__(self, status_code, body):
        self.status_code, self.body = status_code, body

    def json(self):
        return self.body


@pytest.fixture
def fake_notify(settings, monkeypatch):
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
    settings.NOTIFY_TEXT_TEMPLATE_ID = TEXT_TEMPLATE
    client = FakeNotify()
    monkeypatch.setattr(notify, "notify_client", lambda: client)
    return client


def send(reference="test-1", channel="email", to="sam@example.org", body="Hello from the team."):
    return notify.send(reference=reference, channel=channel, to=to, body=body)


@pytest.mark.django_db
def test_without_a_key_the_message_is_written_to_the_console_marked_as_not_sent(settings, capsys, caplog):
    settings.NOTIFY_API_KEY = ""
    with caplog.at_level(logging.INFO, logger="alongside.notify"):
        message = send(body="Your referral has been received.")
    out = capsys.readouterr().out
    assert "NOT REALLY SENT" in out and "sam@example.org" in out and "Your referral has been received." in out
    assert "Not really sent" in caplog.text and "test-1" in caplog.text
    message.refresh_from_db()
    assert (message.state, message.provider_id, message.attempts) == (Message.State.SENT, "console", 1)
    assert message.sent_at is not None


@pytest.mark.django_db
def test_a_second_send_with_the_same_reference_returns_the_first_message_and_sends_nothing(fake_notify):
    first = send(body="First")
    second = send(body="Second", to="someone.else@example.org")
    assert second.pk == first.pk and Message.objects.count() == 1
    assert [fields["personalisation"] for _, fields in fake_notify.sent] == [{"body": "First"}]


@pytest.mark.django_db
def test_notify_receives_the_address_template_body_and_reference(fake_notify):
    email = send(reference="ref-email", body="Body one")
    text = send(reference="ref-text", channel="sms", to="07700900123", body="Body two")
    assert fake_notify.sent == [
        (
            "email",
            {
                "email_address": "sam@example.org",
                "template_id": EMAIL_TEMPLATE,
                "personalisation": {"body": "Body one"},
                "reference": "ref-email",
            },
        ),
        (
            "sms",
            {
                "phone_number": "07700900123",
                "template_id": TEXT_TEMPLATE,
                "personalisation": {"body": "Body two"},
                "reference": "ref-text",
            },
        ),
    ]
    email.refresh_from_db()
    text.refresh_from_db()
    assert (email.state, email.provider_id) == (Message.State.SENT, "notify-1")
    assert (text.state, text.provider_id) == (Message.State.SENT, "notify-2")


@pytest.mark.django_db
def test_delivering_a_sent_message_again_sends_nothing(fake_notify):
    message = send()
    notify.deliver(message.pk)
    notify.deliver(message.pk)
    message.refresh_from_db()
    assert len(fake_notify.sent) == 1 and message.attempts == 1


@pytest.mark.django_db
def test_a_refusal_is_recorded_in_a_few_words_and_not_tried_again(fake_notify):
    fake_notify.fail_with = APIError(
        FakeResponse(400, {"errors": [{"error": "BadRequestError", "message": "Can't send to this recipient"}]})
    )
    message = send()
    message.refresh_from_db()
    assert message.state == Message.State.FAILED and message.attempts == 1
    assert message.error == "Notify answered 400: Can't send to this recipient"
    assert "Traceback" not in message.error and message.sent_at is None


@pytest.mark.django_db
def test_an_unexpected_error_is_recorded_without_a_stack_trace(fake_notify):
    fake_notify.fail_with = ConnectionError("network unreachable\n  at line 12")
    message = send()
    message.refresh_from_db()
    assert message.state == Message.State.FAILED
    assert message.error == "ConnectionError: network unreachable at line 12"


@pytest.mark.django_db
def test_a_failed_message_is_sent_when_delivered_again(fake_notify):
    fake_notify.fail_with = APIError(FakeResponse(500, {"errors": [{"message": "Internal server error"}]}))
    message = send()
    fake_notify.fail_with = None
    notify.deliver(message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts, message.error) == (Message.State.SENT, 2, "")


@pytest.mark.django_db
def test_a_missing_template_id_is_a_recorded_failure(fake_notify, settings):
    settings.NOTIFY_TEXT_TEMPLATE_ID = ""
    message = send(channel="sms", to="07700900123")
    message.refresh_from_db()
    assert message.state == Message.State.FAILED and "NOTIFY_TEXT_TEMPLATE_ID" in message.error


@pytest.mark.django_db
def test_an_unknown_channel_is_refused():
    with pytest.raises(ValueError, match="Unknown channel"):
        send(channel="pigeon")


@pytest.mark.django_db
def test_with_the_database_backend_delivery_waits_for_the_worker_and_a_busy_notify_is_tried_later(
    fake_notify, db_tasks
):
    from django_tasks_db.models import DBTaskResult

    message = send()
    assert Message.objects.get(pk=message.pk).state == Message.State.PENDING and not fake_notify.sent
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "alongside.core.tasks.deliver_message" and queued.args_kwargs["args"] == [message.pk]

    fake_notify.fail_with = APIError(FakeResponse(503, {"errors": [{"message": "Service unavailable"}]}))
    notify.deliver(message.pk)
    retry = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert retry.run_after > message.created_at


@pytest.mark.django_db(transaction=True)
def test_the_worker_really_runs_a_queued_delivery(fake_notify, db_tasks):
    """The database backend and `db_worker --batch`, as `alongside worker` runs them, with committed rows."""
    import signal

    from django_tasks_db.models import DBTaskResult

    message = send()
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, interval=0, reload=False, startup_delay=False, verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    message.refresh_from_db()
    assert message.state == Message.State.SENT and len(fake_notify.sent) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_make_one_message(fake_notify):
    """The second sender's insert waits for the first's transaction, then finds its message: one row, one send."""
    from django.db import connections

    first_sent, results, errors = threading.Event(), {}, []

    def sender(name, wait_for=None, hold=0.0):
        try:
            if wait_for:
                wait_for.wait(5)
            with transaction.atomic():
                results[name] = send(reference="same-moment", body=name).pk
                first_sent.set()
                time.sleep(hold)  # still uncommitted while the other sender tries
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=sender, args=("first",), kwargs={"hold": 0.5}),
        threading.Thread(target=sender, args=("second",), kwargs={"wait_for": first_sent}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and results["first"] == results["second"]
    assert Message.objects.get(reference="same-moment").personalisation == {"body": "first"}
    assert len(fake_notify.sent) == 1
