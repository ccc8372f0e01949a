"""Journey 10: break-glass, from the request to information governance's review.

A clinician with no relationship to a person cannot open their record. Through break-glass, with the person's
NHS number and date of birth (either wrong gives one and the same message, which never tells which), a reason
code and a few words, they open it for a while, and the page says so. An IG reviewer in the same organisation
finds the alert on their home page, opens the review queue, reviews the use with an outcome and a note, and
the queue then shows it as reviewed.
"""

import re
from datetime import date

from playwright.sync_api import expect

from alongside.breakglass.forms import NO_MATCH
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.tests.factories import EntryFactory, PersonFactory, StoryFactory

from .browser import URL, assert_accessible, expect_error_summary, expect_not_found, expect_success, sign_in

REASON = "Emergency: the person may be at risk of harm"
WHAT_IS_HAPPENING = "Her daughter phoned: Ada has fallen at home and her named worker is on leave today."
ONE_READ = re.compile(r"Record reads\s+1\s*$")  # Sam looked at the record once, when it opened
ALERT = f"Sam Okoro used break-glass to open a record: {REASON}"


def ask_for_the_record(page, nhs_number, day, month, year):
    page.get_by_label("NHS number").fill(nhs_number)
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)
    page.get_by_role("button", name="Open the record").click()


def card(main, heading):
    """An NHS.UK card on the home page, by its heading."""
    return main.locator(".nhsuk-card").filter(has=main.page.get_by_role("heading", name=heading, exact=True))


def test_break_glass_from_request_to_review(page, new_context, staff):
    organisation = OrganisationFactory(name="Northvale Community Health")
    sam, sam_secret = staff(
        "clinician",
        team=TeamFactory(name="Hillcrest Team", organisation=organisation),
        first_name="Sam",
        last_name="Okoro",
    )
    iris, iris_secret = staff(
        "ig_reviewer",
        team=TeamFactory(name="Information Governance", organisation=organisation),
        first_name="Iris",
        last_name="Gale",
    )
    ada = PersonFactory(given_name="Ada", family_name="Okafor", nhs_number="9990000018", birth_date=date(1948, 3, 15))
    StoryFactory(person=ada, text="I drove the number 12 bus for thirty years.")
    EntryFactory(person=ada, text="Falls risk: uses a frame indoors.")

    # Without a relationship, Sam cannot open Ada's record.
    sign_in(page, sam, sam_secret)
    expect_not_found(page, page.goto(f"/people/{ada.pk}/"))
    assert_accessible(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Break-glass").click()
    expect(page).to_have_url(URL("/break-glass/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Open a record you do not usually see")
    expect(page.get_by_role("main")).to_contain_text("It opens one person's whole record to you for 12 hours.")
    assert_accessible(page)

    # A wrong date of birth, then a wrong NHS number: the same message, and what was typed is kept.
    page.get_by_label(REASON).check()
    page.get_by_label("Tell us what is happening").fill(WHAT_IS_HAPPENING)
    ask_for_the_record(page, "999 000 0018", "16", "3", "1948")
    expect_error_summary(page, NO_MATCH)
    expect(page.locator("#id_nhs_number-error")).to_contain_text(NO_MATCH)
    expect(page.get_by_label("Day")).to_have_value("16")
    expect(page.get_by_label(REASON)).to_be_checked()
    expect(page.get_by_label("Tell us what is happening")).to_have_value(WHAT_IS_HAPPENING)
    wrong_birth_date = page.locator(".nhsuk-error-summary").inner_text()
    assert_accessible(page)
    ask_for_the_record(page, "999 000 0026", "15", "3", "1948")
    expect_error_summary(page, NO_MATCH)
    assert page.locator(".nhsuk-error-summary").inner_text() == wrong_birth_date
    assert_accessible(page)

    # Both right: the record opens, and says how Sam is seeing it.
    ask_for_the_record(page, "999 000 0018", "15", "3", "1948")
    expect(page).to_have_url(URL(f"/people/{ada.pk}/"))
    expect_success(
        page,
        re.compile(
            r"You can see this record until \d\d:\d\d on \d+ \w+\. "
            r"Information governance will review your use of break-glass\."
        ),
    )
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Ada Okafor")
    expect(heading.locator(".nhsuk-caption-l")).to_have_text("Break-glass access")
    expect(page.locator(".nhsuk-inset-text")).to_contain_text(
        "You are seeing this record through break-glass. "
        "Your access is recorded and will be reviewed by information governance."
    )
    expect(page.get_by_role("main")).to_contain_text("I drove the number 12 bus for thirty years.")
    expect(page.get_by_role("main")).to_contain_text("Falls risk: uses a frame indoors.")
    assert_accessible(page)

    # The IG reviewer, on their own device, has an alert on their home page.
    iris_page = new_context().new_page()
    sign_in(iris_page, iris, iris_secret)
    main = iris_page.get_by_role("main")
    expect(main.get_by_role("heading", name="Information governance", exact=True)).to_be_visible()
    expect(card(main, "Break-glass reviews")).to_contain_text("1 use of break-glass awaiting review")
    expect(main.get_by_role("heading", name="Unread alerts")).to_be_visible()
    expect(main.get_by_role("link", name=ALERT)).to_be_visible()
    assert_accessible(iris_page)

    # The review queue: Sam's use waits for review.
    card(main, "Break-glass reviews").get_by_role("link").click()
    expect(iris_page).to_have_url(URL("/break-glass/reviews/"))
    expect(iris_page.get_by_role("heading", level=1)).to_have_text("Break-glass reviews")
    expect(main.get_by_role("heading", name="Awaiting review (1)")).to_be_visible()
    awaiting = main.get_by_role("table", name="Break-glass uses awaiting review, oldest first")
    expect(awaiting.get_by_role("row").nth(1).get_by_role("cell")).to_contain_text(
        [re.compile(r"\d+ \w+ \d{4}, \d\d:\d\d"), "Sam Okoro", "Ada Okafor", REASON, "Still open", ONE_READ]
    )
    expect(main).to_contain_text("Nothing has been reviewed yet.")
    assert_accessible(iris_page)

    # The review: what Sam said and did, and Iris's outcome and note.
    awaiting.get_by_role("link", name="review Sam Okoro's use of break-glass").click()
    expect(iris_page.get_by_role("heading", level=1)).to_have_text(
        "Break-glass reviewSam Okoro opened Ada Okafor's record"
    )
    summary = main.locator(".nhsuk-summary-list").first
    expect(summary).to_contain_text(REASON)
    expect(summary).to_contain_text(WHAT_IS_HAPPENING)
    expect(main.get_by_role("list").filter(has_text="Looked at the person's record")).to_contain_text(
        "Opened the person's record in an emergency"
    )
    assert_accessible(iris_page)
    iris_page.get_by_role("button", name="Save review").click()
    expect_error_summary(
        iris_page,
        "Select whether this use of break-glass was appropriate",
        "Write a note about your review, even a short one",
    )
    assert_accessible(iris_page)
    iris_page.get_by_label("Appropriate", exact=True).check()
    iris_page.get_by_label("Review note").fill(
        "Checked with the team leader: Ada had fallen and was seen the same day."
    )
    iris_page.get_by_role("button", name="Save review").click()

    # Back in the queue, it is reviewed.
    expect(iris_page).to_have_url(URL("/break-glass/reviews/"))
    expect_success(iris_page, "Review saved")
    expect(main.get_by_role("heading", name="Awaiting review (0)")).to_be_visible()
    expect(main).to_contain_text("Nothing is waiting for review.")
    reviewed = main.get_by_role("table", name="Break-glass uses already reviewed, most recently reviewed first")
    expect(reviewed.get_by_role("row").nth(1).get_by_role("cell")).to_contain_text(
        [
            re.compile(r"\d+ \w+ \d{4}, \d\d:\d\d"),
            "Sam Okoro",
            "Ada Okafor",
            ONE_READ,
            "Appropriate",
            re.compile(r"\d+ \w+ \d{4}, \d\d:\d\d by Iris Gale"),
        ]
    )
    assert_accessible(iris_page)

    # The review is kept, and the alert is dealt with.
    reviewed.get_by_role("link", name="Sam Okoro's use of break-glass").click()
    expect(main.get_by_role("button", name="Save review")).to_have_count(0)
    expect(main.locator(".nhsuk-summary-list").last).to_contain_text("Appropriate")
    expect(main.locator(".nhsuk-summary-list").last).to_contain_text("Ada had fallen and was seen the same day.")
    assert_accessible(iris_page)
    iris_page.get_by_role("navigation", name="Menu").get_by_role("link", name="Home").click()
    expect(card(main, "Break-glass reviews")).to_contain_text("0 uses of break-glass awaiting review")
    expect(main).to_contain_text("You have no unread alerts.")
    assert_accessible(iris_page)
