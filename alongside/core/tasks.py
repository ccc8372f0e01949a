"""Background tasks shared by every capability, run by `alongside worker` (tests run them at once)."""

from django.tasks import task

from . import notify


@task()
def deliver_message(message_id: int) -> str | None:
    """Send one queued email or text message; running it twice never sends it twice."""
    message = notify.deliver(message_id)
    return message.state if message else None
