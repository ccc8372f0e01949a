"""Journey 1: staff must set up a second way to sign in before they reach anything, and use it from then on."""

from playwright.sync_api import expect

from alongside.core.tests.factories import PASSWORD

from .browser import URL, assert_accessible, enter_code, expect_home, sign_in, sign_out, totp_code


def test_staff_without_a_second_factor_sets_up_an_authenticator_app(page, member):
    user = member("clinician", second_factor=False, first_name="Priya", last_name="Shah")

    sign_in(page, user)
    expect(page).to_have_url(URL("/second-factor/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a second way to sign in")
    assert_accessible(page)

    # Nothing else is open to them until they have one.
    page.goto("/")
    expect(page).to_have_url(URL("/second-factor/"))
    page.goto("/teams/mine/")
    expect(page).to_have_url(URL("/second-factor/"))

    page.get_by_role("button", name="Set up an authenticator app").click()
    expect(page).to_have_url(URL("/accounts/reauthenticate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(URL("/accounts/2fa/totp/activate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    assert len(secret) == 32
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()

    expect(page).to_have_url(URL("/accounts/2fa/recovery-codes/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    codes = page.get_by_label("Unused codes").input_value().split()
    assert len(codes) == 10
    assert_accessible(page)

    page.get_by_role("link", name="Home", exact=True).click()
    expect_home(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello, Priya")
    assert_accessible(page)

    # From now on signing in asks for the app's code.
    sign_out(page)
    expect(page).to_have_url(URL("/accounts/login/"))
    sign_in(page, user)
    enter_code(page, secret)
    expect_home(page)
    assert_accessible(page)


def test_a_wrong_code_is_refused(page, staff):
    user, secret = staff("social_worker")
    sign_in(page, user)
    page.get_by_label("Code").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="There is a problem")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Incorrect code")
    assert_accessible(page)
    # Still not signed in: the home page sends them back to the code step.
    page.goto("/")
    expect(page).to_have_url(URL("/accounts/2fa/authenticate/"))
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_the_passkey_choice_is_accessible_too(page, member):
    user = member("gp", second_factor=False)
    sign_in(page, user)
    page.get_by_role("button", name="Set up a passkey").click()
    expect(page).to_have_url(URL("/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(URL("/accounts/2fa/webauthn/add/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add Security Key")
    assert_accessible(page)
