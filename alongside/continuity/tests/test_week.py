"""A team's week read from the database and planned, and the booking actions that change it."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from alongside.continuity import actions, week
from alongside.continuity.models import AppointmentRequest
from alongside.continuity.tests.factories import AppointmentRequestFactory, ContinuityFactsFactory, SlotFactory
from alongside.core.models import AuditEvent
from alongside.core.tests.requests import acting_as
from alongside.people.access import visible_people
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, allocate, make_named_worker

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def cared_for(team, named_worker, priority=0, given="Ada"):
    person = PersonFactory(given_name=given)
    allocate(person, "team_caseload", team=team)
    make_named_worker(person, named_worker)
    ContinuityFactsFactory(person=person, priority=priority, updated_by=named_worker)
    return person


def slot(team, practitioner, start, minutes=20):
    return SlotFactory(team=team, practitioner=practitioner, start=start, minutes=minutes, created_by=practitioner)


def ask(team, person, earliest, latest):
    named = CareRelationship.objects.active().get(person=person, kind="named_worker").user
    return AppointmentRequestFactory(
        person=person, team=team, earliest=earliest, latest=latest, what_for="Review", asked_by=named
    )


def test_the_plan_names_practitioners_and_keeps_slots_that_have_started_out(team, staff, monday):
    ada = cared_for(team, staff["sam"], priority=6)
    ben = cared_for(team, staff["lena"], priority=2, given="Ben")  # a named worker with no slots this week
    slot(team, staff["sam"], at(monday, 9))
    slot(team, staff["bea"], at(monday, 10))
    ask(team, ada, at(monday, 0), at(monday, 23, 59))
    ask(team, ben, at(monday, 0), at(monday, 23, 59))
    found = week.read_week(team.pk, monday)
    reasons = week.plan(found).exact.reasons
    assert set(reasons.values()) == {
        f"with their named worker, Sam Patel, {monday:%a} {monday.day} {monday:%b} 09:00",
        f"with Bea Ward, {monday:%a} {monday.day} {monday:%b} 10:00: their named worker, Lena Moss, has no slot "
        f"between {monday:%a} {monday.day} {monday:%b} 00:00 and {monday:%a} {monday.day} {monday:%b} 23:59",
    }
    later = week.read_week(team.pk, monday, now=at(monday, 9, 30))  # Sam's 09:00 has started
    assert [s.practitioner for s in later.slots] == [staff["bea"]]


def test_two_practitioners_with_the_same_name_are_told_apart(member, team, staff, monday):
    other_sam = member("clinician", team=team, first_name="Sam", last_name="Patel")
    ada = cared_for(team, staff["sam"], priority=3)
    slot(team, other_sam, at(monday, 9))
    ask(team, ada, at(monday, 0), at(monday, 23, 59))
    reason = next(iter(week.plan(week.read_week(team.pk, monday)).exact.reasons.values()))
    assert f"with Sam Patel ({other_sam.username})" in reason
    assert f"their named worker, Sam Patel ({staff['sam'].username}), has no slot" in reason


def test_the_fingerprint_follows_what_the_plan_books_and_says(team, staff, monday):
    ada = cared_for(team, staff["sam"], priority=6)
    slot(team, staff["sam"], at(monday, 9))
    ask(team, ada, at(monday, 0), at(monday, 23, 59))
    first = week.plan(week.read_week(team.pk, monday)).fingerprint
    assert week.plan(week.read_week(team.pk, monday)).fingerprint == first
    actions.review_named_worker(acting_as(staff["lena"]), ada, new_worker_id=staff["bea"].pk, reason="Bea knows Ada")
    assert week.plan(week.read_week(team.pk, monday)).fingerprint != first  # same slot, another reason


def test_booking_a_week_that_changed_books_nothing_and_gives_the_new_plan(team, staff, monday):
    ada = cared_for(team, staff["sam"], priority=6)
    slot(team, staff["sam"], at(monday, 9))
    slot(team, staff["bea"], at(monday, 10))
    ask(team, ada, at(monday, 0), at(monday, 23, 59))
    request = acting_as(staff["lena"])
    seen = week.plan(week.read_week(team.pk, monday, visible_people(request))).fingerprint
    ask(team, cared_for(team, staff["bea"], priority=1, given="Ben"), at(monday, 0), at(monday, 23, 59))
    with pytest.raises(actions.PlanChanged) as changed:
        actions.book_week(request, team.pk, monday, seen)
    assert changed.value.plan.exact.served == 2
    assert not AppointmentRequest.objects.filter(slot__isnull=False).exists()
    booked = actions.book_week(request, team.pk, monday, changed.value.plan.fingerprint)
    assert booked.exact.with_named_worker == 2
    assert AuditEvent.objects.filter(action="appointment_booked").count() == 2


def test_a_direct_booking_refuses_a_taken_past_or_outside_time_and_leaves_no_request(team, staff, monday):
    ada = cared_for(team, staff["sam"], priority=6)
    ben = cared_for(team, staff["sam"], given="Ben")
    request = acting_as(staff["sam"])
    taken = slot(team, staff["sam"], at(monday, 9))
    actions.request_appointment(
        request, ben, team=team, earliest=at(monday, 0), latest=at(monday, 23, 59), what_for="x", slot_id=taken.pk
    )
    past = slot(team, staff["sam"], timezone.now() - timedelta(hours=1))
    later = slot(team, staff["sam"], at(monday + timedelta(days=3), 9))
    for chosen, message in [
        (taken, "That time has just been booked for someone else"),
        (past, "That time has already passed"),
        (later, "That time is outside the dates you gave"),
    ]:
        earliest = min(chosen.start, at(monday, 0))
        with pytest.raises(actions.CannotBook, match=message):
            actions.request_appointment(
                request, ada, team=team, earliest=earliest, latest=at(monday, 23, 59), what_for="x", slot_id=chosen.pk
            )
    assert not AppointmentRequest.objects.filter(person=ada).exists()


def test_a_session_may_not_overlap_another_slot_of_the_same_practitioner(team, staff, monday):
    slot(team, staff["sam"], at(monday, 10), minutes=30)  # 10:00 to 10:30
    request = acting_as(staff["lena"])

    def add(hour, minute, count):
        return actions.add_session(
            request,
            team,
            practitioner_id=staff["sam"].pk,
            first_start=at(monday, hour, minute),
            count=count,
            minutes=20,
            kind="clinic",
        )

    with pytest.raises(actions.CannotBook, match="Sam Patel already has a slot at 10:00"):
        add(10, 20, 2)  # starts inside the 10:00 slot
    with pytest.raises(actions.CannotBook, match="Sam Patel already has a slot at 10:00"):
        add(9, 30, 2)  # runs into it
    assert len(add(9, 20, 2)) == 2  # 09:20 and 09:40 end as it starts
    assert len(add(10, 30, 1)) == 1  # starts as it ends
    with pytest.raises(actions.PermissionDenied):
        actions.add_session(
            acting_as(staff["bea"]),
            team,
            practitioner_id=staff["sam"].pk,
            first_start=at(monday, 14, 0),
            count=1,
            minutes=20,
            kind="clinic",
        )


def test_free_slots_of_leaves_out_booked_and_past_times(team, staff, monday):
    ada = cared_for(team, staff["sam"])
    booked = slot(team, staff["sam"], at(monday, 9))
    free = slot(team, staff["sam"], at(monday, 10))
    slot(team, staff["sam"], timezone.now() - timedelta(minutes=5))
    request = ask(team, ada, at(monday, 0), at(monday, 23, 59))
    request.slot = booked
    request.save()
    found = week.free_slots_of(staff["sam"].pk, team.pk, timezone.now() - timedelta(days=1), at(monday, 23, 59))
    assert list(found) == [free]


def test_cancelling_frees_the_slot_and_records_which_it_was(team, staff, monday):
    ada = cared_for(team, staff["sam"])
    chosen = slot(team, staff["sam"], at(monday, 9))
    appointment = actions.request_appointment(
        acting_as(staff["sam"]),
        ada,
        team=team,
        earliest=at(monday, 0),
        latest=at(monday, 23, 59),
        what_for="x",
        slot_id=chosen.pk,
    )
    actions.cancel_appointment(acting_as(staff["lena"]), appointment.pk)
    appointment.refresh_from_db()
    assert appointment.slot is None and appointment.cancelled_at is not None
    assert AuditEvent.objects.get(action="appointment_cancelled").detail["slot"] == chosen.pk
    assert list(week.free_slots_of(staff["sam"].pk, team.pk, at(monday, 0), at(monday, 23, 59))) == [chosen]
