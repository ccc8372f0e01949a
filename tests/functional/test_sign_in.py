"""Journey 2: a failed sign-in says what went wrong, NHS.UK style, and keeps what was typed."""

from playwright.sync_api import expect

from .browser import URL, assert_accessible, fill_sign_in_form


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_username(page, staff):
    staff("clinician", username="asha.patel")

    fill_sign_in_form(page, "asha.patel", password="not-the-password")

    expect(page).to_have_url(URL("/accounts/login/"))
    expect(page).to_have_title("Error: Sign in – Alongside")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text("The username and/or password you specified are not correct.")
    expect(summary).to_be_focused()  # the NHS.UK script moves focus to the summary, so it is read out first
    expect(page.get_by_label("Username")).to_have_value("asha.patel")
    expect(page.get_by_label("Password")).to_have_value("")
    assert_accessible(page)

    # The summary's link takes the user to the field to correct.
    summary.get_by_role("link").click()
    expect(page.get_by_label("Username")).to_be_focused()


def test_an_empty_form_points_to_each_missing_field(page, db):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page).to_have_title("Error: Sign in – Alongside")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_have_attribute("href", "#id_login")
    expect(links.nth(1)).to_have_attribute("href", "#id_password")
    expect(page.locator("#id_login-error")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_attribute("aria-describedby", "id_login-error")
    assert_accessible(page)
    links.nth(1).click()
    expect(page.get_by_label("Password")).to_be_focused()


def test_an_empty_form_says_what_to_enter(page, db):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".nhsuk-error-summary").get_by_role("link")).to_have_text(
        ["Enter your username", "Enter your password"], timeout=1000
    )
