"""The overdue reminder, run by the worker every hour: each open concern past its response target is flagged to
its hub's coordinators and the one who acts, once (`actions_loop.remind_overdue`).

Like the daily tasks (alongside.core.daily), each run queues the next, so one waiting run keeps the chain going; the
worker queues one when it starts, unless one is waiting. Running twice, or two runs at once, reminds no one twice: each
concern is locked (skipping those another run holds) and marked reminded in the same transaction as its alerts.
"""

import logging
import zlib
from datetime import datetime, timedelta

from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from alongside.core import audit
from alongside.core.daily import take_turns

from . import actions_loop

logger = logging.getLogger("alongside.concerns")

EVERY = timedelta(hours=1)
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


def next_run_at(now: datetime) -> datetime:
    """The next whole hour after `now`."""
    return now.replace(minute=0, second=0, microsecond=0) + EVERY


def schedule_overdue_reminders(now: datetime):
    """Queue the next reminder run for the next whole hour, unless one is already waiting; return the new run.
    Only the database task backend keeps runs for later."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = remind_overdue.get_backend()
    if not isinstance(backend, DatabaseBackend):
        logger.info("Overdue reminders are not scheduled: tasks here are not kept in the database.")
        return None
    with transaction.atomic():
        take_turns(SCHEDULING_LOCK)
        waiting = DBTaskResult.objects.filter(
            task_path=remind_overdue.module_path, status=TaskResultStatus.READY, backend_name=backend.alias
        )
        if waiting.exists():
            return None
        run_at = next_run_at(now)
        return remind_overdue.using(run_after=run_at).enqueue(run_at.isoformat())
