"""Journey: the virtual ward's capacity board, on a phone and on a wall screen.

Sam leads the Riverside virtual ward's team. On his phone the board shows beds today, who is on the ward and where
each person is in their 72 hours, their latest NEWS2 (an incomplete one told apart) and a warning for a review
overdue. On the desktop he starts a handover note; the board refreshes itself (every 2 seconds in this test) and
shows someone just admitted, and his words are still there. He plans the day's visits (checked before saving, the
same nurse as before where possible), records one as done, and sets tomorrow's beds: too few is refused kindly.
Each page passes the axe check at both widths.
"""

import re
from datetime import datetime, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.virtual_ward.models import PlannedContact
from alongside.virtual_ward.tests.factories import PlannedContactFactory, ReviewFactory, WardFactory, nurse
from alongside.virtual_ward.tests.factories_board import admitted, full_ward

from .browser import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_title_matches_heading,
    expect_error_summary,
    expect_success,
    sign_in,
)
from .browser import shot as screenshot


def shot(page, name: str, width: int) -> None:
    screenshot(page, f"board-{name}", width)


def at_today(hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time())) + timedelta(hours=hour)


def test_the_board_on_a_phone_and_a_wall_screen_plan_and_record_a_visit(page, new_context, staff, settings):
    settings.VIRTUAL_WARD_BOARD_REFRESH_SECONDS = 2
    ward = WardFactory(name="Riverside virtual ward", beds=20)
    sam, secret = staff("team_leader", team=ward.team, first_name="Sam", last_name="Patel")
    kim = nurse(ward)
    kim.first_name, kim.last_name = "Kim", "Ellis"
    kim.save()
    ada = admitted(ward, 1, hours_ago=29, person__given_name="Ada", person__family_name="Okafor",
                   person__phone="07700 900123")  # fmt: skip
    ReviewFactory(episode=ada, at=timezone.now() - timedelta(hours=26))
    PlannedContactFactory(episode=ada, due_at=at_today(9), nurse=kim, done_at=at_today(9))
    PlannedContactFactory(episode=ada, due_at=at_today(14))
    ben = admitted(ward, 2, hours_ago=5, person__given_name="Ben", person__family_name="Musa")
    ReviewFactory(episode=ben, pulse=None)
    cara = admitted(ward, 3, hours_ago=66, person__given_name="Cara", person__family_name="Lowe")
    ReviewFactory(episode=cara, respiration_rate=26, spo2=91, systolic_bp=95)
    PlannedContactFactory(episode=cara, due_at=at_today(11), kind=PlannedContact.Kind.CALL)

    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, sam, secret)
    phone.goto("/virtual-ward/")  # on a phone the header's links are under its menu
    expect(phone.get_by_role("heading", level=1)).to_have_text("Virtual ward board")
    main = phone.get_by_role("main")
    expect(main).to_contain_text("Hour 30 of 72")
    expect(main).to_contain_text("No review for 26 hours")
    expect(main).to_contain_text("NEWS2 incomplete")
    expect(main).to_contain_text("High: emergency response")
    expect(phone.locator("#beds-free")).to_have_text("17")
    expect(phone.locator("#leaving")).to_contain_text("Cara Lowe")
    expect(phone.locator('a[href^="tel:"]')).to_have_count(1)
    assert_title_matches_heading(phone)
    assert_accessible(phone)
    shot(phone, "board", 375)

    desk = new_context(viewport=DESKTOP, storage_state=phone.context.storage_state()).new_page()  # signed in
    desk.goto("/")
    expect(desk.locator('header a[href="/virtual-ward/"]')).to_have_text("Virtual ward")  # the header's link
    desk.goto("/virtual-ward/")
    note = desk.get_by_label("Handover note")
    note.fill("Cara: daughter calls at 6pm")
    admitted(ward, 4, hours_ago=1, person__given_name="Dev", person__family_name="Shah")
    expect(desk.locator("#board-live")).to_contain_text("Dev Shah", timeout=15_000)  # refreshed by itself
    expect(note).to_have_value("Cara: daughter calls at 6pm")
    expect(desk.locator("#beds-occupied")).to_have_text("4")
    assert_accessible(desk)
    shot(desk, "board", 1280)

    desk.get_by_role("link", name="Today's visits and calls").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Visits and calls")
    assert_accessible(desk)
    shot(desk, "visits", 1280)
    desk.get_by_role("button", name="Plan who visits").click()
    expect(desk.get_by_role("heading", name="Check who visits")).to_be_visible()
    expect(desk.get_by_role("main")).to_contain_text("With Kim Ellis, who has seen them once on this stay")
    assert PlannedContact.objects.filter(done_at__isnull=True, nurse__isnull=True).count() == 2  # nothing saved yet
    assert_accessible(desk)
    shot(desk, "plan", 1280)
    desk.get_by_role("button", name="Save who visits").click()
    expect_success(desk, "2 visits and calls have a nurse now.")
    assert PlannedContact.objects.filter(nurse__isnull=True).count() == 0

    desk.get_by_role("link", name=re.compile(r"Record as done\W+home visit to Ada Okafor")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Record the home visit as done")
    assert_title_matches_heading(desk)
    assert_accessible(desk)
    shot(desk, "done", 1280)
    desk.get_by_label("How many minutes it took").fill("35")
    desk.get_by_label("What happened").fill("Breathing easier, eating again")
    desk.get_by_role("button", name="Record it as done").click()  # when it happened is asked, never assumed
    expect_error_summary(
        desk, "Choose whether it happened today or yesterday", "Enter the time it happened, for example, 14:30"
    )
    expect(desk.get_by_label("What happened")).to_have_value("Breathing easier, eating again")
    assert_accessible(desk)
    shot(desk, "done-errors", 1280)
    desk.get_by_label("Yesterday").check()
    desk.get_by_label("Time").fill("23:40")
    desk.get_by_role("button", name="Record it as done").click()
    expect_success(desk, "The home visit to Ada Okafor is recorded, yesterday at 23:40.")
    assert PlannedContact.objects.get(episode=ada, due_at=at_today(14)).contact.startswith("contact:")

    desk.goto("/virtual-ward/")
    desk.get_by_role("link", name="Set the beds for a day").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Set the beds for a day")
    tomorrow = timezone.localdate() + timedelta(days=1)
    desk.get_by_label("Day", exact=True).fill(str(tomorrow.day))
    desk.get_by_label("Month", exact=True).fill(str(tomorrow.month))
    desk.get_by_label("Year", exact=True).fill(str(tomorrow.year))
    desk.get_by_label("Beds on that day").fill("2")
    desk.get_by_label("Why it is different (optional)").fill("Two nurses off sick")
    desk.get_by_role("button", name="Save the beds").click()
    expect_error_summary(
        desk, f"4 people have a bed on the ward on {tomorrow:%-d %B}. Set at least 4 beds, or end a stay first"
    )
    expect(desk.get_by_label("Why it is different (optional)")).to_have_value("Two nurses off sick")
    assert_accessible(desk)
    shot(desk, "capacity", 1280)
    desk.get_by_label("Beds on that day").fill("16")
    desk.get_by_role("button", name="Save the beds").click()
    expect_success(desk, "The ward has 16 beds on")

    for path, name in (("/virtual-ward/visits/", "visits"), ("/virtual-ward/capacity/", "capacity")):
        phone.goto(path)
        assert_title_matches_heading(phone)
        assert_accessible(phone)
        shot(phone, name, 375)
    open_one = PlannedContact.objects.filter(done_at__isnull=True).first()
    phone.goto(f"/virtual-ward/visits/{open_one.pk}/done/")
    assert_accessible(phone)
    shot(phone, "done", 375)
    phone.goto("/virtual-ward/visits/")
    expect(phone.get_by_role("button", name="Plan who visits")).to_have_count(0)  # nothing left to plan


WALL = {"width": 1920, "height": 1080}
WIDE = {"width": 1280, "height": 900}


def _first_screen(page, height: int) -> int:
    """How many patients' cards end within the first screen."""
    return page.evaluate(
        "h => [...document.querySelectorAll('.alongside-board__patient')]"
        ".filter(c => c.getBoundingClientRect().bottom <= h).length",
        height,
    )


def test_a_full_ward_fits_a_wall_screen_and_stays_short_on_a_phone(page, new_context, staff):
    """A 20-bed ward, full: on a 1080p wall screen the board uses the whole width and most cards show on the first
    screen; on a phone the cards are short and nothing scrolls sideways."""
    ward = WardFactory(name="Riverside virtual ward", beds=20)
    sam, secret = staff("team_leader", team=ward.team, first_name="Sam", last_name="Patel")
    full_ward(ward, 20, sam)

    wall = new_context(viewport=WALL).new_page()
    sign_in(wall, sam, secret)
    wall.goto("/virtual-ward/")
    expect(wall.locator(".alongside-board__patient")).to_have_count(20)
    assert _first_screen(wall, WALL["height"]) >= 12
    tops = wall.evaluate("[...document.querySelectorAll('.alongside-board__patient')].map(c => c.offsetTop)")
    assert tops.count(tops[0]) >= 5  # five or six a row
    assert_accessible(wall)
    shot(wall, "full", 1920)

    for viewport, name in ((WIDE, 1280), (PHONE, 375)):
        other = new_context(viewport=viewport, storage_state=wall.context.storage_state()).new_page()
        other.goto("/virtual-ward/")
        expect(other.locator(".alongside-board__patient")).to_have_count(20)
        assert other.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert_accessible(other)
        shot(other, "full", name)
