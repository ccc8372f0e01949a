"""Finding who can help, on a computer and on a phone.

Someone in Northvale, with no account, follows "Find a service" from the sign-in page's footer. She looks for
company near her postcode and sees the nearest first, with who to call, when they meet, what it costs and how far
away. She types "befreinding" (a slip) and still finds the befriending service; asks for what is open on a
Tuesday, then only what is free, and opens a service's page, where the referral address is never shown. A
postcode the directory does not know is said plainly.

Rosa, a coordinator, finds the same search under "Find a service" in her menu.

Set FIND_SHOTS to a folder to keep a screenshot of every page.
"""

import os
from datetime import time

import pytest
from playwright.sync_api import expect

from alongside.directory.tests.finding_factories import make_service, needs

from .browser import URL, assert_accessible, expect_error_summary, menu_link, sign_in
from .test_small_screen import PHONE, assert_fits


@pytest.fixture
def browser_page(new_context, request):
    if request.param == "phone":
        return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    return new_context(viewport={"width": 1280, "height": 900}).new_page()


def check(page, name: str) -> None:
    """Accessible, fits the screen, and (with FIND_SHOTS) photographed."""
    assert_accessible(page)
    on_phone = page.viewport_size == PHONE
    if on_phone:
        assert_fits(page)
    folder = os.environ.get("FIND_SHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}-{375 if on_phone else 1280}.png", full_page=True)


@pytest.fixture
def directory(db):
    terms = needs()
    make_service(
        "Telephone befriending",
        "A volunteer phones you each week for a chat.",
        terms=[terms["befriending"]],
        byday="MO,TH",
        opens=time(10),
        closes=time(16),
    )
    make_service(
        "Coffee morning",
        "Drop in for a cup of tea and a chat.",
        terms=[terms["company"]],
        postcode="NV1 2AB",
        byday="TU",
        cost="1.50",
    )
    make_service(
        "Knit and natter",
        "Bring your knitting or just come for the company.",
        terms=[terms["company"]],
        postcode="NV3 7QT",
        byday="TU",
        referral_email="referrals@knit.example.org",
    )
    make_service("Men's shed", "Make and mend things together.", terms=[terms["company"]], postcode="NV9 1AB")
    make_service("Debt advice", "Free help with debts.", terms=[terms["money"]], postcode="NV1 2AB")
    return terms


def results(page):
    return page.locator("#results h2")


def filters(page):
    """The filters, behind "Filter" (opened when closed)."""
    summary = page.locator("#filters summary")
    if page.locator("#filters").get_attribute("open") is None:
        summary.click()
    return page.locator("#filters")


@pytest.mark.parametrize("browser_page", ["computer", "phone"], indirect=True)
def test_anyone_finds_company_near_them_a_slip_forgiven_open_on_a_tuesday_and_free(browser_page, directory):
    page = browser_page
    page.goto("/accounts/login/")
    page.get_by_role("contentinfo").get_by_role("link", name="Find a service").click()
    expect(page).to_have_url(URL("/directory/find/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a service")
    expect(page.get_by_label("Free services only")).not_to_be_checked()
    check(page, "find")

    page.get_by_label("What do you need help with?").select_option(label="Loneliness and company")
    page.get_by_label("Your postcode").fill("nv1 2ab")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results-count")).to_contain_text("4 services found for loneliness and company")
    expect(results(page)).to_have_text(["Coffee morning", "Knit and natter", "Men's shed", "Telephone befriending"])
    first = page.locator("#results li").first
    expect(first).to_contain_text("Less than half a mile away")
    expect(first).to_contain_text("Tuesdays, 10am to 12 noon")
    expect(first).to_contain_text("£1.50")
    expect(first.get_by_role("link", name="01632 960123")).to_have_attribute("href", "tel:+44-1632-960123")
    expect(page.locator("#results li").last).to_contain_text("By phone or online")
    check(page, "find-company-near")

    page.get_by_label("What do you need help with?").select_option(label="Anything")
    page.get_by_label("Or type what you are looking for").fill("befreinding")
    page.get_by_role("button", name="Search").click()
    expect(results(page)).to_have_text(["Telephone befriending"])
    check(page, "find-typo")

    page.get_by_label("Or type what you are looking for").fill("")
    filters(page).get_by_label("When").select_option(label="Open on Tuesdays")
    page.get_by_role("button", name="Search").click()
    expect(results(page)).to_have_text(["Coffee morning", "Knit and natter"])
    check(page, "find-tuesday")

    filters(page).get_by_label("Free services only").check()
    page.get_by_role("button", name="Search").click()
    expect(results(page)).to_have_text(["Knit and natter"])
    expect(page.get_by_label("Free services only")).to_be_checked()  # what was asked is kept
    check(page, "find-free")

    page.get_by_role("link", name="Knit and natter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Knit and natter")
    expect(page.locator("#places")).to_contain_text("NV3 7QT")
    expect(page.locator("#places")).to_contain_text("miles away")
    expect(page.get_by_text("referrals@knit.example.org")).to_have_count(0)
    check(page, "service")
    page.get_by_role("link", name="Back to your search").click()
    expect(results(page)).to_have_text(["Knit and natter"])

    page.get_by_label("Your postcode").fill("SW1A 1AA")
    page.get_by_role("button", name="Search").click()
    expect_error_summary(page, "We do not know where SW1A 1AA is. Try a postcode in Northvale, like NV3 7QT")
    expect(page.get_by_label("Your postcode")).to_have_value("SW1A 1AA")
    check(page, "find-unknown-postcode")


@pytest.mark.parametrize("browser_page", ["computer", "phone"], indirect=True)
def test_a_coordinator_finds_a_service_from_her_menu(browser_page, staff, directory):
    page = browser_page
    rosa, secret = staff("coordinator", first_name="Rosa", last_name="Khan")
    sign_in(page, rosa, secret)
    menu_link(page, "Find a service").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a service")
    page.get_by_label("What do you need help with?").select_option(label="Money and debt")
    page.get_by_role("button", name="Search").click()
    expect(results(page)).to_have_text(["Debt advice"])
    check(page, "find-signed-in")
