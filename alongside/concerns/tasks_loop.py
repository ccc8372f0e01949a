"""The overdue reminder, run by the worker every hour: each open concern past its response target is flagged to
its hub's coordinators and the one who acts, once (`actions_loop.remind_overdue`).

Like the daily tasks (alongside.core.daily), each run queues the next, so one waiting run keeps the chain going; the
worker queues one when it starts, unless one is waiting. Running twice, or two runs at once, reminds no one twice: each
concern is locked (skipping those another run holds) and marked reminded in the same transaction as its alerts.
"""

import logging
import zlib
from datetime import datetime

from django.tasks import task
from django.utils import timezone

from alongside.core import audit
from alongside.core.daily import queue_next_hourly_run

from . import actions_loop

logger = logging.getLogger("alongside.concerns")

SCHEDULING_LOCK = zlib.crc32(b"alongside.concerns.schedule_overdue_reminders")


@task()
def remind_overdue(planned_iso: str) -> int:
    """Remind about every concern now overdue and not yet reminded about; return how many."""
    now = timezone.now()
    reminded = actions_loop.remind_overdue(now)
    if reminded:
        audit.record(
            None,
            "concerns_overdue_reminded",
            object_type="concern",
            detail={"planned": planned_iso, "reminded": reminded},
        )
    logger.info("Overdue concerns: %s reminded about.", reminded)
    schedule_overdue_reminders(now)
    return reminded


def schedule_overdue_reminders(now: datetime):
    """Queue the next reminder run for the next whole hour, unless one is already waiting; return the new run."""
    return queue_next_hourly_run(remind_overdue, now=now, lock=SCHEDULING_LOCK, what="overdue reminder", logger=logger)
