"""Overdue concerns under time-machine: the hourly run flags each concern past its response target to the hub's
coordinators and the one who acts, once and never twice; an answered concern is never reminded about; a reopened
one may be reminded about again when its new target passes."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from alongside.concerns import actions_loop
from alongside.concerns.lifecycle import Move
from alongside.concerns.models import Concern
from alongside.concerns.tasks_loop import remind_overdue, schedule_overdue_reminders
from alongside.core.models import Alert, AuditEvent, Message
from alongside.core.tests.requests import acting_as

from .factories_loop import around, concern

# Ahead of the real clock, so that the memberships the factories start now are current then.
MONDAY = (datetime.now(UTC) + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)


def run_at(moment) -> int:
    """The worker's run at that moment."""
    with time_machine.travel(moment, tick=False):
        return remind_overdue.enqueue(moment.isoformat()).return_value


@pytest.fixture
def world(db):
    return around()


def test_an_overdue_concern_is_flagged_to_the_coordinators_and_the_one_who_acts_once(world):
    with time_machine.travel(MONDAY, tick=False):
        c = concern(world, hours=4)
    with time_machine.travel(MONDAY + timedelta(hours=3), tick=False):
        assert remind_overdue.enqueue("early").return_value == 0
    assert not Alert.objects.exists()

    with time_machine.travel(MONDAY + timedelta(hours=5), tick=False):
        assert remind_overdue.enqueue("due").return_value == 1
    told = Alert.objects.order_by("recipient_id")
    assert {a.recipient for a in told} == {world.coordinator, world.named_worker}
    assert all(a.url == f"/concerns/{c.pk}/answer/" and a.text.startswith("Overdue: ") for a in told)
    assert sorted(Message.objects.values_list("to", flat=True)) == ["cath@example.org", "sam@example.org"]
    assert all("Ada" not in m.personalisation["body"] for m in Message.objects.all())  # email names no one
    stored = Concern.objects.get(pk=c.pk)
    assert stored.overdue_reminded_at == MONDAY + timedelta(hours=5)
    assert list(stored.events.values_list("what", flat=True)) == ["reminded"]
    assert AuditEvent.objects.filter(action="concern_overdue_reminded", person_id=world.person.pk).count() == 2

    for later in (6, 30, 24 * 8):  # every later run: never twice
        with time_machine.travel(MONDAY + timedelta(hours=later), tick=False):
            assert remind_overdue.enqueue("later").return_value == 0
    assert Alert.objects.count() == 2


def test_a_social_worry_without_a_named_user_goes_to_the_coordinators(world):
    with time_machine.travel(MONDAY, tick=False):
        concern(world, health=False, hours=1)
    run_at(MONDAY + timedelta(hours=2))
    assert [a.recipient for a in Alert.objects.all()] == [world.coordinator]


def test_a_health_worry_without_a_named_worker_goes_to_the_team_leaders(world):
    with time_machine.travel(MONDAY, tick=False):
        concern(world, hours=1, for_user=None)
    run_at(MONDAY + timedelta(hours=2))
    assert {a.recipient for a in Alert.objects.all()} == {world.coordinator, world.team_leader}


def test_an_answered_concern_is_never_reminded(world):
    with time_machine.travel(MONDAY, tick=False):
        c = concern(world, hours=4)
        actions_loop.close(acting_as(world.named_worker), c.pk, "Seen today.", c.version)
    assert run_at(MONDAY + timedelta(days=3)) == 0


def test_a_reopened_concern_has_a_new_target_and_is_reminded_again_once_it_passes(world):
    with time_machine.travel(MONDAY, tick=False):
        c = concern(world, hours=4)
    assert run_at(MONDAY + timedelta(hours=5)) == 1
    with time_machine.travel(MONDAY + timedelta(hours=6), tick=False):
        actions_loop.close(acting_as(world.named_worker), c.pk, "Seen today.", Concern.objects.get(pk=c.pk).version)
    reopened_at = MONDAY + timedelta(days=1)
    with time_machine.travel(reopened_at, tick=False):
        actions_loop.reply(acting_as(world.volunteer), c.pk, Move.STILL_WORRIED, "Still breathless.")
    stored = Concern.objects.get(pk=c.pk)
    assert stored.answer_by == reopened_at + timedelta(hours=72)  # no route: the usual target for a few days
    assert run_at(reopened_at + timedelta(hours=71)) == 0
    assert run_at(reopened_at + timedelta(hours=73)) == 1
    assert run_at(reopened_at + timedelta(hours=90)) == 0
    whats = list(stored.events.values_list("what", flat=True))
    assert whats == ["reminded", "closed", "still_worried", "reminded"]


def test_the_worker_keeps_one_run_waiting(db, db_tasks):
    with time_machine.travel(MONDAY + timedelta(minutes=10), tick=False):
        first = schedule_overdue_reminders(MONDAY)
        assert first is not None
        assert schedule_overdue_reminders(MONDAY) is None  # one is waiting already
    waiting = DBTaskResult.objects.get()
    assert waiting.run_after == MONDAY + timedelta(hours=1)
