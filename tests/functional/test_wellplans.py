"""Journey: a crisis plan is written with the person, and shows first on their page when they are in crisis.

Sam, Devon's named worker, writes Devon's joint crisis plan with him on a desktop: the signs, what helps and what
does not, who to call (a phone number that is wrong is explained, nothing typed is lost), his treatment
preferences. Sam checks the answers and saves; the plan prints on one page. Later Sam says Devon is in crisis now,
with a reason: the crisis plan comes first on Devon's page, above everything else. Devon, on his phone, sees his
own crisis plan at the top, spoken to as "you", with the numbers to call as links. Each page passes the axe check
at both widths.
"""

import os
import re

from playwright.sync_api import Page, expect

from alongside.people.tests.factories import make_named_worker

from .browser import URL, assert_accessible, expect_error_summary, expect_success, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")  # a folder to keep screenshots of each page in, when set


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_crisis_plan_is_written_and_shows_first_in_a_crisis(page, new_context, staff, person_user):
    devon = person_user.person
    devon.given_name, devon.family_name = "Devon", "Hart"
    devon.save()
    sam, secret = staff("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, sam)
    crisis_plan = f"/plans/people/{devon.pk}/crisis-plan/"

    # Sam, on a desktop, writes the crisis plan with Devon, from his plan page.
    staff_page = new_context(viewport=DESKTOP).new_page()
    sign_in(staff_page, sam, secret)
    staff_page.goto(f"/plans/people/{devon.pk}/")
    main = staff_page.get_by_role("main")
    expect(main).to_contain_text("Joint crisis plan: not written yet")
    main.get_by_role("link", name="Joint crisis plan").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Joint crisis plan")
    assert_accessible(staff_page)
    staff_page.get_by_role("main").get_by_role("link", name="Write the joint crisis plan").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Write the joint crisis plan")
    expect(staff_page.get_by_role("radio", checked=True)).to_have_count(0)  # nothing pre-ticked
    assert_accessible(staff_page)
    shot(staff_page, "form-1280")

    staff_page.get_by_label("Signs that Devon is in crisis").fill("I stop eating and I stop answering the door")
    staff_page.get_by_label("What helps Devon").fill("A calm voice. Sitting in the garden with my dog.")
    staff_page.get_by_label("What does not help Devon").fill("Lots of people asking questions at once")
    staff_page.get_by_label("Name").first.fill("Lee Hart")
    staff_page.get_by_label("Phone number").first.fill("call Lee")
    staff_page.get_by_label("Who they are, or when to call them").first.fill("my brother")
    staff_page.get_by_label("Devon's treatment preferences").fill("Home treatment first, not a ward if possible")
    staff_page.get_by_label("Practical things").fill("Lee has a key and will walk Bramble")
    staff_page.get_by_label("Devon's own words, written down with them").check()
    staff_page.get_by_role("button", name="Continue").click()
    expect_error_summary(staff_page, "Enter a UK phone number, like 07700 900123 or 01632 960123")
    expect(staff_page.get_by_label("Signs that Devon is in crisis")).to_have_value(
        "I stop eating and I stop answering the door"
    )
    assert_accessible(staff_page)
    staff_page.get_by_label("Phone number").first.fill("07700 900123")
    staff_page.get_by_role("button", name="Continue").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text(
        "Check your answers before saving the joint crisis plan"
    )
    expect(staff_page.get_by_role("main")).to_contain_text("Lee Hart: 07700 900123 (my brother)")
    assert_accessible(staff_page)
    shot(staff_page, "check-1280")
    staff_page.get_by_role("button", name="Save the joint crisis plan").click()
    expect(staff_page).to_have_url(URL(crisis_plan))
    expect_success(staff_page, "Joint crisis plan saved")
    main = staff_page.get_by_role("main")
    expect(main).to_contain_text("In Devon's own words")
    expect(main.get_by_role("link", name="07700 900123")).to_have_attribute("href", "tel:+44-7700-900123")
    assert_accessible(staff_page)
    shot(staff_page, "document-1280")

    # The printable page: on paper, only the plan, with Devon's name and the day.
    main.get_by_role("link", name="Print this page").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Joint crisis plan for Devon Hart")
    expect(staff_page.get_by_role("button", name="Print this page")).to_be_visible()  # the static script ran
    assert_accessible(staff_page)
    staff_page.emulate_media(media="print")
    expect(staff_page.locator("header.nhsuk-header")).to_be_hidden()
    expect(staff_page.locator(".nhsuk-back-link")).to_be_hidden()
    expect(staff_page.get_by_role("button", name="Print this page")).to_be_hidden()
    expect(staff_page.get_by_text("I stop eating and I stop answering the door")).to_be_visible()
    shot(staff_page, "print-media")
    pdf = staff_page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # one sheet of A4
    if SHOTS:
        with open(f"{SHOTS}/crisis-plan.pdf", "wb") as out:
            out.write(pdf)
    staff_page.emulate_media(media="screen")

    # Sam says Devon is in crisis now: the crisis plan comes first on his page.
    staff_page.goto(crisis_plan)
    staff_page.get_by_role("main").get_by_role("link", name="Say Devon is in crisis now").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Say Devon is in crisis now")
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Mark as in crisis now").click()
    expect_error_summary(staff_page, "Say why Devon is in crisis now")
    assert_accessible(staff_page)
    shot(staff_page, "crisis-flag-1280")
    staff_page.get_by_label("Why is Devon in crisis now?").fill("Has not eaten for three days, Lee is worried")
    staff_page.get_by_role("button", name="Mark as in crisis now").click()
    expect(staff_page).to_have_url(URL(f"/people/{devon.pk}/"))
    expect_success(staff_page, "Devon is marked as in crisis now")
    first = staff_page.get_by_role("main").locator("section").first
    expect(first).to_have_id("crisis")
    expect(first).to_contain_text("Devon is in crisis now")
    expect(first).to_contain_text("Has not eaten for three days")
    expect(first).to_contain_text("Home treatment first, not a ward if possible")
    assert_accessible(staff_page)
    shot(staff_page, "person-crisis-1280")

    # Devon, on his phone, sees his own crisis plan first, spoken to as "you".
    page.set_viewport_size(PHONE)
    sign_in(page, person_user)
    page.goto(f"/people/{devon.pk}/")
    first = page.get_by_role("main").locator("section").first
    expect(first).to_have_id("crisis")
    expect(first).to_contain_text("You are in crisis now")
    expect(first).to_contain_text("Your joint crisis plan")
    expect(first.get_by_role("link", name="07700 900123")).to_have_attribute("href", "tel:+44-7700-900123")
    assert_accessible(page)
    shot(page, "person-crisis-375")
    first.get_by_role("link", name="See the whole crisis plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your joint crisis plan")
    expect(page.get_by_role("main")).to_contain_text("You are in crisis now")
    expect(page.get_by_role("main").get_by_role("link", name="is no longer in crisis")).to_have_count(0)
    assert_accessible(page)
    shot(page, "document-375")
    page.get_by_role("main").get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your joint crisis plan, version 1")
    expect(page.get_by_role("main")).to_contain_text("I stop eating and I stop answering the door")
    assert_accessible(page)
    page.go_back()
    page.get_by_role("main").get_by_role("link", name="Print this page").click()
    assert_accessible(page)
    shot(page, "print-375")

    # Devon writes his own staying-well plan, on his phone.
    page.goto(f"/plans/people/{devon.pk}/")
    expect(page.get_by_role("main")).to_contain_text("Your staying-well plan: not written yet")
    page.get_by_role("main").get_by_role("link", name="Your staying-well plan").click()
    page.get_by_role("main").get_by_role("link", name="Write your staying-well plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Write your staying-well plan")
    expect(page.get_by_role("radio")).to_have_count(0)  # whose words: his own, from his own login
    assert_accessible(page)
    shot(page, "staying-well-form-375")
    page.get_by_label("What keeps you well each day").fill("Walking Bramble by the sea every morning")
    page.get_by_label("Early signs that you are becoming unwell").fill("I stop going out and I skip meals")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers before saving your")
    assert_accessible(page)
    page.get_by_role("button", name="Save your staying-well plan").click()
    expect_success(page, "Staying-well plan saved")
    expect(page.get_by_role("main")).to_contain_text("In your own words")
    assert_accessible(page)
    shot(page, "staying-well-375")

    # Sam ends it: the crisis plan no longer leads the page, and the history is kept.
    staff_page.goto(f"/people/{devon.pk}/")
    staff_page.locator("#crisis").get_by_role("link", name="Devon is no longer in crisis").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Devon is no longer in crisis")
    assert_accessible(staff_page)
    shot(staff_page, "crisis-end-1280")
    staff_page.get_by_label("Why is Devon no longer in crisis?").fill("Eating again, Lee is staying")
    staff_page.get_by_role("button", name="Save").click()
    expect(staff_page.locator("#crisis")).to_have_count(0)
    staff_page.goto(crisis_plan)
    expect(staff_page.get_by_role("main")).to_contain_text("Eating again, Lee is staying")
