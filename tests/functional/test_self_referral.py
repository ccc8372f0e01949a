"""Journey 11: on a phone, without an account, someone asks for support for themselves through /refer/.

They skip the questions for family and carers, which are clearly headed as such. One mistake brings the error
summary, which leads to the field; everything else typed is still there. Once sent, the confirmation gives a
reference, when we aim to read it, and what to do if things get worse. The form, its error state and the
confirmation are axe-clean and fit a 375px and a 320px screen.
"""

import re

import pytest
from playwright.sync_api import expect

from alongside.core.models import Message
from alongside.referrals.models import Channel, Referral, Source

from .browser import URL, assert_accessible, expect_error_summary
from .test_small_screen import assert_fits

PHONE = {"width": 375, "height": 740}
SMALLEST = {"width": 320, "height": 640}
WHAT_IS_HAPPENING = "I had a fall last month. I am managing, but I am lonely and I struggle with the stairs."


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()


def question(page, legend):
    """A radios question, by its legend."""
    return page.get_by_role("group", name=legend)


def test_someone_refers_themselves_from_a_phone(phone, db):
    page = phone
    page.goto("/")  # signed out: the sign-in page, whose footer leads to the form
    page.get_by_role("contentinfo").get_by_role("link", name="Ask for support").click()
    expect(page).to_have_url(URL("/refer/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for support for yourself or someone you care for")
    expect(page.get_by_role("main")).to_contain_text("This form is not for emergencies.")
    assert_fits(page)
    assert_accessible(page)

    page.get_by_label("Myself").check()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Day", exact=True).fill("12")
    page.get_by_label("Month", exact=True).fill("3")
    page.get_by_label("Year", exact=True).fill("1941")
    page.get_by_label("Postcode").fill("NV1")  # the mistake: half a postcode
    page.get_by_label("What is happening, and why would you like help?").fill(WHAT_IS_HAPPENING)
    question(page, "How soon is help needed?").get_by_label("In the next few days").check()
    page.get_by_label("Email address", exact=True).fill("ada@example.com")
    page.get_by_role("button", name="Send referral").click()

    # One message, leading to the postcode; nothing else is lost.
    expect_error_summary(page, "Enter a real postcode, like NV1 2AB")
    expect(page.locator("#id_postcode-error")).to_contain_text("Enter a real postcode, like NV1 2AB")
    expect(page.get_by_label("Myself")).to_be_checked()
    expect(page.get_by_label("First name")).to_have_value("Ada")
    expect(page.get_by_label("Day", exact=True)).to_have_value("12")
    expect(page.get_by_label("What is happening, and why would you like help?")).to_have_value(WHAT_IS_HAPPENING)
    expect(question(page, "How soon is help needed?").get_by_label("In the next few days")).to_be_checked()
    expect(page.get_by_label("Email address", exact=True)).to_have_value("ada@example.com")
    assert not Referral.objects.exists()
    assert_fits(page)
    assert_accessible(page)

    page.locator(".nhsuk-error-summary").get_by_role("link").click()
    expect(page.get_by_label("Postcode")).to_be_focused()
    page.get_by_label("Postcode").fill("NV1 2AB")
    page.get_by_role("button", name="Send referral").click()

    # The confirmation: a reference, when we aim to read it, and what to do meanwhile.
    expect(page).to_have_url(URL("/refer/sent/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")
    referral = Referral.objects.get()
    panel = page.locator(".nhsuk-panel")
    expect(panel).to_contain_text("Your reference is")
    expect(panel.locator("strong")).to_have_text(f"R{referral.pk:06d}")
    main = page.get_by_role("main")
    expect(main).to_contain_text("We aim to do this within 2 days.")
    expect(main).to_contain_text("If things get worse while you wait, contact your GP surgery or call 111.")
    assert (referral.channel, referral.source, referral.given_name) == (Channel.PUBLIC, Source.SELF, "Ada")
    assert Message.objects.filter(to="ada@example.com", reference=f"referral-{referral.pk}-received").exists()
    assert_fits(page)
    assert_accessible(page)

    # The smallest screen WCAG's reflow asks for: the confirmation, then the form with its errors, still fit.
    page.set_viewport_size(SMALLEST)
    assert_fits(page)
    page.get_by_role("link", name="Make another referral").click()
    expect(page).to_have_url(URL("/refer/"))
    expect(page.get_by_label("First name")).to_have_value("")  # a new form
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert re.match(r"^Error: ", page.title())
    assert_fits(page)
    assert_accessible(page)
    assert Referral.objects.count() == 1
