"""The overdue reminder of MDT actions, run by the worker every hour: each open action past its due date is flagged
to its owner once (`actions_follow.remind_overdue`). Each run queues the next (alongside.core.daily), as the concern
loop's reminder does; two runs at once remind no one twice."""

import logging
import zlib
from datetime import datetime

from django.tasks import task
from django.utils import timezone

from alongside.core import audit
from alongside.core.daily import queue_next_hourly_run

from . import actions_follow

logger = logging.getLogger("alongside.mdt")

SCHEDULING_LOCK = zlib.crc32(b"alongside.mdt.schedule_action_reminders")


@task()
def remind_overdue_actions(planned_iso: str) -> int:
    now = timezone.now()
    reminded = actions_follow.remind_overdue(now)
    if reminded:
        audit.record(
            None,
            "mdt_actions_overdue_reminded",
            object_type="mdt_action",
            detail={"planned": planned_iso, "reminded": reminded},
        )
    logger.info("Overdue MDT actions: %s reminded about.", reminded)
    schedule_action_reminders(now)
    return reminded


def schedule_action_reminders(now: datetime):
    return queue_next_hourly_run(
        remind_overdue_actions, now=now, lock=SCHEDULING_LOCK, what="overdue MDT action reminder", logger=logger
    )
