"""Tasks that run once a day at a set hour, UK time, or every hour, kept going by the worker.

Each run, when it finishes, queues the next one; the worker queues one when it starts. So one waiting run keeps
the chain going, and two are never queued: whoever queues takes turns on an advisory lock and looks first.
"""

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone

from alongside.core import audit

UK = ZoneInfo("Europe/London")


def next_run_at(now: datetime, hour: int) -> datetime:
    """The next time the UK clock shows `hour` o'clock, after `now` (summer time included)."""
    day = now.astimezone(UK).date()
    run_at = datetime(day.year, day.month, day.day, hour, tzinfo=UK)
    if run_at <= now:
        day += timedelta(days=1)
        run_at = datetime(day.year, day.month, day.day, hour, tzinfo=UK)
    return run_at


def take_turns(lock: int) -> None:
    """Wait for any other run holding this lock; the lock is let go when the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])


def send_today(
    day_iso: str, send: Callable[[date, datetime], int], *, lock: int, action: str, object_type: str
) -> tuple[int, date, datetime]:
    """One run of a daily sender: `send(today, now)` (today by the UK clock) in one transaction, taking turns on
    `lock` so that two runs at once send nothing twice, and audited as `action` with how many it sent and the day the
    run was planned for (`day_iso`). Returns how many, today, and now (for queuing the next run)."""
    now = timezone.now()
    today = now.astimezone(UK).date()
    with transaction.atomic():
        take_turns(lock)
        sent = send(today, now)
        audit.record(
            None,
            action,
            object_type=object_type,
            detail={"day": today.isoformat(), "planned_for": day_iso, "reminded": sent},
        )
    return sent, today, now


def next_whole_hour(now: datetime) -> datetime:
    """The next whole hour after `now`: when an hourly task runs next."""
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def queue_next_run(task, *, hour: int, now: datetime, lock: int, what: str, logger: logging.Logger):
    """Queue `task` for the next `hour` o'clock UK time with that day's date (ISO) as its argument, unless a run is
    already waiting; return the new run, or None."""
    run_at = next_run_at(now, hour)
    return queue_run(task, run_at, run_at.date().isoformat(), lock=lock, what=what, logger=logger)


def queue_next_hourly_run(task, *, now: datetime, lock: int, what: str, logger: logging.Logger):
    """Queue `task` for the next whole hour with that time (ISO) as its argument, unless a run is already waiting;
    return the new run, or None."""
    run_at = next_whole_hour(now)
    return queue_run(task, run_at, run_at.isoformat(), lock=lock, what=what, logger=logger)


def queue_run(task, run_at: datetime, argument: str, *, lock: int, what: str, logger: logging.Logger):
    """Queue `task` to run at `run_at` with `argument`, unless a run of it is already waiting; return the new run, or
    None. Whoever queues takes turns on `lock` and looks first, so two are never queued.

    Only the database task backend keeps runs for later (tests run tasks at once, so there is nothing to queue).
    """
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        logger.info("The %s is not scheduled: tasks here are not kept in the database.", what)
        return None
    with transaction.atomic():
        take_turns(lock)
        waiting = DBTaskResult.objects.filter(
            task_path=task.module_path, status=TaskResultStatus.READY, backend_name=backend.alias
        )
        if waiting.exists():
            return None
        logger.info("The next %s is due at %s.", what, run_at.isoformat())
        return task.using(run_after=run_at).enqueue(argument)
