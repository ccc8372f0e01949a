"""The worker's heartbeat, taking back the tasks of a worker that died, and living through database outages."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alongside.core import heartbeat, task_recovery
from alongside.core.management.commands import worker
from alongside.core.models import Message, WorkerHeartbeat
from alongside.core.tasks import deliver_message


def running_task(worker_id: str, started=timedelta(minutes=5)) -> DBTaskResult:
    """A delivery task claimed by `worker_id` that long ago and still RUNNING."""
    result = deliver_message.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - started, worker_ids=["an-earlier-worker", worker_id]
    )
    return DBTaskResult.objects.get(pk=result.id)


def beating(worker_id: str, ago: timedelta) -> None:
    heartbeat.beat(worker_id, started_at=timezone.now() - timedelta(hours=1))
    WorkerHeartbeat.objects.filter(pk=worker_id).update(beat_at=timezone.now() - ago)


def status(task: DBTaskResult) -> tuple[str, bool]:
    task.refresh_from_db()
    return task.status, task.started_at is None


@pytest.mark.django_db
def test_a_running_task_whose_worker_went_silent_is_ready_again(db_tasks, settings):
    beating("silent", ago=timedelta(seconds=settings.WORKER_STALE_SECONDS + 5))
    task = running_task("silent")
    assert task_recovery.take_back_abandoned() == [str(task.pk)]
    assert status(task) == ("READY", True)


@pytest.mark.django_db
def test_a_running_task_whose_worker_never_beat_is_ready_again(db_tasks):
    task = running_task("gone-without-a-trace")
    assert task_recovery.take_back_abandoned() == [str(task.pk)]


@pytest.mark.django_db
def test_a_running_task_whose_worker_is_alive_is_left_alone(db_tasks):
    beating("alive", ago=timedelta(seconds=1))
    task = running_task("alive")
    assert task_recovery.take_back_abandoned() == []
    assert status(task) == ("RUNNING", False)


@pytest.mark.django_db
def test_a_task_claimed_moments_ago_is_left_alone_whoever_claimed_it(db_tasks):
    task = running_task("not-yet-beating", started=timedelta(seconds=1))
    assert task_recovery.take_back_abandoned() == []
    assert status(task) == ("RUNNING", False)


@pytest.mark.django_db
def test_after_an_outage_a_worker_takes_back_only_its_own_running_tasks(db_tasks):
    beating("other", ago=timedelta(seconds=1))
    mine, theirs = running_task("me"), running_task("other")
    assert task_recovery.take_back_own("me") == [str(mine.pk)]
    assert status(mine) == ("READY", True) and status(theirs) == ("RUNNING", False)


def unsent(reference: str, age: timedelta, state=Message.State.PENDING) -> Message:
    message = Message.objects.create(
        reference=reference, channel="email", to="sam@example.org", template="t", personalisation={"body": "Hi"}
    )
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - age, state=state)
    return message


@pytest.mark.django_db
def test_a_message_whose_delivery_an_outage_failed_is_queued_again_and_only_that_one(db_tasks, settings):
    old = timedelta(seconds=settings.WORKER_STALE_SECONDS + 5)
    stranded = unsent("stranded", old)
    deliver_message.enqueue(stranded.pk)
    DBTaskResult.objects.update(status="FAILED")  # set_failed once the database was back
    cut_short = unsent("cut-short", old, state=Message.State.SENDING)
    waiting = unsent("waiting", old)
    deliver_message.enqueue(waiting.pk)
    unsent("just-written", timedelta(seconds=0))
    unsent("sent", old, state=Message.State.SENT)
    unsent("failed", old, state=Message.State.FAILED)
    weeks_old = unsent("left-by-an-earlier-version", timedelta(days=30))
    odd = deliver_message.enqueue(999_999)
    DBTaskResult.objects.filter(pk=odd.id).update(args_kwargs={"unexpected": True})  # a row this version cannot read

    assert sorted(task_recovery.requeue_stranded_messages()) == sorted([stranded.pk, cut_short.pk])
    weeks_old.refresh_from_db()  # out of date: never sent now
    assert (weeks_old.state, weeks_old.error) == (Message.State.FAILED, task_recovery.OUT_OF_DATE)
    assert task_recovery.requeue_stranded_messages() == []  # each once
    queued = DBTaskResult.objects.filter(status="READY").exclude(pk=odd.id).values_list("args_kwargs", flat=True)
    assert sorted(kwargs["args"][0] for kwargs in queued) == sorted([stranded.pk, cut_short.pk, waiting.pk])


@pytest.mark.django_db
def test_a_beat_writes_one_row_per_worker_and_the_latest_beat_is_read_from_them():
    assert heartbeat.latest_beat() is None
    started = timezone.now() - timedelta(minutes=1)
    heartbeat.beat("w-1", started, task_id="abc")
    heartbeat.beat("w-1", started)
    heartbeat.beat("w-2", started)
    row = WorkerHeartbeat.objects.get(pk="w-1")
    assert WorkerHeartbeat.objects.count() == 2 and row.task_id == "" and row.started_at == started
    assert heartbeat.latest_beat() == WorkerHeartbeat.objects.get(pk="w-2").beat_at


@pytest.mark.django_db
def test_a_beat_also_takes_back_abandoned_tasks(db_tasks):
    task = running_task("long-gone")
    heartbeat.Heartbeat("w-beating").beat_once()
    assert status(task) == ("READY", True)
    assert WorkerHeartbeat.objects.filter(pk="w-beating").exists()


@pytest.mark.django_db
def test_a_beat_during_a_database_outage_is_logged_and_not_raised(monkeypatch, caplog):
    def outage(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(heartbeat, "beat", outage)
    heartbeat.Heartbeat("w-outage").beat_once()
    assert "the database did not answer (OperationalError: server closed the connection unexpectedly)" in caplog.text


@pytest.mark.django_db
def test_a_beat_that_goes_wrong_in_any_other_way_is_logged_and_the_heartbeat_goes_on(monkeypatch, caplog, settings):
    settings.WORKER_HEARTBEAT_SECONDS = 0.05
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise KeyError("args")

    monkeypatch.setattr(heartbeat, "beat", lambda *args, **kwargs: None)  # the thread's own connection writes nothing
    monkeypatch.setattr(task_recovery, "take_back_abandoned", broken)
    beat = heartbeat.Heartbeat("w-broken")
    assert beat.beat_once() is False and "a beat went wrong" in caplog.text
    beat.start()
    try:
        deadline = timezone.now() + timedelta(seconds=20)
        while len(calls) < 3 and timezone.now() < deadline:
            beat._stopping.wait(0.05)
        assert len(calls) >= 3 and beat._thread.is_alive()  # still beating after several failures
    finally:
        beat.stop()


@pytest.mark.django_db
def test_a_clean_stop_removes_the_workers_row():
    beat = heartbeat.Heartbeat("w-stopping")
    beat.beat_once()
    beat.stop()
    assert not WorkerHeartbeat.objects.exists()


def test_worker_ids_are_unique_and_fit_the_task_table():
    ids = {heartbeat.new_worker_id() for _ in range(50)}
    assert len(ids) == 50 and all(len(worker_id) <= 64 for worker_id in ids)


@pytest.mark.django_db
def test_the_app_role_may_read_and_write_worker_heartbeats():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_table_privilege(current_user, 'core_workerheartbeat', 'SELECT, INSERT, UPDATE, DELETE'),"
            " pg_get_userbyid(relowner) = current_user FROM pg_class WHERE relname = 'core_workerheartbeat'"
        )
        assert cursor.fetchone() == (True, False)  # granted, and not by owning it


def test_the_worker_waits_longer_each_time_the_database_is_away_and_then_carries_on(monkeypatch):
    runs, waits, taken_back = [], [], []

    def db_worker(name, **options):
        runs.append(options["worker_id"])
        if len(runs) <= 3:
            raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(worker, "call_command", db_worker)
    monkeypatch.setattr(worker.time, "sleep", waits.append)
    monkeypatch.setattr(worker.task_recovery, "take_back_own", taken_back.append)
    monkeypatch.setattr(worker.connections, "close_all", lambda: None)
    monkeypatch.setattr(worker.registry, "tasks", lambda: [])
    worker.run_until_stopped("w-9", {"batch": False, "interval": 1.0, "verbosity": 0}, stdout=None)
    assert runs == ["w-9"] * 4 and waits == [1.0, 2.0, 4.0] and taken_back == ["w-9"] * 3


def test_an_outage_while_queueing_the_scheduled_tasks_is_waited_out_too(monkeypatch):
    schedules, waits = [], []

    class Scheduled:
        def schedule(self, now):
            schedules.append(now)
            if len(schedules) == 1:
                raise OperationalError("connection refused")

    monkeypatch.setattr(worker, "call_command", lambda name, **options: None)
    monkeypatch.setattr(worker.time, "sleep", waits.append)
    monkeypatch.setattr(worker.task_recovery, "take_back_own", lambda worker_id: [])
    monkeypatch.setattr(worker.connections, "close_all", lambda: None)
    monkeypatch.setattr(worker.registry, "tasks", lambda: [Scheduled()])
    worker.run_until_stopped("w-9", {"batch": False, "interval": 1.0, "verbosity": 0}, stdout=None)
    assert len(schedules) == 2 and waits == [1.0]


def test_a_worker_id_longer_than_the_task_table_allows_is_refused():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="64 characters"):
        call_command("worker", worker_id="w" * 65)


def test_the_heartbeat_says_which_task_is_running():
    from types import SimpleNamespace

    from django.tasks.signals import task_finished, task_started

    beat = heartbeat.Heartbeat("w-following")
    worker.follow_tasks(beat)
    running = SimpleNamespace(id="task-1", task=deliver_message, status="RUNNING")
    task_started.send(sender=None, task_result=running)
    assert beat.task_id == "task-1"
    task_finished.send(sender=None, task_result=running)
    assert beat.task_id == ""


@pytest.mark.parametrize(
    ("env", "refusal"),
    [
        ({"ALONGSIDE_WORKER_STALE_SECONDS": "a minute"}, "must be numbers of seconds"),
        ({"ALONGSIDE_WORKER_HEARTBEAT_SECONDS": "40", "ALONGSIDE_WORKER_STALE_SECONDS": "60"}, "at most half"),
        ({"ALONGSIDE_WORKER_HEARTBEAT_SECONDS": "0"}, "more than 0"),
    ],
)
def test_the_settings_refuse_a_heartbeat_that_could_not_keep_a_worker_fresh(env, refusal):
    import os
    import subprocess
    import sys

    command = [sys.executable, "-c", "import alongside.config.settings"]
    done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0 and refusal in done.stderr
