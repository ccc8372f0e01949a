"""Queuing the next run of a task that keeps itself going (alongside.core.daily): daily at a UK hour, or hourly at
the next whole hour; either way one run waits at most, however often the next is asked for."""

import logging
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.tasks import task
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st

from alongside.core.daily import UK, next_whole_hour, queue_next_hourly_run, queue_next_run, send_today
from alongside.core.models import AuditEvent

LOGGER = logging.getLogger("alongside.core.tests")
MONDAY = datetime(2026, 3, 2, 9, 10, tzinfo=UTC)


@task()
def hourly(planned_iso: str) -> str:
    return planned_iso


@task()
def daily(day_iso: str) -> str:
    return day_iso


def queue_hourly(now: datetime):
    return queue_next_hourly_run(hourly, now=now, lock=1401, what="hourly test run", logger=LOGGER)


def queue_daily(now: datetime):
    return queue_next_run(daily, hour=8, now=now, lock=1402, what="daily test run", logger=LOGGER)


def test_the_next_whole_hour():
    assert next_whole_hour(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)) == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert next_whole_hour(datetime(2026, 3, 2, 23, 59, 59, 9, tzinfo=UTC)) == datetime(2026, 3, 3, 0, 0, tzinfo=UTC)


@given(now=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)))
def test_the_next_whole_hour_is_within_the_hour_and_on_the_hour(now):
    run_at = next_whole_hour(now)
    assert now < run_at <= now + timedelta(hours=1)
    assert (run_at.minute, run_at.second, run_at.microsecond) == (0, 0, 0)


@pytest.mark.django_db
def test_an_hourly_run_is_queued_once_for_the_next_whole_hour_with_that_time(db_tasks):
    first = queue_hourly(MONDAY)
    assert first is not None
    assert queue_hourly(MONDAY) is None and queue_hourly(MONDAY + timedelta(hours=3)) is None  # one waits already
    waiting = DBTaskResult.objects.get()
    assert waiting.run_after == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert waiting.args_kwargs["args"] == ["2026-03-02T10:00:00+00:00"]


@pytest.mark.django_db
def test_a_daily_run_is_queued_once_for_the_uk_hour_with_that_day(db_tasks):
    assert queue_daily(MONDAY) is not None
    assert queue_daily(MONDAY) is None
    waiting = DBTaskResult.objects.get()
    assert waiting.run_after == datetime(2026, 3, 3, 8, 0, tzinfo=UK)  # 09:10 is past today's 08:00
    assert waiting.args_kwargs["args"] == ["2026-03-03"]
    assert queue_hourly(MONDAY) is not None  # another task waits apart


@pytest.mark.django_db
def test_with_tasks_run_at_once_there_is_nothing_to_queue():
    assert queue_hourly(MONDAY) is None and queue_daily(MONDAY) is None


@pytest.mark.django_db
def test_a_daily_sender_sends_for_today_by_the_uk_clock_and_is_audited():
    """Just after midnight in summer, the UK day has begun while UTC is still on the day before."""
    seen = []

    def send(today, now):
        seen.append((today, now))
        return 3

    with time_machine.travel(datetime(2026, 7, 1, 23, 30, tzinfo=UTC), tick=False):
        sent, today, now = send_today("2026-07-02", send, lock=1403, action="test_reminders_sent", object_type="test")
    assert (sent, today, now) == (3, date(2026, 7, 2), datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    assert seen == [(today, now)]
    event = AuditEvent.objects.get(action="test_reminders_sent")
    assert event.detail == {"day": "2026-07-02", "planned_for": "2026-07-02", "reminded": 3}
