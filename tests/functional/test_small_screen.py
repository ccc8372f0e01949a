"""Journey 5: on a phone-sized screen the sign-in and home pages fit without sideways scrolling, are
axe-clean, and the header menu works, down to the 320px that WCAG's reflow criterion asks for."""

import pytest
from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory

from .browser import URL, assert_accessible, enter_code, expect_home, fill_sign_in_form, menu_link, settle

PHONE = {"width": 375, "height": 667}
SMALLEST = {"width": 320, "height": 640}


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()


def assert_fits(page):
    settle(page)
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        too_wide = page.evaluate(
            """width => [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width)
                .map(e => `${Math.round(e.getBoundingClientRect().right)}px: ${e.outerHTML.slice(0, 120)}`)""",
            width,
        )
        pytest.fail(f"{page.url} is {scroll_width}px wide on a {width}px screen:\n" + "\n".join(too_wide))


def test_signing_in_and_the_home_page_on_a_phone(phone, staff):
    team = TeamFactory(
        name="Hillcrest Integrated Neighbourhood Team",
        organisation__name="Northvale Community Health Services NHS Trust",
    )
    admin, secret = staff("admin", team=team, first_name="Ada")

    fill_sign_in_form(phone, admin.username)  # checks the sign-in page with axe on the way
    enter_code(phone, secret)
    expect_home(phone)
    assert_fits(phone)
    assert_accessible(phone)

    # Every item in the header menu can be reached and followed.
    names = phone.get_by_role("navigation", name="Menu").locator("a").all_text_contents()  # shown or not
    assert {"Home", "Organisations", "Teams", "Security"} <= {name.strip() for name in names}
    menu_link(phone, "Teams").click()
    expect(phone).to_have_url(URL("/teams/"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Teams")
    assert_fits(phone)
    assert_accessible(phone)
    menu_link(phone, "Home").click()
    expect_home(phone)

    # At 320px the menu has a "More" button, which opens, closes with Escape, and leads on.
    phone.set_viewport_size(SMALLEST)
    menu = phone.get_by_role("navigation", name="Menu")
    more = menu.get_by_role("button", name="Browse More")
    expect(more).to_be_visible()
    expect(menu.get_by_role("link", name="Security")).to_be_hidden()
    assert_fits(phone)
    assert_accessible(phone)
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Security")).to_be_visible()
    assert_accessible(phone)
    phone.keyboard.press("Escape")
    expect(more).to_have_attribute("aria-expanded", "false")
    expect(menu.get_by_role("link", name="Security")).to_be_hidden()
    menu_link(phone, "Security").click()
    expect(phone).to_have_url(URL("/accounts/2fa/"))
    assert_fits(phone)
    assert_accessible(phone)


@pytest.mark.parametrize("viewport", [PHONE, SMALLEST], ids=["375px", "320px"])
def test_the_sign_in_page_fits_a_phone(new_context, db, viewport):
    page = new_context(viewport=viewport, is_mobile=True, has_touch=True).new_page()
    page.goto("/accounts/login/")
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert_fits(page)
    assert_accessible(page)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_fits(page)
    assert_accessible(page)
