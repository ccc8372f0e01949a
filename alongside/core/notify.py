"""Email and text messages: recorded once per reference, then delivered in the background by GOV.UK Notify.

`send` is called inside the caller's transaction. It writes the message and queues its delivery in that same
transaction, so with the database task backend a rolled-back change sends nothing and a committed one is never
left without its delivery. Without NOTIFY_API_KEY (the demo and tests) messages go to the console instead.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Message

logger = logging.getLogger("alongside.notify")

# After a failure that may pass (Notify busy or unreachable), try again after these waits; then give up.
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1))


def send(*, reference: str, channel: str, to: str, body: str, person_id: int | None = None) -> Message:
    """Record a message and queue its delivery, once per reference: a repeat returns the first message, unsent again.

    The reference says what the message is about (for example "triage-summary-2025-01-06-12"); the unique
    constraint on it, not a check beforehand, is what keeps two callers at the same moment from both sending.
    """
    if channel not in Message.Channel.values:
        raise ValueError(f"Unknown channel {channel!r}: use one of {', '.join(Message.Channel.values)}")
    if not (reference and to and body):
        raise ValueError("A message needs a reference, someone to send it to and a body")
    with transaction.atomic():  # a savepoint in the caller's transaction; its own transaction if there is none
        message, created = Message.objects.get_or_create(
            reference=reference,
            defaults={
                "channel": channel,
                "to": to,
                "template": template_id(channel),
                "personalisation": {"body": body},
                "person_id": person_id,
            },
        )
        if created:
            from .tasks import deliver_message  # the task module imports this one

            deliver_message.enqueue(message.pk)
    return message


def deliver(message_id: int) -> Message | None:
    """Send one message unless it has been sent already, and record what happened.

    The row stays locked while it is sent, so two deliveries of the same message (a retry, a second worker) take
    turns and the second finds it sent. A failure is recorded in a few words, never a stack trace, and one that
    may pass is tried again later.
    """
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state == Message.State.SENT:
            return message
        message.attempts += 1
        try:
            message.provider_id = send_now(message)
        except Exception as error:
            message.state, message.error = Message.State.FAILED, short_error(error)
            logger.warning("Could not send message %s (attempt %s): %s", message.pk, message.attempts, message.error)
            if may_pass(error):
                try_again_later(message)
        else:
            message.state, message.error, message.sent_at = Message.State.SENT, "", timezone.now()
        message.save(update_fields=["state", "attempts", "provider_id", "error", "sent_at"])
    return message


def send_now(message: Message) -> str:
    """Hand the message to Notify (or the console) and return the provider's id for it."""
    body = message.personalisation.get("body", "")
    if not settings.NOTIFY_API_KEY:
        return write_to_console(message, body)
    template = message.template or template_id(message.channel)
    if not template:
        setting = "NOTIFY_EMAIL_TEMPLATE_ID" if message.channel == Message.Channel.EMAIL else "NOTIFY_TEXT_TEMPLATE_ID"
        raise ValueError(f"{setting} is not set")
    client = notify_client()
    common = {"template_id": template, "personalisation": {"body": body}, "reference": message.reference}
    if message.channel == Message.Channel.EMAIL:
        answer = client.send_email_notification(email_address=message.to, **common)
    else:
        answer = client.send_sms_notification(phone_number=message.to, **common)
    return str(answer["id"])


def notify_client():
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(settings.NOTIFY_API_KEY)


def write_to_console(message: Message, body: str) -> str:
    """The demo's and tests' stand-in for Notify: show the message, plainly marked as not really sent."""
    channel = message.get_channel_display().lower()
    logger.info("Not really sent (no NOTIFY_API_KEY): %s to %s, reference %s", channel, message.to, message.reference)
    rule = "-" * 72
    print(
        f"{rule}\nNOT REALLY SENT (no NOTIFY_API_KEY): {channel} to {message.to}\n"
        f"Reference: {message.reference}\n\n{body}\n{rule}",
        flush=True,
    )
    return "console"


def template_id(channel: str) -> str:
    return settings.NOTIFY_EMAIL_TEMPLATE_ID if channel == Message.Channel.EMAIL else settings.NOTIFY_TEXT_TEMPLATE_ID


def short_error(error: Exception) -> str:
    """What went wrong in one line: Notify's own words where it gave them, never a stack trace."""
    from notifications_python_client.errors import APIError

    if isinstance(error, APIError):
        said = error.message
        if isinstance(said, list):
            said = "; ".join(str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in said)
        text = f"Notify answered {error.status_code}: {said}"
    else:
        text = f"{type(error).__name__}: {error}"
    return " ".join(text.split())[:300]


def may_pass(error: Exception) -> bool:
    """Notify was busy, down or unreachable (worth another try), rather than refusing this message."""
    from notifications_python_client.errors import APIError

    return isinstance(error, APIError) and (error.status_code == 429 or error.status_code >= 500)


def try_again_later(message: Message) -> None:
    from .tasks import deliver_message

    if message.attempts > len(RETRY_AFTER) or not deliver_message.get_backend().supports_defer:
        return
    later = timezone.now() + RETRY_AFTER[message.attempts - 1]
    deliver_message.using(run_after=later).enqueue(message.pk)
