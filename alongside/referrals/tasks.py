"""The daily triage summary for the single point of access team leaders, sent each morning by the worker.

Each run sends the day's summary, then puts the next day's run in the queue, so one waiting run keeps the chain
going. Running twice on a day sends nothing twice, and restarting the worker never queues a second run.
"""

import logging
import zlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from alongside.core import audit, notify
from alongside.core.models import Alert, User
from alongside.partners.models import Membership, Role, Team

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
    leading = Membership.objects.active(now).filter(role=Role.TEAM_LEADER, team__kind=Team.Kind.SPA)
    return User.objects.filter(pk__in=leading.values("user_id"), is_active=True).order_by("pk")


def schedule_daily_summary(now: datetime):
    """Queue the next summary for TRIAGE_SUMMARY_HOUR UK time, unless one is already waiting; return the new run.

    Only the database task backend keeps runs for later (tests run tasks at once, so there is nothing to queue).
    """
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = send_daily_summary.get_backend()
    if not isinstance(backend, DatabaseBackend):
        logger.info("The daily triage summary is not scheduled: tasks here are not kept in the database.")
        return None
    with transaction.atomic():
        take_turns(SCHEDULING_LOCK)
        waiting = DBTaskResult.objects.filter(
            task_path=send_daily_summary.module_path, status=TaskResultStatus.READY, backend_name=backend.alias
        )
        if waiting.exists():
            return None
        run_at = next_run_at(now, settings.TRIAGE_SUMMARY_HOUR)
        logger.info("The next triage summary is due at %s.", run_at.isoformat())
        return send_daily_summary.using(run_after=run_at).enqueue(run_at.date().isoformat())


def next_run_at(now: datetime, hour: int) -> datetime:
    """The next time the UK clock shows `hour` o'clock, after `now` (summer time included)."""
    local = now.astimezone(timers.UK)
    day = local.date()
    run_at = datetime(day.year, day.month, day.day, hour, tzinfo=timers.UK)
    if run_at <= now:
        day += timedelta(days=1)
        run_at = datetime(day.year, day.month, day.day, hour, tzinfo=timers.UK)
    return run_at


def take_turns(lock: int) -> None:
    """Wait for any other run holding this lock; the lock is let go when the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
