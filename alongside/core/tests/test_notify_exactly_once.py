"""Each message is sent exactly once: an attempt cut short is checked with Notify before any second send.

The killed-worker test (test_worker_killed_mid_send.py) does this with real processes; these are its steps, one by one.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from notifications_python_client.errors import HTTPError

from alongside.core import notify
from alongside.core.models import Message
from alongside.core.tests.test_notify import FakeNotify, FakeResponse, fake_notify  # noqa: F401 (a fixture)


def cut_short(reference="cut-short", since=timedelta(minutes=5), attempts=1) -> Message:
    """A message an earlier delivery marked SENDING and never finished (its worker was killed)."""
    return Message.objects.create(
        reference=reference,
        channel=Message.Channel.EMAIL,
        to="sam@example.org",
        template="template",
        personalisation={"body": "Hello"},
        state=Message.State.SENDING,
        sending_since=timezone.now() - since,
        attempts=attempts,
    )


class NotifyThatHas(FakeNotify):
    """A Notify that already has the given references (the killed worker's send reached it)."""

    def __init__(self, *references):
        super().__init__()
        self.has = references

    def get_all_notifications(self, reference=None, **filters):
        return {"notifications": [{"id": f"had-{reference}", "reference": reference}] if reference in self.has else []}


class NotifyThatCannotBeAsked(FakeNotify):
    def get_all_notifications(self, reference=None, **filters):
        raise HTTPError(FakeResponse(503, {"errors": [{"message": "Service unavailable"}]}))


@pytest.fixture
def notify_with(fake_notify, monkeypatch):  # noqa: F811 (the fixture imported above)
    def use(client):
        monkeypatch.setattr(notify, "notify_client", lambda: client)
        return client

    return use


@pytest.mark.django_db
def test_a_message_cut_short_that_notify_has_is_recorded_sent_with_its_id_and_not_sent_again(notify_with):
    client = notify_with(NotifyThatHas("cut-short"))
    message = notify.deliver(cut_short().pk)
    assert (message.state, message.provider_id, message.attempts) == (Message.State.SENT, "had-cut-short", 1)
    assert client.sent == [] and message.sent_at is not None


@pytest.mark.django_db
def test_a_message_cut_short_that_notify_does_not_have_is_sent_once(notify_with):
    client = notify_with(NotifyThatHas())
    message = notify.deliver(cut_short().pk)
    assert (message.state, message.attempts) == (Message.State.SENT, 2)
    assert [fields["reference"] for _, fields in client.sent] == ["cut-short"]
    notify.deliver(message.pk)
    assert len(client.sent) == 1


@pytest.mark.django_db
def test_a_sent_message_is_neither_asked_about_nor_sent(notify_with):
    client = notify_with(NotifyThatCannotBeAsked())
    message = cut_short()
    Message.objects.filter(pk=message.pk).update(state=Message.State.SENT, provider_id="first")
    assert notify.deliver(message.pk).provider_id == "first" and client.sent == []


@pytest.mark.django_db
def test_a_message_still_being_sent_by_another_delivery_is_left_to_it_and_looked_at_again_later(
    notify_with, db_tasks, settings
):
    from django_tasks_db.models import DBTaskResult

    client = notify_with(NotifyThatHas())
    message = cut_short(since=timedelta(seconds=settings.WORKER_STALE_SECONDS / 4))
    assert notify.deliver(message.pk).state == Message.State.SENDING and client.sent == []
    again = DBTaskResult.objects.get()
    assert again.args_kwargs["args"] == [message.pk]
    assert again.run_after > message.sending_since + timedelta(seconds=settings.WORKER_STALE_SECONDS)


@pytest.mark.django_db
def test_a_message_cut_short_longer_ago_than_notify_lists_is_failed_for_a_person_to_check(notify_with):
    client = notify_with(NotifyThatHas())
    message = notify.deliver(cut_short(since=timedelta(days=8)).pk)
    assert (message.state, message.error) == (Message.State.FAILED, notify.UNCONFIRMED)
    assert client.sent == []


@pytest.mark.django_db
def test_when_notify_cannot_be_asked_nothing_is_sent_and_it_is_asked_again_later(notify_with, db_tasks):
    from django_tasks_db.models import DBTaskResult

    client = notify_with(NotifyThatCannotBeAsked())
    message = notify.deliver(cut_short().pk)
    assert message.state == Message.State.SENDING and client.sent == []
    assert message.error == "Notify answered 503: Service unavailable"
    assert DBTaskResult.objects.get().args_kwargs["args"] == [message.pk]


@pytest.mark.django_db
def test_a_send_that_timed_out_is_checked_before_it_is_tried_again(notify_with, db_tasks):
    """No answer from Notify (a timeout) may still mean Notify has it: the retry asks first, and sends nothing."""
    from django_tasks_db.models import DBTaskResult

    client = notify_with(FakeNotify(fail_with=HTTPError(None)))  # what the client raises on a timeout
    message = notify.send(reference="timed-out", channel="email", to="sam@example.org", body="Hello")
    queued = DBTaskResult.objects.get()
    failed = notify.deliver(message.pk)
    assert (failed.state, failed.attempts) == (Message.State.FAILED, 1)
    assert DBTaskResult.objects.exclude(pk=queued.pk).get().run_after > timezone.now()  # the retry

    notify_with(NotifyThatHas("timed-out"))  # it had reached Notify after all
    retried = notify.deliver(message.pk)
    assert (retried.state, retried.provider_id, retried.attempts) == (Message.State.SENT, "had-timed-out", 1)
    assert client.sent == []


@pytest.mark.django_db
def test_each_attempt_is_marked_sending_before_notify_is_called(notify_with):
    seen = []

    class Watching(FakeNotify):
        def answer(self, channel, fields):
            row = Message.objects.get(reference=fields["reference"])
            seen.append((row.state, row.sending_since is not None, row.attempts))
            return super().answer(channel, fields)

    notify_with(Watching())
    notify.send(reference="watched", channel="email", to="sam@example.org", body="Hello")
    assert seen == [(Message.State.SENDING, True, 1)]


def test_the_client_uses_the_configured_address_and_answers_within_the_stale_time(settings):
    settings.NOTIFY_API_KEY = "test-" + "1" * 36 + "-" + "2" * 36
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:9"
    settings.WORKER_STALE_SECONDS = 6
    client = notify.notify_client()
    assert (client.base_url, client.timeout) == ("http://127.0.0.1:9", 3)


@pytest.mark.django_db
def test_after_a_restore_a_message_never_tried_is_checked_with_notify_first(notify_with):
    """A backup does not hold the messages sent after it was made: the same message, made again after a restore
    (a scheduled summary, a waiting reminder), must not go twice."""
    from alongside.core.audit import record

    client = notify_with(NotifyThatHas("summary-monday"))
    record(None, "database_restored", object_type="backup", object_id="alongside-1.dump")
    notify.send(reference="summary-monday", channel="email", to="sam@example.org", body="Hello")
    already = Message.objects.get(reference="summary-monday")
    assert (already.state, already.provider_id) == (Message.State.SENT, "had-summary-monday")
    notify.send(reference="summary-tuesday", channel="email", to="sam@example.org", body="Hello")
    assert Message.objects.get(reference="summary-tuesday").state == Message.State.SENT
    assert [fields["reference"] for _, fields in client.sent] == ["summary-tuesday"]


@pytest.mark.django_db
def test_without_a_restore_a_new_message_goes_without_asking(notify_with):
    client = notify_with(NotifyThatCannotBeAsked())  # asking would fail: it is not asked
    notify.send(reference="new", channel="email", to="sam@example.org", body="Hello")
    assert Message.objects.get(reference="new").state == Message.State.SENT
    assert len(client.sent) == 1
