"""Journey: the virtual ward's settings.

Priya leads the Riverside virtual ward's team. On a desktop she opens the ward's figures: the beds for every 100,000
people count only the 6 people registered in Alongside. She follows "the ward's settings" from the figures, and
chooses to change the registered population. She types 30,000 but forgets where it comes from: the page says so,
at the top and by the box, and keeps the number. She adds the source and its date, checks her answers (the check
page says what it was before), and saves. The settings show the new population, and the figures now use it: 10
beds for 30,000 people are 33.3 for every 100,000, with her source beside it. On her phone the settings, the form
and the check page read the same; "Back" from the check page takes her to the form with what she typed kept. Each
page passes the axe check at both widths.
"""

from playwright.sync_api import expect

from alongside.virtual_ward.models import Ward
from alongside.virtual_ward.tests.factories_figures import ward_with_practice

from .browser import DESKTOP, PHONE, assert_accessible, expect_error_summary, expect_success, sign_in
from .browser import shot as screenshot

SOURCE = "Synthetic list sizes, October 2026"


def shot(page, name: str, width: int) -> None:
    screenshot(page, f"settings-{name}", width)


def test_the_team_leader_changes_the_registered_population_and_the_figures_use_it(page, new_context, staff):
    ward = ward_with_practice(6, name="Riverside virtual ward", beds=10)
    priya, secret = staff("team_leader", team=ward.team, first_name="Priya", last_name="Shah")

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, priya, secret)
    desk.goto(f"/virtual-ward/figures/?ward={ward.pk}")
    expect(desk.locator("#per-population")).to_contain_text("registered with the ward's GP practices in Alongside")
    desk.locator("#settings-link").get_by_role("link", name="the ward's settings").click()

    expect(desk.get_by_role("heading", level=1)).to_have_text("The ward's settings")
    expect(desk.locator("#registered-population")).to_contain_text("Not set")
    assert_accessible(desk)
    shot(desk, "page", 1280)
    desk.get_by_role("link", name="Change registered population").click()

    expect(desk.get_by_role("heading", level=1)).to_have_text("Change the ward's settings")
    population = desk.get_by_label("Registered population (optional)")
    expect(population).to_be_focused()
    expect(desk.get_by_role("checkbox", checked=True)).to_have_count(1)
    assert_accessible(desk)
    shot(desk, "form", 1280)
    population.fill("30,000")
    desk.get_by_role("button", name="Continue").click()

    expect_error_summary(desk, "Enter where the registered population comes from, and its date")
    expect(population).to_have_value("30,000")
    assert desk.title().startswith("Error: ")
    assert_accessible(desk)
    shot(desk, "error", 1280)
    desk.get_by_label("Where the registered population comes from, and its date").fill(SOURCE)
    desk.get_by_role("button", name="Continue").click()

    expect(desk.get_by_role("heading", level=1)).to_have_text("Check the ward's settings")
    expect(desk.locator("#check #registered-population")).to_contain_text(f"30,000. From: {SOURCE}")
    expect(desk.locator("#check #registered-population")).to_contain_text(
        "Was: Not set. The figures count only the people registered in Alongside"
    )
    assert_accessible(desk)
    shot(desk, "check", 1280)
    assert Ward.objects.get(pk=ward.pk).registered_population is None
    desk.get_by_role("button", name="Save the settings").click()

    expect_success(desk, "The ward's settings are saved")
    expect(desk.locator("#registered-population")).to_contain_text(f"30,000. From: {SOURCE}")
    desk.get_by_role("link", name="See the ward's figures").click()
    expect(desk.locator("#per-population")).to_contain_text("33.3")
    expect(desk.locator("#per-population")).to_contain_text("the 30,000 people registered")
    expect(desk.locator("#per-population")).to_contain_text(SOURCE)
    assert_accessible(desk)

    phone = desk.context.new_page()  # signed in already: a second code in the same half-minute is refused
    phone.set_viewport_size(PHONE)
    phone.goto(f"/virtual-ward/settings/{ward.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("The ward's settings")
    assert_accessible(phone)
    shot(phone, "page", 375)
    phone.get_by_role("link", name="Change usual beds").click()
    expect(phone.get_by_label("Usual beds")).to_have_value("10")
    assert_accessible(phone)
    shot(phone, "form", 375)
    phone.get_by_label("Usual beds").fill("12")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check the ward's settings")
    expect(phone.locator("#check #beds")).to_contain_text("Was: 10")
    assert_accessible(phone)
    shot(phone, "check", 375)
    # "Back" on the check page goes back to the form with what was typed kept, as "Change them" does
    phone.get_by_role("button", name="Back", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Change the ward's settings")
    expect(phone.get_by_label("Usual beds")).to_have_value("12")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator("#check #beds")).to_contain_text("Was: 10")
