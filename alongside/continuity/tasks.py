"""The nightly refresh of the continuity priority kept on each person's recorded facts, run by the worker.

`ContinuityFacts.priority` is worked out from the facts whenever they are saved, and kept so that lists and the
dashboard can sort and filter by it. One fact lapses with time rather than with an edit: a crisis counts for 90
days. So each night the worker works the priority out again for every facts row, and writes back, in one UPDATE,
those that changed. Like the daily triage summary, each run puts the next night's run in the queue, so one waiting
run keeps the chain going; running twice changes nothing twice, and restarting the worker never queues a second run.
"""

import logging
import zlib
from datetime import datetime

from django.db import connection, transaction
from django.tasks import task
from django.utils import timezone

from alongside.core import audit
from alongside.core.daily import UK, queue_next_run, take_turns

from .actions import FACT_FIELDS
from .models import ContinuityFacts
from .priority import Facts, priority

logger = logging.getLogger("alongside.continuity")

REFRESH_HOUR = 2  # UK time: after midnight, so that the day's date is the one a crisis is counted back from
# Runs that overlap (two workers, a retry) take turns on these PostgreSQL advisory locks.
REFRESHING_LOCK = zlib.crc32(b"alongside.continuity.refresh_priorities")
SCHEDULING_LOCK = zlib.crc32(b"alongside.continuity.schedule_priority_refresh")
CHUNK = 5_000  # facts rows read at a time


@task()
def refresh_priorities(day_iso: str) -> int:
    """Work out every stored continuity priority again for today (UK date); return how many changed."""
    now = timezone.now()
    today = now.astimezone(UK).date()
    if today.isoformat() != day_iso:
        logger.info("The priority refresh planned for %s is running on %s: it counts from today.", day_iso, today)
    with transaction.atomic():
        take_turns(REFRESHING_LOCK)
        checked, changed = recompute(today)
        audit.record(
            None,
            "continuity_priorities_refreshed",
            object_type="continuity_facts",
            detail={
                "day": today.isoformat(),
                "checked": checked,
                "changed": len(changed),
                "lowered": sum(1 for _, old, new in changed if new < old),
                "raised": sum(1 for _, old, new in changed if new > old),
            },
        )
    logger.info("Continuity priorities refreshed for %s: %s of %s changed.", today, len(changed), checked)
    schedule_priority_refresh(now)
    return len(changed)


def recompute(today) -> tuple[int, list[tuple[int, int, int]]]:
    """Check every facts row against `priority.priority` for `today`; write the changed ones in one UPDATE.
    Returns how many were checked, and (id, old, new) for each that changed.

    The UPDATE matches each row's version as read: a row whose facts were saved meanwhile already has the
    priority of its new facts (saving works it out), and is left alone. The facts themselves, their version and
    `updated_at` stay as they are: nothing anyone recorded has changed, so no one's open form goes out of date.
    """
    fields = ["pk", "version", "priority", *FACT_FIELDS]
    checked, changed, versions = 0, [], []
    for row in ContinuityFacts.objects.order_by("pk").values_list(*fields).iterator(chunk_size=CHUNK):
        checked += 1
        pk, version, stored, *facts = row
        score = priority(Facts(**dict(zip(FACT_FIELDS, facts, strict=True))), today).score
        if score != stored:
            changed.append((pk, stored, score))
            versions.append(version)
    if changed:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE continuity_continuityfacts AS f SET priority = v.priority "
                "FROM unnest(%s::bigint[], %s::integer[], %s::integer[]) AS v(id, version, priority) "
                "WHERE f.id = v.id AND f.version = v.version",
                [[pk for pk, _, _ in changed], versions, [new for _, _, new in changed]],
            )
    return checked, changed


def schedule_priority_refresh(now: datetime):
    """Queue the next refresh for REFRESH_HOUR UK time, unless one is already waiting; return the new run."""
    return queue_next_run(
        refresh_priorities,
        hour=REFRESH_HOUR,
        now=now,
        lock=SCHEDULING_LOCK,
        what="continuity priority refresh",
        logger=logger,
    )


# --- the continuity dashboard's figures ---------------------------------------------------------------------------

FIGURES_HOUR = 3  # UK time: after the priorities are refreshed
FIGURES_LOCK = zlib.crc32(b"alongside.continuity.refresh_dashboard_figures")
FIGURES_SCHEDULING_LOCK = zlib.crc32(b"alongside.continuity.schedule_dashboard_figures")


@task()
def refresh_dashboard_figures(day_iso: str) -> int:
    """Work out the continuity dashboard's figures for every team over the year up to today (UK date) and the last
    eight quarters, and keep them in place of the last night's (`dashboard_figures.keep`, audited). Reading every
    contact once, this is the work each dashboard page did before; now a page reads the kept figures. Returns how
    many figures were kept."""
    from . import dashboard_figures, dashboard_queries

    now = timezone.now()
    today = now.astimezone(UK).date()
    if today.isoformat() != day_iso:
        logger.info("The dashboard figures planned for %s are worked out on %s.", day_iso, today)
    with transaction.atomic():
        take_turns(FIGURES_LOCK)
        figures, seconds = dashboard_figures.timed(lambda: dashboard_queries.nightly_figures(today))
        dashboard_figures.keep(figures, seconds)
    logger.info("Continuity dashboard figures worked out for %s: %s in %.1f s.", today, len(figures.found), seconds)
    schedule_dashboard_figures(now)
    return len(figures.found)


def schedule_dashboard_figures(now: datetime):
    """Queue the next working-out of the dashboard's figures for FIGURES_HOUR UK time, unless one is waiting."""
    return queue_next_run(
        refresh_dashboard_figures,
        hour=FIGURES_HOUR,
        now=now,
        lock=FIGURES_SCHEDULING_LOCK,
        what="continuity dashboard figures",
        logger=logger,
    )
