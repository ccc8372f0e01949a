"""Email and text messages: recorded once per reference, then delivered in the background by GOV.UK Notify.

`send` is called inside the caller's transaction. It writes the message and queues its delivery in that same
transaction, so with the database task backend a rolled-back change sends nothing and a committed one is never
left without its delivery. `deliver` sends each message exactly once, even when a worker is killed mid-send: it
marks the message SENDING before calling Notify, and asks Notify for the reference before any second attempt
(docs/adr/0049). Without NOTIFY_API_KEY (the demo and tests) messages go to the console instead.
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
# Notify lists a service's messages for 7 days: a message left SENDING for longer can no longer be checked.
NOTIFY_KEEPS = timedelta(days=7)
UNCONFIRMED = "Could not confirm whether Notify sent it: check in Notify before sending it again"


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
    """Send one message unless it has been sent already, and record what happened: each message goes once.

    Three steps, and no transaction is held open while Notify is called (docs/adr/0049):
    1. `start_sending` (a short transaction, the row locked): stop if it was sent; if an earlier attempt may have
       reached Notify, ask Notify for the reference and record it sent if Notify has it; otherwise mark it SENDING.
    2. Hand it to Notify, with the message's reference.
    3. `finish_sending` (a short transaction): record SENT with Notify's id, or the failure, tried again later if
       it may pass. A worker killed between 1 and 3 leaves it SENDING; its task is taken back and step 1 asks first.
    """
    message, go_on = start_sending(message_id)
    if not go_on or message is None:
        return message
    try:
        provider_id = send_now(message)
    except Exception as error:
        return finish_sending(message_id, error=error)
    return finish_sending(message_id, provider_id=provider_id)


def start_sending(message_id: int) -> tuple[Message | None, bool]:
    """Step 1: the message, and whether to hand it to Notify now (it is then SENDING, its attempt counted)."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state == Message.State.SENT:
            return message, False
        now = timezone.now()
        if message.state == Message.State.SENDING and message.sending_since:
            if now - message.sending_since < stale_after():
                # Another delivery began moments ago and may be waiting for Notify's answer: look again later.
                look_again(message, message.sending_since + stale_after() + timedelta(seconds=1))
                return message, False
            if now - message.sending_since > NOTIFY_KEEPS:
                record(message, Message.State.FAILED, error=UNCONFIRMED)
                logger.warning("Message %s: %s", message.pk, UNCONFIRMED)
                return message, False
        # An earlier attempt may have reached Notify, or (after a restore) a message like it sent since the backup:
        # ask Notify first.
        if (message.attempts or restored_lately(now)) and settings.NOTIFY_API_KEY:
            try:
                provider_id = already_with_notify(message)
            except Exception as error:
                message.error = short_error(error)
                message.save(update_fields=["error"])
                logger.warning("Could not ask Notify about message %s: %s", message.pk, message.error)
                look_again(message, now + RETRY_AFTER[min(message.attempts, len(RETRY_AFTER)) - 1])
                return message, False
            if provider_id:
                record(message, Message.State.SENT, provider_id=provider_id)
                logger.info("Message %s was already with Notify (%s): recorded as sent.", message.pk, provider_id)
                return message, False
        message.state, message.sending_since, message.attempts = Message.State.SENDING, now, message.attempts + 1
        message.save(update_fields=["state", "sending_since", "attempts"])
    return message, True


def finish_sending(message_id: int, provider_id: str = "", error: Exception | None = None) -> Message | None:
    """Step 3: record what Notify said. A failure is kept in a few words, never a stack trace."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state == Message.State.SENT:
            return message
        if error is None:
            record(message, Message.State.SENT, provider_id=provider_id)
        else:
            record(message, Message.State.FAILED, error=short_error(error))
            logger.warning("Could not send message %s (attempt %s): %s", message.pk, message.attempts, message.error)
            if may_pass(error):
                try_again_later(message)
    return message


def record(message: Message, state: str, provider_id: str = "", error: str = "") -> None:
    message.state, message.error = state, error
    if state == Message.State.SENT:
        message.provider_id, message.sent_at = provider_id, timezone.now()
    message.save(update_fields=["state", "provider_id", "error", "sent_at"])


def restored_lately(now) -> bool:
    """Whether the database was restored from a backup within the days Notify lists messages: messages sent after
    the backup was made are not in it, so each message is checked with Notify before it goes (docs/adr/0050)."""
    from .models import AuditEvent

    return AuditEvent.objects.filter(action="database_restored", at__gte=now - NOTIFY_KEEPS).exists()


def already_with_notify(message: Message) -> str | None:
    """Notify's id for a message with this reference, if Notify has one (it lists the last 7 days)."""
    answer = notify_client().get_all_notifications(reference=message.reference)
    for found in answer.get("notifications") or []:
        if found.get("reference") == message.reference and found.get("id"):
            return str(found["id"])
    return None


def stale_after() -> timedelta:
    return timedelta(seconds=settings.WORKER_STALE_SECONDS)


def look_again(message: Message, when) -> None:
    """Queue another delivery of this message at `when` (the task backend in tests cannot wait: then nothing)."""
    from .tasks import deliver_message

    if deliver_message.get_backend().supports_defer:
        deliver_message.using(run_after=when).enqueue(message.pk)


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

    # Notify must answer well within the stale time, so that a delivery still waiting for it is never taken for dead.
    timeout = min(30.0, settings.WORKER_STALE_SECONDS / 2)
    return NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=timeout)


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
