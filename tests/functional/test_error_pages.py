"""Journey 6: error pages are NHS.UK pages with the right status, in the service's layout, and axe-clean."""

import pytest
from playwright.sync_api import expect

from .browser import assert_accessible, sign_in


def forget_own_status_error(page, status):
    """Chromium logs the page's own error status to the console; that one is expected here, nothing else."""
    expected = f"the server responded with a status of {status}"
    assert any(expected in error for error in page.alongside_errors), page.alongside_errors
    page.alongside_errors[:] = [error for error in page.alongside_errors if expected not in error]


def expect_nhs_layout(page):
    expect(page.get_by_role("banner").get_by_role("link", name="Alongside homepage")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("Accessibility statement")
    expect(page.locator("link[rel=stylesheet][href$='alongside/nhsuk.css']")).to_have_count(1)
    background = page.locator("header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(0, 94, 184)", f"the NHS.UK styles are not applied (header is {background})"
    font = page.locator("h1").evaluate("e => getComputedStyle(e).fontFamily")
    assert font.startswith("arial"), f"the frontend's own fallback fonts are used, never a web font ({font})"


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
def test_a_missing_page_says_page_not_found(page, staff, signed_in):
    if signed_in:
        user, secret = staff("clinician", first_name="Rosa", last_name="Diaz")
        sign_in(page, user, secret)

    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page).to_have_title("Page not found – Alongside")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("main")).to_contain_text("If you typed the web address, check it is correct.")
    expect(page.get_by_role("link", name="Go to the home page")).to_have_attribute("href", "/")
    expect_nhs_layout(page)
    if signed_in:
        expect(page.get_by_role("navigation", name="Account")).to_contain_text("Rosa Diaz")
    forget_own_status_error(page, 404)
    assert_accessible(page)


def test_a_page_outside_your_roles_says_you_do_not_have_access(page, staff):
    user, secret = staff("volunteer")
    sign_in(page, user, secret)

    response = page.goto("/organisations/")

    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect_nhs_layout(page)
    forget_own_status_error(page, 403)
    assert_accessible(page)


def test_a_signed_out_visitor_is_asked_to_sign_in_first(page, db):
    page.goto("/organisations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert page.url.endswith("/accounts/login/?next=/organisations/")
    assert_accessible(page)
