"""Journey: a plan is written with the person.

Sam, Devon's named worker, writes Devon's care and support plan with him on a desktop: what matters to Devon shows
from his story and is not asked again; his strengths come first; a goal in his words with small steps, who helps
and by when; what he wants from services; a review date and the day they agreed it. A mistake is explained and
nothing typed is lost; Sam checks the answers, then saves. Devon, on his phone, reads his plan spoken to as "you",
sees which words are his and which are staff's, changes his goal in his own words, and the earlier version stays
readable. Each page passes the axe check at both widths.
"""

from django.utils import timezone
from playwright.sync_api import expect

from alongside.people.models import StoryVersion
from alongside.people.tests.factories import make_named_worker, write_story

from .browser import URL, assert_accessible, expect_error_summary, expect_success, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def test_a_plan_is_written_with_the_person(page, new_context, staff, person_user):
    devon = person_user.person
    devon.given_name, devon.family_name = "Devon", "Hart"
    devon.save()
    today = timezone.localdate()
    sam, secret = staff("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, sam)
    write_story(devon, person_user, "My dog Bramble, and walking by the sea", part=StoryVersion.Part.WHAT_MATTERS)
    plan = f"/plans/people/{devon.pk}/"

    # Sam, on a desktop, writes the plan with Devon.
    staff_page = new_context(viewport=DESKTOP).new_page()
    sign_in(staff_page, sam, secret)
    staff_page.goto(f"/people/{devon.pk}/")
    main = staff_page.get_by_role("main")
    expect(main.locator("#plan")).to_contain_text("No plan yet")
    main.get_by_role("link", name="Write the plan").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Write the plan")
    expect(main).to_contain_text("My dog Bramble, and walking by the sea")
    expect(staff_page.get_by_role("radio", checked=True)).to_have_count(0)  # nothing pre-ticked
    assert_accessible(staff_page)

    staff_page.get_by_label("What Devon is good at").fill("I can fix any bike, and I am patient with people")
    staff_page.get_by_label("Goal 1, in Devon's own words").fill("I want to help at the bike workshop")
    staff_page.get_by_label("Small steps").first.fill("Ring the workshop. Go for one hour on a Tuesday.")
    staff_page.get_by_label("Who helps").first.fill("Sam, and my brother Lee")
    staff_page.get_by_label("By when").first.fill("By the spring")
    staff_page.get_by_label("What Devon wants from services").fill("Someone who knows me, not a new face each time")
    staff_page.locator("#id_review_day").fill("31")
    staff_page.locator("#id_review_month").fill("2")
    staff_page.locator("#id_review_year").fill("2027")
    staff_page.get_by_role("button", name="Continue").click()
    expect_error_summary(
        staff_page,
        "The review date must be a real date, for example 27 3 2027",
        "Select whose words these are: Devon's or yours",
    )
    expect(staff_page.get_by_label("Who helps").first).to_have_value("Sam, and my brother Lee")
    assert_accessible(staff_page)

    staff_page.locator("#id_review_day").fill("1")
    staff_page.locator("#id_review_month").fill("3")
    staff_page.locator("#id_agreed_day").fill(str(today.day))
    staff_page.locator("#id_agreed_month").fill(str(today.month))
    staff_page.locator("#id_agreed_year").fill(str(today.year))
    staff_page.get_by_label("Devon's own words, written down with them").check()
    staff_page.get_by_role("button", name="Continue").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Check your answers before saving the plan")
    expect(staff_page.get_by_role("main")).to_contain_text("By when: By the spring")
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Save the plan").click()
    expect(staff_page).to_have_url(URL(plan))
    expect_success(staff_page, "Plan saved")
    expect(staff_page.get_by_role("main")).to_contain_text("In Devon's own words")
    expect(staff_page.get_by_role("main")).to_contain_text("1 March 2027")
    assert_accessible(staff_page)

    # Devon, on his phone, reads his plan and changes his goal in his own words.
    page.set_viewport_size(PHONE)
    sign_in(page, person_user)
    page.goto(f"/people/{devon.pk}/")
    mine = page.get_by_role("main").locator("#plan")
    expect(mine).to_contain_text("Your care and support plan")
    expect(mine).to_contain_text("I want to help at the bike workshop (in your own words)")
    assert_accessible(page)
    mine.get_by_role("link", name="See the whole plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your care and support plan")
    expect(page.get_by_role("main")).to_contain_text("What matters to you")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Update your plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Update your plan")
    expect(page.locator("#id_review_day")).to_have_count(0)  # the review date is staff's to set
    assert_accessible(page)
    page.get_by_label("Goal 1, in your own words").fill("I want to run the bike workshop on Tuesdays")
    page.get_by_label("Why are you changing it?").fill("I feel ready for more")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    assert_accessible(page)
    page.get_by_role("button", name="Save the plan").click()
    expect(page).to_have_url(URL(plan))
    main = page.get_by_role("main")
    expect(main).to_contain_text("I want to run the bike workshop on Tuesdays")
    expect(main).to_contain_text("Agreed with you on")
    main.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your plan, version 1")
    expect(page.get_by_role("main")).to_contain_text("I want to help at the bike workshop")
    assert_accessible(page)
