"""Journey: reviews on the virtual ward, with NEWS2 and the escalation prompt.

Sam, a nurse on the ward's team, records a review of Ada with normal observations on a desktop: the form asks in
plain words with nothing ticked, the check page shows each reading's score and NEWS2 0, and the review is saved.
Later Ada's breathing is fast, her pulse high and she is on oxygen: NEWS2 7. The check page prompts an emergency
response (999) and will not save until Sam says what he did. The reviews page's trend chart shows both. On his
phone he reads the reviews and gets a specific message for a breathing rate out of range. Ada reads her own checks
in plain words. Every page passes the axe check at both widths.
"""

from playwright.sync_api import expect

from alongside.virtual_ward.models import Review
from alongside.virtual_ward.tests.factories import EpisodeFactory, WardFactory

from .browser import DESKTOP, PHONE, URL, assert_accessible, expect_error_summary, expect_success, shot, sign_in


def fill(page, readings: dict, oxygen: str, alertness: str) -> None:
    for label, value in readings.items():
        page.get_by_label(label).fill(value)
    page.get_by_label(oxygen, exact=True).check()
    page.get_by_label(alertness).check()


NORMAL = {
    "Breathing rate (breaths a minute)": "16",
    "Oxygen saturation (%)": "97",
    "Systolic blood pressure (mmHg)": "128",
    "Pulse (beats a minute)": "72",
    "Temperature (°C)": "36.8",
}


def test_a_nurse_records_reviews_and_is_prompted_to_escalate(page, new_context, staff, person_user):
    ward = WardFactory(name="Riverside virtual ward")
    ward.team.phone = "0161 496 0000"
    ward.team.save()
    sam, secret = staff("clinician", team=ward.team, first_name="Sam", last_name="Patel")
    ada = person_user.person
    episode = EpisodeFactory(referral__ward=ward, referral__person=ada, ward=ward, person=ada)
    reviews = f"/virtual-ward/episodes/{episode.pk}/reviews/"

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, sam, secret)
    desk.goto(reviews)
    expect(desk.get_by_role("heading", level=1)).to_have_text("Reviews of Mabel Okafor")
    expect(desk.locator("#no-reviews")).to_be_visible()
    assert_accessible(desk)
    desk.get_by_role("button", name="Record a review").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Record a review of Mabel Okafor")
    expect(desk.get_by_role("checkbox", checked=True)).to_have_count(0)  # nothing pre-ticked
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)
    assert_accessible(desk)
    shot(desk, "review-new", 1280)

    fill(desk, NORMAL, "Air", "Alert: awake and talking as usual")
    desk.get_by_label("Notes (optional)").fill("Chest sounds clearer today")
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check the review of Mabel Okafor")
    expect(desk.locator("#news2-total")).to_have_text("0")
    expect(desk.get_by_role("main")).to_contain_text("Low: carry on with the usual checks")
    expect(desk.locator("#escalation")).to_have_count(0)
    assert_accessible(desk)
    shot(desk, "review-check", 1280)
    desk.get_by_role("button", name="Save the review").click()
    expect(desk).to_have_url(URL(reviews))
    expect_success(desk, "Review saved")

    # Later: breathing 25 (3), pulse 115 (2), on oxygen (2): NEWS2 7.
    desk.get_by_role("button", name="Record a review").click()
    seven = {**NORMAL, "Breathing rate (breaths a minute)": "25", "Pulse (beats a minute)": "115"}
    fill(desk, seven, "Extra oxygen", "Alert: awake and talking as usual")
    desk.get_by_role("button", name="Continue").click()
    expect(desk.locator("#news2-total")).to_have_text("7")
    prompt = desk.locator("#escalation")
    expect(prompt).to_contain_text("Emergency response now")
    expect(prompt.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    expect(prompt).to_contain_text("Call 999 now.")
    expect(prompt.get_by_role("link", name="0161 496 0000")).to_have_attribute("href", "tel:+44-161-496-0000")
    assert_accessible(desk)
    shot(desk, "review-emergency", 1280)
    desk.get_by_role("button", name="Save the review").click()
    expect_error_summary(desk, "Say what you did about this score: who you called and what they said")
    assert not Review.objects.filter(news2=7).exists()
    assert_accessible(desk)
    desk.get_by_label("What did you do?").fill("Called 999 at 14:10, ambulance on its way; told the ward doctor")
    desk.get_by_role("button", name="Save the review").click()
    expect(desk).to_have_url(URL(reviews))
    expect_success(desk, "Review saved")
    expect(desk.locator(".app-trend__point")).to_have_count(2)
    expect(desk.get_by_role("main")).to_contain_text("High: they need an emergency response now")
    assert list(Review.objects.order_by("at").values_list("news2", flat=True)) == [0, 7]
    assert_accessible(desk)
    shot(desk, "reviews", 1280)

    signed_in = desk.context.storage_state()  # the same nurse, already signed in (a code works only once)
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True, storage_state=signed_in).new_page()
    phone.goto(reviews)
    expect(phone.locator(".app-trend__point")).to_have_count(2)
    assert_accessible(phone)
    shot(phone, "reviews", 375)
    phone.get_by_role("button", name="Record a review").click()
    assert_accessible(phone)
    shot(phone, "review-new", 375)
    phone.get_by_label("Breathing rate (breaths a minute)").fill("2")
    phone.get_by_role("button", name="Continue").click()
    expect_error_summary(phone, "Enter a breathing rate between 3 and 70 breaths a minute")
    expect(phone.get_by_label("Breathing rate (breaths a minute)")).to_have_value("2")
    assert_accessible(phone)
    shot(phone, "review-error", 375)
    fill(phone, seven, "Extra oxygen", "Alert: awake and talking as usual")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator("#escalation")).to_contain_text("Emergency response now")
    assert_accessible(phone)
    shot(phone, "review-emergency", 375)

    for viewport, width in ((DESKTOP, 1280), (PHONE, 375)):
        own = new_context(viewport=viewport).new_page()
        sign_in(own, person_user)
        own.goto(reviews)
        expect(own.get_by_role("heading", level=1)).to_have_text("Your checks on the virtual ward")
        expect(own.get_by_role("main")).not_to_contain_text("NEWS2")
        expect(own.get_by_role("main")).to_contain_text("The readings needed urgent help straight away")
        assert_accessible(own)
        shot(own, "reviews-own", width)
