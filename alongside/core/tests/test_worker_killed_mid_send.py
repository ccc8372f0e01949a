"""A worker killed in the middle of sending a message sends it exactly once after it starts again (issue 19).

`alongside worker` runs as a real process against the test database, sending to a fake Notify on 127.0.0.1
(fake_notify.py). The worker is killed with SIGKILL (its whole process group) at the worst moments: after Notify has
received the message but before its answer came back, and after the message was marked SENDING but before Notify
received anything. A new worker takes the dead one's task back once its heartbeat is stale, asks Notify whether it
has the message, and sends it only if not. About 15 seconds a case.
"""

import signal
import time
from collections.abc import Callable

import pytest
from django_tasks_db.models import DBTaskResult

from alongside.core import notify
from alongside.core.models import Message
from alongside.core.tests.fake_notify import API_KEY, FakeNotify
from tests.processes import start

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.system]

STALE_SECONDS = 6  # how long the worker started again waits before it takes the killed worker's task back
# The worker to be killed waits up to half its own stale time for Notify: long, so that on a busy machine its
# request is still waiting when the test kills it (taking back is decided by the worker that looks, with its own).
KILLED_STALE_SECONDS = 120
TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"


@pytest.fixture
def fake():
    server = FakeNotify().start()
    yield server
    server.close()


@pytest.fixture
def message(db_tasks, settings):
    settings.NOTIFY_EMAIL_TEMPLATE_ID = TEMPLATE
    return notify.send(reference="killed-mid-send", channel="email", to="sam@example.org", body="Hello from the team.")


def worker(fake: FakeNotify, stale: int = STALE_SECONDS):
    env = {
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_EMAIL_TEMPLATE_ID": TEMPLATE,
        "NOTIFY_TEXT_TEMPLATE_ID": TEMPLATE,
        "NOTIFY_BASE_URL": fake.url,
        "ALONGSIDE_WORKER_STALE_SECONDS": str(stale),
        "ALONGSIDE_WORKER_HEARTBEAT_SECONDS": "1",
    }
    return start(["worker", "--interval", "0.2"], env)


def wait_until(check: Callable[[], object], timeout: float, what: str, started=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    output = f"\nThe worker wrote:\n{finish(started)[-3000:]}" if started is not None else ""
    raise AssertionError(f"Not within {timeout} s: {what}{output}")


def finish(started) -> str:
    """Stop the worker if it still runs, and what it wrote (which also closes its pipe)."""
    started.stop()
    return started.output()


def state(message: Message) -> str:
    return Message.objects.values_list("state", flat=True).get(pk=message.pk)


def kill(started) -> None:
    started.signal(signal.SIGKILL)
    started.process.wait(10)
    finish(started)


def sent_once_after_a_restart(fake: FakeNotify, message: Message) -> None:
    """Start a worker again and expect the message recorded as sent, with Notify holding exactly one copy."""
    assert state(message) == Message.State.SENDING
    assert DBTaskResult.objects.get(args_kwargs__args=[message.pk]).status == "RUNNING"
    again = worker(fake)
    wait_until(lambda: state(message) == Message.State.SENT, 4 * STALE_SECONDS + 30, "the message sent", again)
    assert again.stop() == 0, finish(again)
    finish(again)
    posts = fake.posts_for(message.reference)
    assert len(posts) == 1, posts
    sent = Message.objects.get(pk=message.pk)
    assert sent.provider_id == posts[0]["id"]
    assert DBTaskResult.objects.filter(args_kwargs__args=[message.pk], status="SUCCESSFUL").count() >= 1
    assert not DBTaskResult.objects.filter(args_kwargs__args=[message.pk], status="RUNNING").exists()


def test_killed_after_notify_received_it_the_message_is_found_with_notify_and_not_sent_again(fake, message):
    fake.hold_posts()
    first = worker(fake, stale=KILLED_STALE_SECONDS)
    wait_until(lambda: fake.posts_for(message.reference), 60, "Notify to receive the message", first)
    kill(first)
    fake.release()  # Notify "answers" a worker that is no longer there
    sent_once_after_a_restart(fake, message)
    assert Message.objects.get(pk=message.pk).attempts == 1  # found with Notify: no second attempt


def test_killed_before_notify_received_it_the_message_is_sent_once(fake, message):
    fake.pause_accepting()
    first = worker(fake, stale=KILLED_STALE_SECONDS)
    wait_until(lambda: state(message) == Message.State.SENDING, 60, "the message marked as being sent", first)
    kill(first)
    assert fake.posts_for(message.reference) == []
    fake.resume_accepting(drop_pending=True)  # the killed worker's request never reaches "Notify"
    sent_once_after_a_restart(fake, message)
    assert Message.objects.get(pk=message.pk).attempts == 2


def test_a_worker_left_alone_sends_the_message_once(fake, message):
    running = worker(fake)
    wait_until(lambda: state(message) == Message.State.SENT, 60, "the message sent", running)
    assert running.stop() == 0, finish(running)
    finish(running)
    assert len(fake.posts_for(message.reference)) == 1
    assert Message.objects.get(pk=message.pk).attempts == 1
