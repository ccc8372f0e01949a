"""The nightly refresh of stored continuity priorities: a crisis lapses after 90 days, once, with one audit event."""

import signal
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from alongside.continuity.models import ContinuityFacts
from alongside.continuity.priority import Facts, priority
from alongside.continuity.tasks import refresh_priorities, schedule_priority_refresh
from alongside.continuity.tests.factories import ContinuityFactsFactory
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.people.tests.factories import PersonFactory

REFRESH_TASK = "alongside.continuity.tasks.refresh_priorities"
# Saturday 21 November 2026, 02:00 UK time (GMT).
NIGHT = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)


def facts(crisis_days_ago: int | None, **values) -> ContinuityFacts:
    """Facts saved when the crisis was a day old, with the priority worked out then (as saving does)."""
    crisis = TODAY - timedelta(days=crisis_days_ago) if crisis_days_ago is not None else None
    saved_on = crisis + timedelta(days=1) if crisis else TODAY
    score = priority(Facts(last_crisis_on=crisis, **values), saved_on).score
    return ContinuityFactsFactory(
        person=PersonFactory(), last_crisis_on=crisis, priority=score, updated_by=UserFactory(), **values
    )


def refreshed() -> list[dict]:
    return [e.detail for e in AuditEvent.objects.filter(action="continuity_priorities_refreshed").order_by("pk")]


@time_machine.travel(NIGHT, tick=False)
def test_a_crisis_91_days_ago_no_longer_counts_and_one_event_says_how_many_changed(db):
    lapsed = facts(91, wants_continuity=True, lives_alone=True)  # 3 + 2 + 1 when saved
    recent = facts(90, wants_continuity=True)  # the crisis still counts: 3 + 2
    calm = facts(None, frailty="severe", incurable_illness=True)
    before = {f.pk: (f.version, f.updated_at) for f in (lapsed, recent, calm)}
    assert lapsed.priority == 6

    assert refresh_priorities.enqueue(TODAY.isoformat()).return_value == 1

    stored = dict(ContinuityFacts.objects.values_list("pk", "priority"))
    assert stored == {lapsed.pk: 4, recent.pk: 5, calm.pk: 6}
    # Nothing anyone recorded changed: the version (and so anyone's open form) and the time of the facts stay.
    assert {f.pk: (f.version, f.updated_at) for f in ContinuityFacts.objects.all()} == before
    [event] = AuditEvent.objects.filter(action="continuity_priorities_refreshed")
    assert event.actor is None and event.person_id is None
    assert event.detail == {"day": "2026-11-21", "checked": 3, "changed": 1, "lowered": 1, "raised": 0}


def test_running_twice_changes_nothing_the_second_time_and_a_day_later_the_next_crisis_lapses(db):
    first = facts(90, wants_continuity=True)
    second = facts(89, incurable_illness=True)
    with time_machine.travel(NIGHT, tick=False):
        assert refresh_priorities.enqueue("2026-11-21").return_value == 0
        assert refresh_priorities.enqueue("2026-11-21").return_value == 0
    with time_machine.travel(NIGHT + timedelta(days=1), tick=False):
        assert refresh_priorities.enqueue("2026-11-22").return_value == 1
        assert refresh_priorities.enqueue("2026-11-22").return_value == 0
    assert dict(ContinuityFacts.objects.values_list("pk", "priority")) == {first.pk: 3, second.pk: 5}
    assert [(d["day"], d["changed"]) for d in refreshed()] == [
        ("2026-11-21", 0),
        ("2026-11-21", 0),
        ("2026-11-22", 1),
        ("2026-11-22", 0),
    ]


@time_machine.travel(NIGHT, tick=False)
def test_a_stale_priority_of_any_kind_is_put_right(db):
    """Every row is checked, not only those with a crisis: a priority left stale by anything is put right."""
    wrong = facts(None, lives_alone=True)
    ContinuityFacts.objects.filter(pk=wrong.pk).update(priority=9)
    assert refresh_priorities.enqueue("2026-11-21").return_value == 1
    wrong.refresh_from_db()
    assert wrong.priority == 1 and refreshed()[0]["lowered"] == 1


def test_facts_saved_while_the_refresh_ran_keep_the_priority_their_save_gave(db, monkeypatch):
    from alongside.continuity import tasks

    record = facts(91, wants_continuity=True)
    real = tasks.priority

    def meanwhile(facts_, today):  # someone saves new facts between the refresh's read and its write
        ContinuityFacts.objects.filter(pk=record.pk).update(priority=8, version=2)
        return real(facts_, today)

    monkeypatch.setattr(tasks, "priority", meanwhile)
    assert [new for _, _, new in tasks.recompute(TODAY)[1]] == [3]
    record.refresh_from_db()
    assert (record.priority, record.version) == (8, 2)


@pytest.mark.django_db
def test_scheduling_queues_one_run_at_two_in_the_morning_uk_time_however_often_it_is_asked(db_tasks):
    evening = datetime(2026, 7, 10, 18, 0, tzinfo=UTC)  # 19:00 UK summer time
    first = schedule_priority_refresh(evening)
    assert first.task.run_after == datetime(2026, 7, 11, 1, 0, tzinfo=UTC)  # 02:00 BST
    assert first.args == ["2026-07-11"]
    assert schedule_priority_refresh(evening) is None
    assert schedule_priority_refresh(evening + timedelta(hours=3)) is None
    assert DBTaskResult.objects.filter(task_path=REFRESH_TASK).count() == 1


@pytest.mark.django_db
def test_with_tasks_run_at_once_there_is_nothing_to_schedule():
    assert schedule_priority_refresh(NIGHT) is None


@time_machine.travel(NIGHT, tick=False)
def test_after_a_run_the_next_nights_run_is_queued(db, db_tasks):
    facts(91, wants_continuity=True)
    assert refresh_priorities.call("2026-11-21") == 1
    waiting = DBTaskResult.objects.get(task_path=REFRESH_TASK)
    assert waiting.status == "READY" and waiting.args_kwargs["args"] == ["2026-11-22"]
    assert waiting.run_after == datetime(2026, 11, 22, 2, 0, tzinfo=UTC)  # 02:00 GMT
    assert len(refreshed()) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_queues_the_refresh_once_however_often_it_starts(db_tasks):
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with time_machine.travel(NIGHT + timedelta(hours=10)):
            call_command("worker", batch=True, interval=0, verbosity=0)
            call_command("worker", batch=True, interval=0, verbosity=0)  # a restart
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    assert DBTaskResult.objects.filter(task_path=REFRESH_TASK, status="READY").count() == 1
