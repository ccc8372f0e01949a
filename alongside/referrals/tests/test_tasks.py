"""The daily triage summary: who gets it, once a day, and the one run always waiting in the queue."""

import signal
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st

from alongside.core.daily import next_run_at
from alongside.core.models import Alert, AuditEvent, Message
from alongside.partners.models import Team
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.referrals import timers
from alongside.referrals.models import Referral
from alongside.referrals.tasks import schedule_daily_summary, send_daily_summary

SUMMARY_TASK = "alongside.referrals.tasks.send_daily_summary"
# Thursday 10 July 2025, 08:00 UK summer time.
MORNING = datetime(2025, 7, 10, 7, 0, tzinfo=UTC)


@pytest.fixture
def spa(db):
    """A single point of access with two team leaders (one without an email address) and people who don't qualify."""
    team = TeamFactory(kind=Team.Kind.SPA)
    since = {"started_at": MORNING - timedelta(days=30)}
    with_email = MembershipFactory(team=team, role="team_leader", user__email="lead@example.org", **since).user
    without_email = MembershipFactory(team=team, role="team_leader", **since).user
    MembershipFactory(team=team, role="spa_triage", user__email="triage@example.org", **since)
    MembershipFactory(team=TeamFactory(), role="team_leader", user__email="other.lead@example.org", **since)
    MembershipFactory(
        team=team, role="team_leader", user__email="left@example.org", ended_at=MORNING - timedelta(days=1), **since
    )
    MembershipFactory(team=team, role="team_leader", user__email="away@example.org", user__is_active=False, **since)
    Referral.objects.create(
        status="received",
        source="gp",
        urgency="urgent",
        channel="staff",
        received_at=MORNING - timedelta(hours=6),
        given_name="Zebedee",
        family_name="Quartermaine",
    )
    return with_email, without_email


def keep_signals():
    """db_worker sets its own Ctrl-C handlers; put the test process's back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    return lambda: [signal.signal(sig, handler) for sig, handler in saved.items()]


@time_machine.travel(MORNING, tick=False)
def test_each_active_spa_team_leader_gets_an_alert_and_those_with_email_an_email(spa):
    with_email, without_email = spa
    assert send_daily_summary.enqueue("2025-07-10").return_value == 2

    alerts = Alert.objects.order_by("recipient_id")
    assert [a.recipient for a in alerts] == [with_email, without_email]
    assert all(a.url == "/referrals/" and len(a.text) <= 300 for a in alerts)
    assert alerts[0].text.startswith("Triage summary for Thursday 10 July 2025: ")

    message = Message.objects.get()
    assert (message.reference, message.to, message.channel) == (
        f"triage-summary-2025-07-10-{with_email.pk}",
        "lead@example.org",
        "email",
    )
    assert message.state == Message.State.SENT  # by the console, at once in tests
    body = message.personalisation["body"]
    assert "Waiting for a triage decision: 1 (1 urgent, 0 soon, 0 routine)." in body
    assert "Zebedee" not in body and "Quartermaine" not in body

    audited = AuditEvent.objects.filter(action="triage_summary_sent").order_by("object_id")
    assert [(e.object_id, e.detail["day"], e.detail["by_email"]) for e in audited] == [
        (str(with_email.pk), "2025-07-10", True),
        (str(without_email.pk), "2025-07-10", False),
    ]
    assert all(e.actor is None for e in audited)


def test_a_second_run_on_the_same_day_sends_nothing_twice_and_the_next_day_sends_again(spa):
    with time_machine.travel(MORNING, tick=False):
        send_daily_summary.enqueue("2025-07-10")
    with time_machine.travel(MORNING + timedelta(hours=5), tick=False):
        assert send_daily_summary.enqueue("2025-07-10").return_value == 0
    assert (Alert.objects.count(), Message.objects.count()) == (2, 1)
    assert AuditEvent.objects.filter(action="triage_summary_sent").count() == 2

    with time_machine.travel(MORNING + timedelta(days=1), tick=False):
        assert send_daily_summary.enqueue("2025-07-11").return_value == 2
    assert (Alert.objects.count(), Message.objects.count()) == (4, 2)


def test_a_late_run_gives_todays_figures_under_todays_date(spa):
    with time_machine.travel(MORNING + timedelta(days=2), tick=False):
        send_daily_summary.enqueue("2025-07-10")
    assert Message.objects.get().reference.startswith("triage-summary-2025-07-12-")
    assert Alert.objects.first().text.startswith("Triage summary for Saturday 12 July 2025: ")


@time_machine.travel(MORNING, tick=False)
def test_after_sending_the_next_days_run_is_queued(spa, db_tasks):
    send_daily_summary.call("2025-07-10")
    waiting = DBTaskResult.objects.get(task_path=SUMMARY_TASK)
    assert waiting.status == "READY" and waiting.args_kwargs["args"] == ["2025-07-11"]
    assert waiting.run_after == datetime(2025, 7, 11, 7, 0, tzinfo=UTC)  # 08:00 UK summer time
    # The email waits for the worker, queued in the same transaction as its message.
    assert DBTaskResult.objects.filter(task_path="alongside.core.tasks.deliver_message").count() == 1
    assert Message.objects.get().state == Message.State.PENDING


@pytest.mark.django_db
def test_scheduling_queues_one_run_at_the_summary_hour_however_often_it_is_asked(db_tasks, settings):
    settings.TRIAGE_SUMMARY_HOUR = 8
    early = datetime(2025, 7, 10, 5, 0, tzinfo=UTC)  # 06:00 UK time
    first = schedule_daily_summary(early)
    assert first.task.run_after == datetime(2025, 7, 10, 7, 0, tzinfo=UTC) and first.args == ["2025-07-10"]
    assert schedule_daily_summary(early) is None and schedule_daily_summary(early + timedelta(hours=3)) is None
    assert DBTaskResult.objects.filter(task_path=SUMMARY_TASK).count() == 1


@pytest.mark.django_db
def test_with_tasks_run_at_once_there_is_nothing_to_schedule():
    assert schedule_daily_summary(MORNING) is None


def test_the_next_run_follows_the_uk_clock_across_the_change_to_summer_time():
    saturday_morning = datetime(2025, 3, 29, 9, 0, tzinfo=UTC)  # 09:00 GMT, after the day's run
    assert next_run_at(saturday_morning, 8) == datetime(2025, 3, 30, 7, 0, tzinfo=UTC)  # 08:00 BST on Sunday
    assert next_run_at(datetime(2025, 10, 25, 12, 0, tzinfo=UTC), 8) == datetime(2025, 10, 26, 8, 0, tzinfo=UTC)


@given(
    now=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)),
    hour=st.integers(0, 23),
)
def test_the_next_run_is_the_next_time_the_uk_clock_shows_the_hour(now, hour):
    run_at = next_run_at(now, hour)
    local = run_at.astimezone(timers.UK)
    assert now < run_at <= now + timedelta(hours=25)
    assert (local.minute, local.second) == (0, 0)
    assert local.hour == hour or (hour == 1 and local.hour == 2)  # 01:00 does not exist when the clocks go forward


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_queues_the_summary_once_and_runs_what_is_due(db_tasks, spa):
    with time_machine.travel(MORNING, tick=False):
        send_daily_summary.call("2025-07-10")  # an email waits; tomorrow's summary is queued
    restore = keep_signals()
    try:
        with time_machine.travel(MORNING + timedelta(hours=1)):
            call_command("worker", batch=True, interval=0, verbosity=0)
            call_command("worker", batch=True, interval=0, verbosity=0)  # a restart
    finally:
        restore()
    assert Message.objects.get().state == Message.State.SENT
    assert DBTaskResult.objects.filter(task_path=SUMMARY_TASK, status="READY").count() == 1
