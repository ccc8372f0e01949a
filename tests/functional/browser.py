"""Helpers for the browser journeys: the accessibility check, authenticator codes, signing in and out."""

import os
import re
import time
from pathlib import Path

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from alongside.core.tests.factories import PASSWORD

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the accessibility statement promises.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
_axe = Axe()

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")  # a folder to keep screenshots of each page in, to look at them


def shot(page: Page, name: str, width: int) -> None:
    """A screenshot of the whole page as SHOTS/<name>-<width>.png, when ALONGSIDE_SHOTS names a folder."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)


def assert_accessible(page: Page) -> None:
    """Run axe on the page as it stands and fail with axe's report if anything breaks WCAG 2.2 AA.

    Also fails on anything the browser reported as an error on the page so far (a Content Security Policy
    refusal, a script error, a missing asset), and on any request so far to another host: see `watch` in
    conftest.py.
    """
    page.wait_for_load_state("load")
    assert_title_matches_heading(page)
    results = _axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"axe found problems on {page.url}\n{results.generate_report()}"
    assert_no_browser_errors(page)


def assert_title_matches_heading(page: Page) -> None:
    """The NHS service manual: the page's title starts with its h1 (its caption and hidden words left out), so
    that a screen reader, a tab and the browser's history all name the page the way the page does."""
    heading = page.evaluate(
        r"""() => {
            const h1 = document.querySelector("main h1");
            if (!h1) return null;
            const copy = h1.cloneNode(true);
            copy.querySelectorAll(".nhsuk-caption-l, .nhsuk-caption-xl, .nhsuk-caption-m, .nhsuk-u-visually-hidden")
                .forEach((e) => e.remove());
            return copy.textContent.replace(/\s+/g, " ").trim();
        }"""
    )
    if heading is None:
        return
    title = re.sub(r"^Error: ", "", page.title())
    assert title.startswith(heading), f"The title {page.title()!r} does not start with the h1 {heading!r} on {page.url}"


def browser_errors(page: Page) -> list[str]:
    return page.alongside_errors


def assert_no_browser_errors(page: Page) -> None:
    errors = browser_errors(page)
    assert not errors, f"The browser reported errors on {page.url}:\n" + "\n".join(errors)
    elsewhere = getattr(page, "alongside_elsewhere", [])
    assert not elsewhere, f"A page asked another host for something, by {page.url}:\n" + "\n".join(elsewhere)


def URL(path: str) -> re.Pattern:  # noqa: N802 (reads like a constructor in expect(page).to_have_url(URL(...)))
    """Match a page's address by its path (and any query string), whatever the live server's port."""
    return re.compile(r"^https?://[^/]+" + re.escape(path) + r"(\?.*)?$")


def totp_code(secret: str) -> str:
    """The authenticator app's current code. In the last seconds of a 30-second step it waits for the next
    step, so that the code is still current when the server checks it."""
    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def fill_sign_in_form(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def enter_code(page: Page, secret: str) -> None:
    """The second step of signing in: allauth asks for the authenticator app's code."""
    expect(page).to_have_url(URL("/accounts/2fa/authenticate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    assert_accessible(page)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In", exact=True).click()


def sign_in(page: Page, user, secret: str | None = None) -> None:
    """Sign in through the real pages; given the authenticator's `secret`, enter its code too."""
    fill_sign_in_form(page, user.username)
    if secret:
        enter_code(page, secret)


def sign_out(page: Page) -> None:
    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Out")
    assert_accessible(page)
    page.get_by_role("button", name="Sign Out").click()


def expect_home(page: Page) -> None:
    expect(page).to_have_url(URL("/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello,")


def expect_success(page: Page, text: str) -> None:
    """The green notification banner a saved form leads to, on the screen where the user has landed."""
    banner = page.locator(".nhsuk-notification-banner--success")
    expect(banner).to_contain_text(text)
    expect(banner).to_be_in_viewport()


def expect_error_summary(page: Page, *messages: str) -> None:
    """The NHS.UK error summary: focused, linking to each problem, and "Error: " before the page's title."""
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(list(messages))
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))


def expect_not_found(page: Page, response) -> None:
    """The 404 page, exactly as for an address that does not exist. Chromium logs the page's own 404 status to
    the console: that one message is expected and forgotten, so that `assert_accessible` fails on anything else.
    """
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expected = "the server responded with a status of 404"
    assert any(expected in error for error in page.alongside_errors), page.alongside_errors
    page.alongside_errors[:] = [error for error in page.alongside_errors if expected not in error]


def settle(page: Page) -> None:
    """Wait for the page's scripts: the NHS.UK header moves the menu items that do not fit under "More"."""
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def menu_link(page: Page, name: str):
    """A link in the header menu, opening "More" first if the header has moved the link there."""
    menu = page.get_by_role("navigation", name="Menu")
    link = menu.get_by_role("link", name=name, exact=True)
    settle(page)
    if not link.is_visible():
        more = menu.get_by_role("button", name="Browse More")
        expect(more).to_have_attribute("aria-expanded", "false")
        more.click()
        expect(more).to_have_attribute("aria-expanded", "true")
    expect(link).to_be_visible()
    return link
