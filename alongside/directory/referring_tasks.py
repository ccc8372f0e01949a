"""The hourly check for community referrals with no answer five working days after they were sent: the referrer is
told and the service reminded, once (`actions_referring.remind_unanswered`). Like the concerns' overdue reminder,
each run queues the next, and running twice reminds no one twice."""

import logging
import zlib
from datetime import datetime, timedelta

from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from alongside.core.daily import take_turns

from . import actions_referring

logger = logging.getLogger("alongside.directory")

EVERY = timedelta(hours=1)
SCHEDULING_LOCK = zlib.crc32(b"alongside.directory.schedule_referral_reminders")


@task()
def remind_unanswered(planned_iso: str) -> int:
    now = timezone.now()
    reminded = actions_referring.remind_unanswered(now)
    logger.info("Community referrals with no answer: %s reminded about.", reminded)
    schedule_referral_reminders(now)
    return reminded


def next_run_at(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0) + EVERY


def schedule_referral_reminders(now: datetime):
    """Queue the next run for the next whole hour, unless one is already waiting (database task backend only)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = remind_unanswered.get_backend()
    if not isinstance(backend, DatabaseBackend):
        logger.info("Community referral reminders are not scheduled: tasks here are not kept in the database.")
        return None
    with transaction.atomic():
        take_turns(SCHEDULING_LOCK)
        waiting = DBTaskResult.objects.filter(
            task_path=remind_unanswered.module_path, status=TaskResultStatus.READY, backend_name=backend.alias
        )
        if waiting.exists():
            return None
        run_at = next_run_at(now)
        return remind_unanswered.using(run_after=run_at).enqueue(run_at.isoformat())
