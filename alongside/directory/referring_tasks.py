"""The hourly check for community referrals with no answer five working days after they were sent: the referrer is
told and the service reminded, once (`actions_referring.remind_unanswered`). Like the concerns' overdue reminder,
each run queues the next, and running twice reminds no one twice."""

import logging
import zlib
from datetime import datetime

from django.tasks import task
from django.utils import timezone

from alongside.core.daily import queue_next_hourly_run

from . import actions_referring

logger = logging.getLogger("alongside.directory")

SCHEDULING_LOCK = zlib.crc32(b"alongside.directory.schedule_referral_reminders")


@task()
def remind_unanswered(planned_iso: str) -> int:
    now = timezone.now()
    reminded = actions_referring.remind_unanswered(now)
    logger.info("Community referrals with no answer: %s reminded about.", reminded)
    schedule_referral_reminders(now)
    return reminded


def schedule_referral_reminders(now: datetime):
    """Queue the next run for the next whole hour, unless one is already waiting (database task backend only)."""
    return queue_next_hourly_run(
        remind_unanswered, now=now, lock=SCHEDULING_LOCK, what="community referral reminder", logger=logger
    )
