"""Continuity-aware booking, through the browser.

A team leader adds a session of appointments for a clinician; the clinician asks for an appointment for someone
they look after, from that person's page; the leader opens Booking, sees the plan book her with her named worker
and why, and books it (after a new request changes the week while she looks, and she checks the plan again).
And the quicker path: the named worker takes one of their own free times straight away.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.continuity.models import AppointmentRequest, ContinuityFacts, Slot
from alongside.continuity.week import monday_of
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in


def short(day, clock="09:00") -> str:
    """A time as the plan and the forms show it: 'Mon 23 Nov 09:00'."""
    return f"{day:%a} {day.day} {day:%b} {clock}"


def fill_date(page, name, day) -> None:
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def ada_cared_for_by(team, sam):
    ada = PersonFactory(given_name="Ada", family_name="Okafor")
    CareRelationship.objects.create(person=ada, kind="team_caseload", team=team)
    CareRelationship.objects.create(person=ada, kind="named_worker", user=sam)
    ContinuityFacts.objects.create(person=ada, priority=7, wants_continuity=True, updated_by=sam)
    return ada


def test_a_session_a_request_and_the_week_booked_with_the_named_worker(page, new_context, staff):
    team = TeamFactory(name="Riverside neighbourhood team")
    lena, lena_secret = staff("team_leader", team=team, first_name="Lena", last_name="Moss")
    sam, sam_secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    staff("clinician", team=team, first_name="Bea", last_name="Ward")
    ada = ada_cared_for_by(team, sam)
    monday = monday_of(timezone.localdate()) + timedelta(days=7)

    # Lena adds a session for Sam next Monday.
    sign_in(page, lena, lena_secret)
    page.get_by_role("link", name="Booking", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Booking: week of")
    assert_accessible(page)
    page.get_by_role("link", name="Add a session of appointments").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add a session of appointments")
    assert_accessible(page)
    page.get_by_label("Whose session is it?").select_option(label="Sam Patel")
    fill_date(page, "day", monday)
    page.get_by_label("How many appointments?").fill("3")
    page.get_by_role("button", name="Add session").click()
    expect_error_summary(page, "Enter when the first appointment starts, like 09:00")
    expect(page.get_by_label("How many appointments?")).to_have_value("3")
    assert_accessible(page)
    page.get_by_label("When does the first appointment start?").fill("09:00")
    page.get_by_role("button", name="Add session").click()
    expect_success(page, f"3 slots added for Sam Patel on {monday:%A %-d %B}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Booking: week of {monday:%-d %B %Y}")
    page.get_by_text("3 free slots this week", exact=True).click()
    expect(page.locator("#free-slots")).to_contain_text("Sam Patel 09:00, 09:20, 09:40")
    assert_accessible(page)

    # Sam asks for an appointment for Ada, from her page, for the week's plan.
    sam_page = new_context().new_page()
    sign_in(sam_page, sam, sam_secret)
    sam_page.goto(f"/people/{ada.pk}/")
    sam_page.get_by_role("link", name="Ask for an appointment for Ada Okafor").click()
    expect(sam_page.get_by_role("heading", level=1)).to_contain_text("Ask for an appointment")
    expect(sam_page.locator("#named-worker")).to_have_text("Sam Patel is Ada Okafor's named worker.")
    assert_accessible(sam_page)
    sam_page.get_by_role("button", name="Ask for the appointment").click()
    expect_error_summary(sam_page, "Enter what the appointment is for")
    assert_accessible(sam_page)
    sam_page.get_by_label("What is the appointment for?").fill("Dressing change")
    fill_date(sam_page, "earliest", monday)
    fill_date(sam_page, "latest", monday + timedelta(days=4))
    expect(sam_page.get_by_label("None of these: add it to the week's plan")).to_be_checked()
    sam_page.get_by_role("button", name="Ask for the appointment").click()
    expect_success(sam_page, "Appointment request added to the week's plan")
    assert_accessible(sam_page)

    # Lena opens Booking: it opens on the week with Ada's request. Ada goes to Sam, and the page says why.
    page.get_by_role("link", name="Booking", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Booking: week of {monday:%-d %B %Y}")
    expect(page.locator("#counts")).to_contain_text("1 request waiting and 3 free slots this week")
    expect(page.locator("#plan-summary")).to_contain_text("The plan books 1 of 1 requests, 1 with their named worker")
    page.get_by_text("Who the plan books, and why (1)").click()
    plan = page.locator("#plan-table")
    expect(plan).to_contain_text("Ada Okafor")
    expect(plan).to_contain_text("with their named worker, Sam Patel, ")
    page.locator("#comparison-details summary").click()
    expect(page.locator("#comparison")).to_contain_text("Booked with their named worker")
    assert_accessible(page)

    # Meanwhile Ben's request arrives: nothing is booked, and Lena sees the new plan.
    ben = PersonFactory(given_name="Ben", family_name="Adeyemi")
    CareRelationship.objects.create(person=ben, kind="team_caseload", team=team)
    CareRelationship.objects.create(person=ben, kind="named_worker", user=sam)
    start = timezone.make_aware(datetime.combine(monday, time.min))
    AppointmentRequest.objects.create(
        person=ben, team=team, earliest=start, latest=start + timedelta(hours=23), what_for="Review", asked_by=sam
    )
    page.get_by_role("button", name="Book these appointments").click()
    expect_error_summary(
        page,
        "Something changed since you looked at this week: someone booked, cancelled or asked for an appointment. "
        "Nothing was booked. Check the new plan and book again",
    )
    page.get_by_text("Who the plan books, and why (2)").click()
    expect(plan).to_contain_text("Ben Adeyemi")
    assert not AppointmentRequest.objects.filter(slot__isnull=False).exists()
    assert_accessible(page)
    page.get_by_role("button", name="Book these appointments").click()
    expect_success(page, "2 appointments booked, 2 with their named worker")
    page.get_by_text("2 appointments booked this week").click()
    expect(page.locator("#booked")).to_contain_text("Ada Okafor")
    expect(page.locator("#booked")).to_contain_text("Dressing change")
    assert_accessible(page)
    booked = AppointmentRequest.objects.get(person=ada)
    assert booked.with_named_worker and booked.booking_reason.startswith("with their named worker, Sam Patel")
    assert AppointmentRequest.objects.filter(slot__isnull=False).count() == 2

    # Cai asks for Tuesday on, when Sam has no time: the plan cannot book him, and says what next.
    cai = PersonFactory(given_name="Cai", family_name="Jones")
    CareRelationship.objects.create(person=cai, kind="team_caseload", team=team)
    CareRelationship.objects.create(person=cai, kind="named_worker", user=sam)
    AppointmentRequest.objects.create(
        person=cai,
        team=team,
        earliest=start + timedelta(days=1),
        latest=start + timedelta(days=8),
        what_for="Review",
        asked_by=sam,
    )
    page.reload()
    not_booked = page.locator("#not-booked-table")
    expect(not_booked).to_contain_text("Cai Jones")
    expect(not_booked.get_by_role("link", name="Offer the week of")).to_be_visible()
    assert_accessible(page)
    not_booked.get_by_role("button", name="Ask Sam Patel to add a session for Cai Jones").click()
    expect_success(page, "Sam Patel has been asked to add a session")
    expect(page.locator("#not-booked-table")).to_contain_text("Sam Patel was asked to add a session on")
    assert_accessible(page)
    sam_page.goto("/")
    expect(sam_page.get_by_text("Lena Moss asks you to add a session")).to_be_visible()


def test_the_named_worker_takes_one_of_their_free_times_straight_away(page, staff):
    team = TeamFactory(name="Riverside neighbourhood team")
    sam, secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    ada = ada_cared_for_by(team, sam)
    monday = monday_of(timezone.localdate()) + timedelta(days=7)
    for clock in (time(9, 0), time(9, 20)):
        start = timezone.make_aware(datetime.combine(monday, clock))
        Slot.objects.create(team=team, practitioner=sam, start=start, minutes=20, created_by=sam)

    sign_in(page, sam, secret)
    page.goto(f"/people/{ada.pk}/")
    page.get_by_role("link", name="Ask for an appointment for Ada Okafor").click()
    expect(page.locator("#named-worker")).to_have_text("Sam Patel is Ada Okafor's named worker.")
    assert_accessible(page)
    page.get_by_label("What is the appointment for?").fill("Medicines review")
    fill_date(page, "earliest", monday)
    fill_date(page, "latest", monday)
    page.get_by_label(f"{short(monday, '09:20')} with Sam Patel").check()
    page.get_by_role("button", name="Ask for the appointment").click()
    expect_success(page, f"Appointment booked with Sam Patel, their named worker, on {short(monday, '09:20')}")
    assert_accessible(page)
    booked = AppointmentRequest.objects.get(person=ada)
    assert booked.slot.start == timezone.make_aware(datetime.combine(monday, time(9, 20)))
