"""Journey: the virtual ward's figures.

Priya leads the Riverside virtual ward's team. On a desktop she opens the ward's figures for March 2026 (the back
link goes to the ward's board): each figure, the beds for every 100,000 of the practices' registered people too, has
how it was worked out beside it, and the warning about people who would not have gone into hospital
anyway. She changes the end date to a day that does not exist: the page says what is wrong, at the top and by the
box, and keeps what she typed. She puts it right and downloads the figures as a spreadsheet, a row a month. On her
phone the page reads the same. Each page passes the axe check at both widths.
"""

import csv
import io
from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from alongside.virtual_ward.models import DayCapacity
from alongside.virtual_ward.tests.factories_figures import at, stay, ward_with_practice

from .browser import DESKTOP, PHONE, assert_accessible, shot, sign_in


def test_the_ward_figures_with_their_methods_and_the_download(page, new_context, staff):
    ward = ward_with_practice(
        6,
        name="Riverside virtual ward",
        beds=10,
        baseline_admissions_per_year=365,
        baseline_source="Synthetic",
        registered_population=30_000,
        population_source="Synthetic list sizes",
    )
    priya, secret = staff("team_leader", team=ward.team, first_name="Priya", last_name="Shah")
    DayCapacity.objects.create(ward=ward, day=date(2026, 3, 2), beds=8, set_by=priya)
    stay(ward, at(2026, 3, 2, 10), at(2026, 3, 5, 10), outcome="home")
    stay(ward, at(2026, 3, 10, 10), at(2026, 3, 11, 10), outcome="died_at_home")
    stay(ward, at(2026, 3, 20, 10), at(2026, 3, 22, 10), outcome="hospital")
    stay(ward, at(2026, 3, 24, 10), at(2026, 3, 30, 10), step_up=False, outcome="home")
    march = f"/virtual-ward/figures/?ward={ward.pk}&from=2026-03-01&to=2026-03-31"

    desk = new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    sign_in(desk, priya, secret)
    desk.goto(march)
    expect(desk.get_by_role("heading", level=1)).to_have_text("Virtual ward figures")
    expect(desk.get_by_role("link", name="Back to the board")).to_have_attribute(
        "href", f"/virtual-ward/?ward={ward.pk}"
    )
    main = desk.get_by_role("main")
    expect(desk.locator("#per-population")).to_contain_text("33.3")
    expect(desk.locator("#per-population")).to_contain_text("Synthetic list sizes")
    expect(main).to_contain_text("from 1 March 2026 to 31 March 2026")
    expect(desk.locator("#occupancy")).to_contain_text("Bed-days used (12.0) divided by bed-days available (308)")
    expect(desk.locator("#at-home")).to_contain_text("67% (2 of 3)")
    expect(desk.locator("#uncertainty")).to_contain_text("We are 95% sure")
    expect(desk.locator("#caveat")).to_contain_text("would not have gone into hospital anyway")
    assert_accessible(desk)
    shot(desk, "figures", 1280)

    desk.get_by_text("Change the dates").click()
    desk.locator("#id_to_day").fill("31")
    desk.locator("#id_to_month").fill("2")
    desk.get_by_role("button", name="Show").click()
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text("The end date must be a real date")
    expect(desk.locator("#id_to_day")).to_have_value("31")
    expect(desk.locator("#id_to_month")).to_have_value("2")
    expect(main).to_contain_text("Put the dates right to see the figures")
    assert desk.title().startswith("Error: ")
    assert_accessible(desk)
    shot(desk, "figures-error", 1280)

    desk.locator("#id_to_day").fill("31")
    desk.locator("#id_to_month").fill("3")
    desk.get_by_role("button", name="Show").click()
    expect(desk.locator(".nhsuk-error-summary")).to_have_count(0)
    with desk.expect_download() as downloading:
        desk.get_by_role("link", name="Download these figures as a spreadsheet").click()
    download = downloading.value
    assert download.suggested_filename == f"virtual-ward-{ward.pk}-figures-2026-03-01-to-2026-03-31.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text())))
    assert len(rows) == 1 and rows[0]["Admissions"] == "4" and rows[0]["Admissions avoided"] == "1"

    phone = desk.context.new_page()  # signed in already: a second code in the same half-minute is refused
    phone.set_viewport_size(PHONE)
    phone.goto(march)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Virtual ward figures")
    expect(phone.locator("#deflection")).to_contain_text("(target 17%)")
    assert_accessible(phone)
    shot(phone, "figures", 375)
