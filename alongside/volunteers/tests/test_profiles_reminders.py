"""The daily reminders, under time-machine: 60 and 14 days before a check or course runs out, the volunteer and
their hub's coordinators hear in Alongside, the volunteer by text if they chose; each reminder once, never twice."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from alongside.core.models import Alert, AuditEvent, Message
from alongside.volunteers.models import Check, Training
from alongside.volunteers.tasks_profiles import send_reminders

from .profiles_factories import hub, in_good_standing, profile, volunteer_in

pytestmark = pytest.mark.django_db
START = date(2026, 12, 1)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(member):
    team = hub()
    coordinator = member("coordinator", team=team, first_name="Carol", last_name="Reid")
    other_hub_coordinator = member("coordinator", team=hub("Another hub"))
    priya = volunteer_in(team, first_name="Priya", last_name="Shah", email="priya@example.org")
    dbs_runs_out = START + timedelta(days=70)
    volunteer = profile(priya, phone="07700 900 982", by_text=True, by_email=False)
    in_good_standing(volunteer, START, runs_out={"dbs": dbs_runs_out})
    return {"coordinator": coordinator, "other": other_hub_coordinator, "priya": priya, "runs_out": dbs_runs_out}


def run_each_day(days: int) -> list[tuple[date, int]]:
    sent = []
    for n in range(days):
        day = START + timedelta(days=n)
        with time_machine.travel(at(day), tick=False):
            count = send_reminders.enqueue(day.isoformat()).return_value
        if count:
            sent.append((day, count))
    return sent


def test_reminders_fall_60_and_14_days_before_once_each_to_the_volunteer_and_the_hubs_coordinators(world):
    runs_out = world["runs_out"]
    sent = run_each_day(75)
    assert sent == [(runs_out - timedelta(days=60), 1), (runs_out - timedelta(days=14), 1)]
    to_priya = list(Alert.objects.filter(recipient=world["priya"]).order_by("pk").values_list("text", flat=True))
    on = f"{runs_out.day} {runs_out:%B %Y}"
    assert to_priya == [
        f"Your DBS check runs out on {on}, in {n} days. Your coordinator will help you renew it." for n in (60, 14)
    ]
    to_carol = list(Alert.objects.filter(recipient=world["coordinator"]).values_list("text", flat=True))
    assert len(to_carol) == 2 and all(t.startswith("Priya Shah's DBS check runs out on") for t in to_carol)
    assert all(t.endswith(": arrange a new one") for t in to_carol)
    assert not Alert.objects.filter(recipient=world["other"]).exists()
    texts = Message.objects.filter(to="07700 900 982", channel="sms")
    assert texts.count() == 2  # by text, as she chose; not by email
    assert not Message.objects.filter(channel="email").exists()
    check = Check.objects.get(kind="dbs")
    assert check.reminded_60_at and check.reminded_14_at
    assert AuditEvent.objects.filter(action="volunteer_reminders_sent").count() == 75


def test_running_twice_on_the_same_day_reminds_once(world):
    day = world["runs_out"] - timedelta(days=60)
    with time_machine.travel(at(day), tick=False):
        assert send_reminders.enqueue(day.isoformat()).return_value == 1
        assert send_reminders.enqueue(day.isoformat()).return_value == 0
    assert Alert.objects.filter(recipient=world["priya"]).count() == 1


def test_something_recorded_10_days_before_it_runs_out_gets_only_the_14_day_reminder(world):
    training = Training.objects.get(course="safeguarding")
    training.expires_on = START + timedelta(days=10)
    training.save()
    sent = run_each_day(10)  # before the DBS check's 60-day reminder
    assert sent == [(START, 1)]
    [alert] = Alert.objects.filter(recipient=world["priya"])
    assert "in 10 days" in alert.text and "safeguarding adults training" in alert.text.lower()
    training.refresh_from_db()
    assert training.reminded_60_at and training.reminded_14_at


def test_nothing_is_sent_for_something_that_has_run_out(world):
    Check.objects.filter(kind="dbs").update(expires_on=START - timedelta(days=1))
    assert run_each_day(3) == []
