"""The best times to visit, through the browser.

Mabel says, from her own login on her phone, that weekday mornings are best, in her words too. Her page tells her
so after "What matters to me". Priya, her named worker, asks for an appointment for her: Priya's free times that
fit Mabel's mornings come first, and the form says so.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.continuity.models import Slot, VisitTimes
from alongside.continuity.week import monday_of
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in

PHONE = {"width": 375, "height": 812}


def test_the_person_says_when_is_best_and_booking_offers_those_times_first(page, new_context, staff, person_user):
    mabel = person_user.person
    team = TeamFactory(name="Riverside neighbourhood team")
    priya, secret = staff("clinician", team=team, first_name="Priya", last_name="Shah")
    CareRelationship.objects.create(person=mabel, kind="team_caseload", team=team)
    CareRelationship.objects.create(
        person=mabel, kind="named_worker", user=priya, started_at=timezone.now() - timedelta(days=30)
    )
    monday = monday_of(timezone.localdate()) + timedelta(days=7)
    for day, hour in [(0, 15), (1, 16), (2, 10)]:  # two afternoons come before the one morning
        start = timezone.make_aware(datetime.combine(monday + timedelta(days=day), time(hour)))
        Slot.objects.create(team=team, practitioner=priya, start=start, minutes=20, created_by=priya)

    # Mabel, on her phone
    page.set_viewport_size(PHONE)
    sign_in(page, person_user)
    page.goto(f"/people/{mabel.pk}/")
    main = page.get_by_role("main")
    expect(main.get_by_text("You have not said when is best to visit yet.")).to_be_visible()
    assert_accessible(page)
    main.get_by_role("link", name="Say when is best to visit you").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Best times to visit")
    assert_accessible(page)
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        page.get_by_label(day).check()
    page.get_by_label("Mornings (before 12 noon)").check()
    page.get_by_label("Anything else about when to visit?").fill("x" * 501)
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, "Say it in 500 characters or fewer")
    expect(page.get_by_label("Monday")).to_be_checked()  # what was chosen is kept
    assert_accessible(page)
    page.get_by_label("Anything else about when to visit?").fill("Not before 10am, please")
    page.get_by_role("button", name="Save").click()
    expect_success(page, "Best times to visit saved")
    expect(page.locator("#visit-times-list")).to_contain_text("Weekday mornings")
    expect(page.locator("#visit-times-list")).to_contain_text("In your words")
    assert_accessible(page)
    saved = VisitTimes.objects.get(person=mabel)
    assert saved.days == [0, 1, 2, 3, 4] and saved.parts == ["morning"]

    # Priya asks for an appointment for Mabel next week: the Wednesday morning comes first, and says why.
    staff_page = new_context().new_page()
    sign_in(staff_page, priya, secret)
    staff_page.goto(f"/continuity/people/{mabel.pk}/appointments/new/")
    for name, day in (("earliest", monday), ("latest", monday + timedelta(days=4))):
        staff_page.locator(f"#id_{name}_day").fill(str(day.day))
        staff_page.locator(f"#id_{name}_month").fill(str(day.month))
        staff_page.locator(f"#id_{name}_year").fill(str(day.year))
    staff_page.get_by_role("button", name="Ask for the appointment").click()  # the times follow the new days
    expect_error_summary(staff_page, "Enter what the appointment is for")
    expect(staff_page.locator("#preferred-times")).to_contain_text("Best times to visit Mabel: weekday mornings")
    wednesday = monday + timedelta(days=2)
    first = staff_page.locator(".nhsuk-radios__item").first
    expect(first).to_contain_text(f"{wednesday:%a} {wednesday.day} {wednesday:%b} 10:00 with Priya Shah")
    expect(first).to_contain_text("Fits Mabel's preferred times: weekday mornings")
    assert_accessible(staff_page)
    staff_page.get_by_label("What is the appointment for?").fill("Dressing change")
    first.get_by_role("radio").check()
    staff_page.get_by_role("button", name="Ask for the appointment").click()
    expect_success(
        staff_page, f"Appointment booked with Priya Shah, their named worker, on {wednesday:%a} {wednesday.day}"
    )
