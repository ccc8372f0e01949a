"""The daily reminder to check listings, run by the worker.

A listing in use not checked for six months (staleness.py) is flagged on the keepers' pages, and its keeper is
reminded once: in Alongside (an Alert) and by email (GOV.UK Notify). Its keeper is its editor; for a service with
none, its organisation's editor; failing both, every directory editor. The listing is marked reminded in the same
transaction, and checking it clears the mark. Each run queues the next day's, like the other daily tasks
(alongside.core.daily).
"""

import logging
import zlib
from datetime import date, datetime

from django.db.models import Q
from django.tasks import task
from django.urls import reverse

from alongside.core import notify
from alongside.core.daily import queue_next_run, send_today
from alongside.core.models import Alert, User
from alongside.partners.models import Membership, Role

from .listings_queries import stale_q
from .models import Organisation, Service
from .staleness import due_words, last_known_right, needs_reminder

logger = logging.getLogger("alongside.directory")

REMINDER_HOUR = 8  # UK time
SENDING_LOCK = zlib.crc32(b"alongside.directory.send_check_reminders")
SCHEDULING_LOCK = zlib.crc32(b"alongside.directory.schedule_check_reminders")


def _waiting(model, today: date):
    waiting = model.objects.select_for_update(of=("self",)).filter(
        Q(retired_at__isnull=True, reminded_at__isnull=True) & stale_q(today)
    )
    if model is Service:
        waiting = waiting.select_related("organisation")
    return list(waiting.order_by("pk"))


def remind_due(today: date, now: datetime) -> int:
    """Remind the keepers of every listing that needs a check and has not been reminded; return how many listings.
    Call inside a transaction."""
    listings = [
        (kind, listing)
        for kind, model in (("organisation", Organisation), ("service", Service))
        for listing in _waiting(model, today)
        if needs_reminder(listing.checked_on, listing.added_on, False, False, today)
    ]
    if not listings:
        return 0
    editors = sorted(
        set(Membership.objects.active().filter(role=Role.DIRECTORY_EDITOR).values_list("user_id", flat=True))
    )
    keeper_ids = {listing.editor_id for _, listing in listings} | {
        listing.organisation.editor_id for kind, listing in listings if kind == "service"
    }
    users = {u.pk: u for u in User.objects.filter(pk__in=(keeper_ids | set(editors)) - {None}, is_active=True)}
    alerts = []
    for kind, listing in listings:
        keeper = listing.editor_id or (listing.organisation.editor_id if kind == "service" else None)
        told = [keeper] if keeper in users else [pk for pk in editors if pk in users]
        page = reverse(f"directory:keep_{kind}", args=[listing.pk])
        since = due_words(listing.checked_on, listing.added_on, today)
        for pk in told:
            alerts.append(
                Alert(recipient_id=pk, text=f"Check {listing.name} in the directory is still right. {since}", url=page)
            )
            user = users[pk]
            if user.email:
                since_day = last_known_right(listing.checked_on, listing.added_on)
                notify.send(
                    reference=f"directory-check-{kind}-{listing.pk}-{since_day}-{pk}",
                    channel="email",
                    to=user.email,
                    body=(
                        f"Alongside: please check that {listing.name} is still right in the directory of community "
                        f"services. {since}. Open it in Alongside, change anything that is not right, then choose "
                        "'Mark as checked'."
                    ),
                )
        listing.reminded_at = now
        listing.save(update_fields=["reminded_at"])
    Alert.objects.bulk_create(alerts)
    return len(listings)


@task()
def send_check_reminders(day_iso: str) -> int:
    """Remind keepers of today's listings that need a check (UK date); return how many listings."""
    sent, today, now = send_today(
        day_iso, remind_due, lock=SENDING_LOCK, action="directory_check_reminders_sent", object_type="directory"
    )
    logger.info("Directory check reminders for %s: %s listings.", today, sent)
    schedule_check_reminders(now)
    return sent


def schedule_check_reminders(now: datetime):
    """Queue the next day's reminders for REMINDER_HOUR UK time, unless a run is already waiting."""
    return queue_next_run(
        send_check_reminders,
        hour=REMINDER_HOUR,
        now=now,
        lock=SCHEDULING_LOCK,
        what="directory check reminders",
        logger=logger,
    )
