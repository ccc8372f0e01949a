"""The nightly clear-up, run by the worker: answers kept from one-time links that can no longer be used are removed
(`actions.forget_lapsed_link_drafts`). Like the other daily tasks (alongside.core.daily), each run queues the next."""

import logging
import zlib
from datetime import datetime

from django.tasks import task
from django.utils import timezone

from alongside.core import audit
from alongside.core.daily import queue_next_run

from . import actions

logger = logging.getLogger("alongside.outcomes")

SCHEDULING_LOCK = zlib.crc32(b"alongside.outcomes.schedule_link_draft_clear_up")
HOUR = 3  # at night, UK time


@task()
def forget_lapsed_link_drafts(day_iso: str) -> int:
    """Remove the drafts of links that have expired or been used; return how many."""
    now = timezone.now()
    removed = actions.forget_lapsed_link_drafts(now)
    if removed:
        audit.record(
            None, "outcomes_link_drafts_removed", object_type="draft", detail={"day": day_iso, "removed": removed}
        )
    logger.info("Drafts of lapsed questionnaire links: %s removed.", removed)
    schedule_link_draft_clear_up(now)
    return removed


def schedule_link_draft_clear_up(now: datetime):
    """Queue the next clear-up for the next 3 o'clock, unless one is already waiting; return the new run."""
    return queue_next_run(
        forget_lapsed_link_drafts, hour=HOUR, now=now, lock=SCHEDULING_LOCK, what="link draft clear-up", logger=logger
    )
