"""Journey: the safeguards around signing in, as the browser sees them.

The browser understands the Permissions-Policy; a forgotten password leads to plain help; someone left idle
is signed out and told why, on an accessible page.
"""

import time

from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from alongside.core.middleware import LAST_SEEN

from .browser import URL, assert_accessible, expect_home, sign_in


def test_the_browser_refuses_unused_features_and_allows_passkeys(page, db):
    warnings = []
    page.on("console", lambda message: warnings.append(message.text))
    page.goto("/accounts/login/")
    allowed = page.evaluate(
        "['camera', 'microphone', 'geolocation', 'payment', 'usb', 'publickey-credentials-get',"
        " 'publickey-credentials-create'].map(f => document.featurePolicy.allowsFeature(f))"
    )
    assert allowed == [False, False, False, False, False, True, True]
    assert not [text for text in warnings if "Permissions-Policy" in text], warnings


def test_a_forgotten_password_leads_to_plain_help(page, db):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page).to_have_url(URL("/accounts/password/reset/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("If you have forgotten your password")
    expect(page.get_by_role("main")).to_contain_text("IT service desk or your team leader")
    assert_accessible(page)
    page.get_by_role("link", name="Go back to sign in").click()
    expect(page).to_have_url(URL("/accounts/login/"))


def test_someone_left_idle_is_signed_out_and_told_why(page, staff):
    user, secret = staff("clinician")
    sign_in(page, user, secret)
    expect_home(page)
    # More than half an hour passes with nothing done.
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[LAST_SEEN] = int(time.time()) - 32 * 60
    session.save()

    page.goto("/people/")
    expect(page).to_have_url(URL("/accounts/login/?next=/people/"))
    expect(page.get_by_role("main")).to_contain_text(
        "You were signed out because you had not used Alongside for 30 minutes"
    )
    assert_accessible(page)
