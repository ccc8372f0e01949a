"""Taking back tasks whose worker died while running them, so that each runs again (at least once).

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again; after a `kill -9` it would
stay RUNNING for ever. Here a RUNNING task whose worker (the last of its `worker_ids`) has not beaten for
WORKER_STALE_SECONDS is made READY again. So every task must be safe to run again (docs/adr/0049): delivering a
message checks with Notify first, and the scheduled tasks make one run per reference.

This reads django-tasks-db's own rows (its status values and `worker_ids`), as of version 0.13.0, which is pinned;
core/tests/test_worker_recovery.py and the killed-worker test cover it.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import Message, WorkerHeartbeat

logger = logging.getLogger("alongside.worker")

READY, RUNNING = "READY", "RUNNING"  # django-tasks-db's TaskResultStatus values, as stored
DELIVERY_TASK = "alongside.core.tasks.deliver_message"
# A message still unsent after Notify's 7 days (left by an earlier version, or after a long outage) may be out of date.
OUT_OF_DATE = "Not sent within 7 days, so not sent at all: it may be out of date. Send a new one if it is still needed"


def take_back_abandoned(now: datetime | None = None) -> list[str]:
    """Make READY every RUNNING task whose worker has been silent for WORKER_STALE_SECONDS; their ids.

    A task started less than that long ago is left alone too, whoever claimed it. Rows another worker is taking
    back at the same moment are skipped (SKIP LOCKED), so two workers never take the same task twice.
    """
    stale_before = (now or timezone.now()) - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(beat_at__gte=stale_before).values_list("worker_id", flat=True))
    with transaction.atomic():
        running = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=stale_before)
            .select_for_update(skip_locked=True)
            .only("id", "worker_ids")
        )
        taken = [str(task.pk) for task in running if not task.worker_ids or task.worker_ids[-1] not in alive]
        if taken:
            DBTaskResult.objects.filter(pk__in=taken).update(status=READY, started_at=None)
    for task_id in taken:
        logger.warning("Took back task %s: its worker stopped while running it; it will run again.", task_id)
    return taken


def take_back_own(worker_id: str) -> list[str]:
    """Make READY the tasks this worker had claimed but is no longer running (after the database came back)."""
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True).only("id", "worker_ids")
        taken = [str(task.pk) for task in running if task.worker_ids and task.worker_ids[-1] == worker_id]
        if taken:
            DBTaskResult.objects.filter(pk__in=taken).update(status=READY, started_at=None)
    for task_id in taken:
        logger.warning("Task %s was cut short by a database outage; it will run again.", task_id)
    return taken


def requeue_stranded_messages(now: datetime | None = None) -> list[int]:
    """Queue a delivery again for each message not yet sent that has no delivery waiting or running; their ids.

    A database outage in the middle of a delivery can end its task as failed, leaving the message waiting for
    ever. Only messages older than WORKER_STALE_SECONDS are looked at, so one just written (with its task, in the
    same transaction) is never doubled; a second delivery of the same message would in any case send nothing twice.
    """
    from .notify import NOTIFY_KEEPS
    from .tasks import deliver_message  # the task module imports notify, which imports the models

    now = now or timezone.now()
    not_sent = Message.objects.filter(state__in=[Message.State.PENDING, Message.State.SENDING])
    too_old = not_sent.filter(created_at__lt=now - NOTIFY_KEEPS).update(state=Message.State.FAILED, error=OUT_OF_DATE)
    if too_old:
        logger.warning("%s messages waited more than %s days unsent: marked failed.", too_old, NOTIFY_KEEPS.days)
    stale_before = now - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    unsent = list(not_sent.filter(created_at__lt=stale_before).values_list("pk", flat=True).order_by())
    if not unsent:
        return []
    waiting = DBTaskResult.objects.filter(task_path=DELIVERY_TASK, status__in=[READY, RUNNING])
    queued = {args[0] for task in waiting.values_list("args_kwargs", flat=True) if (args := _args(task))}
    stranded = [pk for pk in unsent if pk not in queued]
    for pk in stranded:
        deliver_message.enqueue(pk)
        logger.warning("Message %s had no delivery waiting (cut short by an outage?): queued it again.", pk)
    return stranded


def _args(args_kwargs) -> list:
    """A queued task's arguments, or none for a row this version cannot read (never an error in the heartbeat)."""
    args = args_kwargs.get("args") if isinstance(args_kwargs, dict) else None
    return args if isinstance(args, list) else []
