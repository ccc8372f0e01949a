"""The daily triage summary for the single point of access team leaders, sent each morning by the worker.

Each run sends the day's summary, then puts the next day's run in the queue, so one waiting run keeps the chain
going. Running twice on a day sends nothing twice, and restarting the worker never queues a second run.
"""

import logging
import zlib
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from alongside.core import audit, notify
from alongside.core.daily import queue_next_run, take_turns
from alongside.core.models import Alert, User
from alongside.partners import roles

from . import timers
from .summary import daily_summary, headline_start, summary_headline, summary_text

logger = logging.getLogger("alongside.referrals")

QUEUE_URL = "/referrals/"
# Runs that overlap (two workers, a retry) take turns on these PostgreSQL advisory locks.
SENDING_LOCK = zlib.crc32(b"alongside.referrals.send_daily_summary")
SCHEDULING_LOCK = zlib.crc32(b"alongside.referrals.schedule_daily_summary")


@task()
def send_daily_summary(day_iso: str) -> int:
    """Send today's summary to every single point of access team leader who has not had it; return how many had it."""
    now = timezone.now()
    day = now.astimezone(timers.UK).date().isoformat()
    if day != day_iso:
        logger.info("The triage summary planned for %s is running on %s: it gives today's figures.", day_iso, day)
    summary = daily_summary(now)
    headline, text = summary_headline(summary)[:300], summary_text(summary)
    sent = 0
    with transaction.atomic():
        take_turns(SENDING_LOCK)
        leaders = list(team_leaders(now))
        already = set(
            Alert.objects.filter(
                recipient__in=leaders, url=QUEUE_URL, text__startswith=headline_start(now)
            ).values_list("recipient_id", flat=True)
        )
        for user in leaders:
            if user.pk in already:
                continue
            Alert.objects.create(recipient=user, text=headline, url=QUEUE_URL)
            if user.email:
                notify.send(reference=f"triage-summary-{day}-{user.pk}", channel="email", to=user.email, body=text)
            audit.record(
                None,
                "triage_summary_sent",
                object_type="user",
                object_id=user.pk,
                detail={
                    "day": day,
                    "by_email": bool(user.email),
                    "waiting": summary.waiting_total,
                    "overdue": summary.overdue_total,
                },
            )
            sent += 1
    logger.info("Triage summary for %s sent to %s team leader(s).", day, sent)
    schedule_daily_summary(now)
    return sent


def team_leaders(now: datetime):
    """Active users who lead a single point of access team now."""
    return User.objects.filter(pk__in=roles.triage_team_leader_ids(now), is_active=True).order_by("pk")


def schedule_daily_summary(now: datetime):
    """Queue the next summary for TRIAGE_SUMMARY_HOUR UK time, unless one is already waiting; return the new run."""
    return queue_next_run(
        send_daily_summary,
        hour=settings.TRIAGE_SUMMARY_HOUR,
        now=now,
        lock=SCHEDULING_LOCK,
        what="triage summary",
        logger=logger,
    )
