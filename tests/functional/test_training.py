"""Journey: training records and a team's coverage.

Lee leads the Riverside team. On a desktop, the team's page says none of its three staff have done recovery
approach training in date; its training page says the same, with who needs to do what. Lee records that Sam
finished the course: a form with nothing chosen, which, sent empty, says what is missing; then the answers to
check; then saved, back on the coverage, which now counts Sam. On her phone, Sam finds "Your training" on her home
page, records a peer support course she finished herself, checks it and sees it marked as recorded by herself. An
administrator adds a course of the organisation's own, checking it first (everyone will see it as one to do), then
retires it and a shipped course, each checked first: they are no longer offered, and listed as retired. Sam puts
right the day of a record (a 2-number year is explained first), and Lee deletes one of Sam's entered by mistake,
from Sam's own page in the team, after a check page.
Each page passes the axe check at both widths.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.training.expiry import expires_on
from alongside.training.models import Course, Record

from .browser import DESKTOP, PHONE, URL, assert_accessible, expect_error_summary, expect_success, shot, sign_in


def check(page, name: str, width: int) -> None:
    assert_accessible(page)
    shot(page, name, width)


def fill_date(page, day) -> None:
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def test_a_leader_records_training_and_a_member_records_their_own(page, new_context, staff):
    team = TeamFactory(name="Riverside")
    lee, lee_secret = staff("team_leader", team=team, first_name="Lee", last_name="Hart")
    sam, sam_secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    staff("clinician", team=team, first_name="Ravi", last_name="Shah")
    finished = timezone.localdate() - timedelta(days=20)

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, lee, lee_secret)
    desk.goto(f"/teams/{team.pk}/")
    panel = desk.locator("#training-panel + p")
    expect(panel).to_have_text("0 of 3 staff (0%) have done recovery approach training in date.")
    desk.get_by_role("link", name="Training in the team").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Training in the team")
    expect(desk.locator("#recovery-share")).to_contain_text("0 of 3 staff (0%) have done recovery approach training")
    check(desk, "team", 1280)

    desk.get_by_role("button", name="Record training for someone in the team").click()
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)  # nothing pre-chosen
    check(desk, "record-member", 1280)
    desk.get_by_role("button", name="Continue").click()
    expect_error_summary(
        desk, "Choose who finished the course", "Choose the course", "Enter the date the course was finished"
    )
    check(desk, "record-member-errors", 1280)
    desk.get_by_label("Sam Patel").check()
    desk.get_by_label("The recovery approach").check()
    fill_date(desk, finished)
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Check your answers before saving")
    expect(desk.get_by_role("main")).to_contain_text("Sam Patel")
    check(desk, "check", 1280)
    desk.get_by_role("button", name="Save the training record").click()
    expect(desk).to_have_url(URL(f"/training/teams/{team.pk}/"))
    expect_success(desk, "Training recorded.")
    expect(desk.locator("#recovery-share")).to_contain_text("1 of 3 staff (33%) have done recovery approach training")
    assert Record.objects.get().recorded_by == lee

    desk.set_viewport_size(PHONE)
    check(desk, "team", 375)
    desk.get_by_role("button", name="Record training for someone in the team").click()
    check(desk, "record-member", 375)

    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, sam, sam_secret)
    expect(phone.locator("#training-home")).to_contain_text("Nothing has run out.")
    phone.get_by_role("link", name="See your training").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your training")
    check(phone, "mine", 375)
    phone.get_by_role("button", name="Record a course you finished").click()
    check(phone, "record-own", 375)
    phone.get_by_label("Peer support").check()
    fill_date(phone, finished)
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("main")).to_contain_text("It will show as recorded by yourself.")
    check(phone, "check", 375)
    phone.get_by_role("button", name="Save the training record").click()
    expect(phone).to_have_url(URL("/training/"))
    expect_success(phone, "Training recorded.")
    expect(phone.locator("#your-courses")).to_contain_text("Recorded by yourself.")
    expect(phone.locator("#your-courses")).to_contain_text("Recorded by Lee Hart.")
    phone.get_by_role("link", name="What each course covers").click()
    check(phone, "courses", 375)
    phone.goto(f"/training/teams/{team.pk}/")
    expect(phone.locator("#your-standing")).to_contain_text("The recovery approach")
    expect(phone.get_by_role("main")).not_to_contain_text("Ravi Shah")
    phone.set_viewport_size(DESKTOP)
    phone.goto("/training/")
    check(phone, "mine", 1280)
    phone.goto("/training/record/")
    check(phone, "record-own", 1280)
    phone.goto("/training/courses/")
    check(phone, "courses", 1280)


def test_an_administrator_adds_a_course_of_their_own(page, new_context, staff):
    team = TeamFactory(name="Riverside")
    admin, secret = staff("admin", team=team, first_name="Ann", last_name="Ode")
    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, admin, secret)
    desk.goto("/training/courses/")
    desk.get_by_role("button", name="Add a course for your organisation").click()
    check(desk, "new-course", 1280)
    desk.get_by_label("Name of the course").fill("Suicide prevention")
    desk.get_by_label("What it covers").fill("Asking directly, and staying with someone")
    desk.get_by_label("It needs doing again after a number of months").check()
    desk.get_by_role("button", name="Continue").click()
    expect_error_summary(desk, "Enter how many months the course is valid for")
    expect(desk.get_by_label("Name of the course")).to_have_value("Suicide prevention")
    check(desk, "new-course-errors", 1280)
    desk.set_viewport_size(PHONE)
    check(desk, "new-course-errors", 375)
    desk.get_by_label("How many months is it valid for?").fill("12")
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check the course before adding it")
    expect(desk.locator("#who-will-see-it")).to_contain_text("Every member of staff in your organisation")
    assert not Course.objects.filter(name="Suicide prevention").exists()
    check(desk, "check-course", 375)
    desk.set_viewport_size(DESKTOP)
    check(desk, "check-course", 1280)
    desk.get_by_role("button", name="Change the course").click()
    expect(desk.get_by_label("Name of the course")).to_have_value("Suicide prevention")
    desk.get_by_role("button", name="Continue").click()
    desk.get_by_role("button", name="Add the course").click()
    expect_success(desk, "Suicide prevention added to your organisation's courses.")
    assert Course.objects.get(name="Suicide prevention").valid_months == 12
    check(desk, "courses-admin", 1280)

    # the administrator retires the course again, and a shipped one: checked first, then gone from what is offered
    for name in ("Suicide prevention", "Peer support"):
        desk.get_by_role("link", name=f"Retire {name}").click()
        expect(desk.get_by_role("heading", level=1)).to_have_text(f"Retire {name}?")
        check(desk, "retire-course", 1280)
        desk.set_viewport_size(PHONE)
        check(desk, "retire-course", 375)
        desk.set_viewport_size(DESKTOP)
        desk.get_by_role("button", name="Retire the course").click()
        expect_success(desk, f"{name} is retired.")
    expect(desk.locator("#retired")).to_contain_text("Peer support")
    expect(desk.locator("#courses")).not_to_contain_text("Suicide prevention")
    check(desk, "courses-retired", 1280)
    desk.set_viewport_size(PHONE)
    check(desk, "courses-retired", 375)


def test_a_record_entered_by_mistake_is_put_right_or_deleted(page, new_context, staff):
    team = TeamFactory(name="Riverside")
    lee, lee_secret = staff("team_leader", team=team, first_name="Lee", last_name="Hart")
    sam, sam_secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    course = Course.objects.get(key="recovery_approach")
    first = timezone.localdate() - timedelta(days=40)
    for days in (40, 400):
        when = timezone.localdate() - timedelta(days=days)
        Record.objects.create(
            user=sam,
            course=course,
            completed_on=when,
            expires_on=expires_on(when, 36),
            recorded_by=sam,
            organisation=team.organisation,  # recorded in Riverside's organisation: its leader may put it right
        )

    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, sam, sam_secret)
    phone.goto("/training/")
    phone.get_by_role("link", name=f"Change The recovery approach finished {first:%-d %B %Y}").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Change the day a course was finished")
    check(phone, "change-record", 375)
    phone.get_by_label("Year").fill("25")
    phone.get_by_role("button", name="Save the change").click()
    expect_error_summary(phone, "The date the course was finished must have a year with 4 numbers, for example 2025")
    check(phone, "change-record-errors", 375)
    phone.get_by_label("Year").fill(str(first.year))
    phone.get_by_label("Day").fill(str((first - timedelta(days=1)).day))
    phone.get_by_label("Month").fill(str((first - timedelta(days=1)).month))
    phone.get_by_label("Year").fill(str((first - timedelta(days=1)).year))
    phone.get_by_role("button", name="Save the change").click()
    expect_success(phone, "Training record changed.")
    phone.set_viewport_size(DESKTOP)
    phone.goto("/training/")
    check(phone, "mine-with-changes", 1280)

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, lee, lee_secret)
    desk.goto(f"/training/teams/{team.pk}/")
    desk.locator("#people").get_by_role("link", name="Sam Patel").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Sam Patel’s training")
    check(desk, "member", 1280)
    desk.get_by_role("link", name="Delete The recovery approach").last.click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Delete this training record?")
    check(desk, "delete-record", 1280)
    desk.set_viewport_size(PHONE)
    check(desk, "delete-record", 375)
    desk.get_by_role("button", name="Delete the record").click()
    expect_success(desk, "Training record deleted.")
    check(desk, "member", 375)
    desk.set_viewport_size(DESKTOP)
    desk.goto(f"/training/records/{Record.objects.get(user=sam).pk}/change/")
    check(desk, "change-record", 1280)
    assert Record.objects.filter(user=sam).count() == 1
