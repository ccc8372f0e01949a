"""Journey 11: without an account, someone asks for help through /refer/, one question a page, on a desktop and on
a phone.

The start page names the service in words the public understand and says what to have ready. Each page asks one
thing; a mistake brings the error summary, which leads to the field, and nothing typed is lost. Going back (with
the back link or the browser's button) shows the answers given. The check page lists every answer with a link to
change it, and after a change comes back to the check page with the rest kept. Sending gives a reference, when we
aim to read it and what to do if things get worse. Sending twice makes one referral. Every page is axe-clean and
fits the screen.

Set SHOTS_DIR to keep a screenshot of each page.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from alongside.core.models import Message
from alongside.referrals.models import Channel, Referral, Source

from .browser import URL, assert_accessible, expect_error_summary
from .test_small_screen import assert_fits

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SMALLEST = {"width": 320, "height": 640}
SERVICE = "Get help from your neighbourhood health and care team"
WHAT_IS_HAPPENING = "I had a fall last month. I am managing, but I am lonely and I struggle with the stairs."


@pytest.fixture(params=["desktop", "phone"])
def screen(request, new_context):
    if request.param == "phone":
        context = new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    else:
        context = new_context(viewport=DESKTOP)
    page = context.new_page()
    page.shots = (request.param, [0])
    return page


def looks_right(page, heading: str, shot: str) -> None:
    """The page's h1, its title starting with it, the public name in the header, axe-clean, fitting the screen."""
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page).to_have_title(re.compile(rf"^(Error: )?{re.escape(heading)}"))
    expect(page.locator(".nhsuk-header")).to_contain_text(SERVICE)
    expect(page.locator(".nhsuk-header")).not_to_contain_text("Alongside")
    assert_fits(page)
    assert_accessible(page)
    if folder := os.environ.get("SHOTS_DIR"):
        width, count = page.shots
        count[0] += 1
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{width}-{count[0]:02d}-{shot}.png", full_page=True)


def question(page, legend):
    """A radios question, by its legend."""
    return page.get_by_role("group", name=legend)


def proceed(page):
    page.get_by_role("button", name="Continue").click()


def test_someone_asks_for_help_for_themselves(screen, db):
    page = screen
    page.goto("/")  # signed out: the sign-in page, whose footer leads to the form
    page.get_by_role("contentinfo").get_by_role("link", name="Ask for support").click()
    expect(page).to_have_url(URL("/refer/"))
    looks_right(page, SERVICE, "start")
    expect(page.get_by_role("main")).to_contain_text("This is not for emergencies.")
    expect(page.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")

    page.get_by_role("main").get_by_role("link", name="How we use your information").click()
    looks_right(page, "How we use your information", "privacy")
    page.get_by_role("link", name="Back").click()
    page.get_by_role("button", name="Start now").click()

    # Who needs help: nothing chosen until they choose.
    expect(page).to_have_url(URL("/refer/who/"))
    expect(page.get_by_label("Me", exact=True)).not_to_be_checked()
    proceed(page)
    expect_error_summary(page, "Select who needs help")
    looks_right(page, "Who needs help?", "who-error")
    page.get_by_label("Me", exact=True).check()
    proceed(page)

    # About you: one mistake, found, and nothing else lost.
    looks_right(page, "About you", "about")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Day", exact=True).fill("12")
    page.get_by_label("Month", exact=True).fill("3")
    page.get_by_label("Year", exact=True).fill("1941")
    page.get_by_label("House number and street (optional)").fill("4 Mill Lane")
    page.get_by_label("Postcode").fill("NV1")  # the mistake: half a postcode
    proceed(page)
    expect_error_summary(page, "Enter a real postcode, like NV1 2AB")
    expect(page.locator("#id_postcode-error")).to_contain_text("Enter a real postcode, like NV1 2AB")
    expect(page.get_by_label("First name")).to_have_value("Ada")
    expect(page.get_by_label("Day", exact=True)).to_have_value("12")
    looks_right(page, "About you", "about-error")
    page.locator(".nhsuk-error-summary").get_by_role("link").click()
    expect(page.get_by_label("Postcode")).to_be_focused()
    page.get_by_label("Postcode").fill("NV1 2AB")
    proceed(page)

    looks_right(page, "What is happening?", "happening")
    page.get_by_label("What has changed, and what help would you like?").fill(WHAT_IS_HAPPENING)
    proceed(page)

    looks_right(page, "How soon do you need help?", "how-soon")
    expect(page.get_by_role("main")).to_contain_text("This is not for emergencies.")
    page.get_by_label("In the next few days").check()
    proceed(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How should we tell you what we decide?")

    # Going back with the browser's own button keeps what was chosen, and so does the back link.
    page.go_back()
    expect(page.get_by_label("In the next few days")).to_be_checked()
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_label("What has changed, and what help would you like?")).to_have_value(WHAT_IS_HAPPENING)
    proceed(page)
    proceed(page)

    looks_right(page, "How should we tell you what we decide?", "tell")
    page.get_by_label("By email").check()
    proceed(page)

    looks_right(page, "Your contact details", "contact")
    page.get_by_label("Email address").fill("ada@example.com")
    phone = page.get_by_label("Phone number (optional)")
    expect(phone).to_have_attribute("type", "tel")
    phone.fill("01632 960123")
    proceed(page)

    # Check your answers; change one, and come back with everything else kept.
    expect(page).to_have_url(URL("/refer/check/"))
    looks_right(page, "Check your answers before sending", "check")
    answers = page.get_by_role("main")
    for shown in ["Ada Okafor", "12 March 1941", "4 Mill Lane", "NV1 2AB", WHAT_IS_HAPPENING, "ada@example.com"]:
        expect(answers).to_contain_text(shown)
    page.get_by_role("link", name="Change name").click()
    expect(page).to_have_url(URL("/refer/about/?change=1"))
    expect(page.get_by_label("Postcode")).to_have_value("NV1 2AB")
    page.get_by_label("First name").fill("Adaeze")
    proceed(page)
    expect(page).to_have_url(URL("/refer/check/"))
    expect(answers).to_contain_text("Adaeze Okafor")
    expect(answers).to_contain_text(WHAT_IS_HAPPENING)
    assert not Referral.objects.exists()

    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(URL("/refer/sent/"))
    looks_right(page, "Request sent", "sent")
    referral = Referral.objects.get()
    expect(page.locator(".nhsuk-panel strong")).to_have_text(f"R{referral.pk:06d}")
    main = page.get_by_role("main")
    expect(main).to_contain_text("We aim to do this within 2 days.")
    expect(main).to_contain_text("If things get worse while you wait, contact your GP surgery or call 111.")
    assert (referral.channel, referral.source, referral.given_name) == (Channel.PUBLIC, Source.SELF, "Adaeze")
    assert Message.objects.filter(to="ada@example.com", reference=f"referral-{referral.pk}-received").exists()

    # Back from the "sent" page: the same reference, still one referral.
    page.go_back()
    expect(page).to_have_url(URL("/refer/sent/"))
    expect(page.locator(".nhsuk-panel strong")).to_have_text(f"R{referral.pk:06d}")
    assert Referral.objects.count() == 1


def test_someone_asks_for_help_for_their_mother(screen, db):
    page = screen
    page.goto("/refer/who/")
    page.get_by_label("Someone else").check()
    proceed(page)

    looks_right(page, "About you", "your-details")
    page.get_by_label("Your full name").fill("Grace Okafor")
    page.get_by_label("How do you know them?").fill("Daughter")
    proceed(page)

    looks_right(page, "About the person who needs help", "about-them")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Day", exact=True).fill("12")
    page.get_by_label("Month", exact=True).fill("3")
    page.get_by_label("Year", exact=True).fill("1941")
    page.get_by_label("Postcode").fill("NV1 2AB")
    proceed(page)

    looks_right(page, "How can we contact them?", "their-contact")
    page.get_by_label("Their phone number (optional)").fill("01632 960123")
    proceed(page)

    page.get_by_label("What has changed, and what help would they like?").fill("Mum is not eating since Dad died.")
    proceed(page)
    looks_right(page, "How soon do they need help?", "how-soon-them")
    page.get_by_label("In the next few weeks").check()
    proceed(page)

    looks_right(page, "Do they agree to this?", "agreement")
    agrees = question(page, "Do they know you are asking for help for them, and do they agree?")
    expect(agrees.get_by_label("Yes")).not_to_be_checked()
    agrees.get_by_label("Yes").check()
    proceed(page)
    expect_error_summary(page, "Select yes if they are happy for us to tell you who will look after them")
    expect(agrees.get_by_label("Yes")).to_be_checked()
    looks_right(page, "Do they agree to this?", "agreement-error")
    question(page, "Are they happy for us to tell you who will look after them?").get_by_label("No").check()
    proceed(page)

    page.get_by_label("By text message").check()
    proceed(page)
    looks_right(page, "Your contact details", "contact-text")
    expect(page.get_by_label("Email address (optional)")).to_have_count(0)
    page.get_by_label("Mobile phone number").fill("07700 900123")
    proceed(page)

    looks_right(page, "Check your answers before sending", "check-them")
    about_them = page.locator("h2:text-is('About the person who needs help') + .nhsuk-summary-list")
    expect(about_them).to_contain_text("Ada Okafor")
    expect(about_them).to_contain_text("01632 960123")
    expect(page.locator("h2:text-is('About you') + .nhsuk-summary-list")).to_contain_text("Grace Okafor")
    page.get_by_role("main").get_by_role("link", name="how we use your information").click()
    looks_right(page, "How we use your information", "privacy-from-check")
    page.get_by_role("link", name="Back").click()
    expect(page).to_have_url(URL("/refer/check/"))

    # A double click on "Send request" sends one referral.
    page.get_by_role("button", name="Send request").dblclick()
    expect(page).to_have_url(URL("/refer/sent/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")
    referral = Referral.objects.get()
    expect(page.locator(".nhsuk-panel strong")).to_have_text(f"R{referral.pk:06d}")
    assert (referral.source, referral.referrer_name, referral.referrer_phone) == (
        Source.FAMILY_CARER,
        "Grace Okafor",
        "07700 900123",
    )
    assert (referral.person_agrees, referral.share_named_worker) == (True, False)

    # A new request starts empty. When the session has ended, a page reached without answers explains kindly.
    page.get_by_role("link", name="Ask for help for someone else").click()
    expect(page).to_have_url(URL("/refer/"))
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_label("Someone else")).not_to_be_checked()
    page.context.clear_cookies()
    page.goto("/refer/contact/")
    looks_right(page, "Sorry, you need to start again", "expired")
    page.get_by_role("button", name="Start again").click()
    expect(page).to_have_url(URL("/refer/who/"))
    expect(page.get_by_label("Someone else")).not_to_be_checked()
    page.set_viewport_size(SMALLEST)  # the smallest screen WCAG's reflow asks for
    assert_fits(page)
    assert Referral.objects.count() == 1
