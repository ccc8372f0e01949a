"""Journey 9: the person signs in, reads who has looked at their record and why, and makes a sharing choice.

Their named worker and their volunteer each open the record on their own devices (other browser contexts).
The person sees both in "Who has looked at my record", with the reason each could; the named worker's two looks
in one visit are one line ("Looked at your record twice"). They then choose not to
share their address and phone number with volunteers: the choice is listed, and the volunteer's very next
page no longer shows them.
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import RelationshipFactory

from .browser import URL, assert_accessible, expect_error_summary, expect_home, expect_success, sign_in

ADDRESS = "4 Elm Row, Northvale, NV1 2AB"
PHONE_NUMBER = "07700 900111"


def test_the_person_reads_who_has_looked_and_keeps_their_address_from_volunteers(page, new_context, staff, person_user):
    mabel = person_user.person
    mabel.address_line, mabel.town, mabel.phone = "4 Elm Row", "Northvale", PHONE_NUMBER
    mabel.shared_with_volunteers = "I like crosswords and a cup of tea."
    mabel.save()
    team = TeamFactory(name="Riverside Neighbourhood Team", organisation__name="Northvale Community Health")
    sam, sam_secret = staff("clinician", team=team, first_name="Sam", last_name="Okoro")
    priya, priya_secret = staff("volunteer", first_name="Priya", last_name="Shah")
    start = timezone.now() - timedelta(days=30)
    RelationshipFactory(person=mabel, user=sam, started_at=start)  # named worker
    RelationshipFactory(person=mabel, user=priya, kind=CareRelationship.Kind.VOLUNTEER, started_at=start)
    record = f"/people/{mabel.pk}/"

    # Her named worker opens her record on their own device.
    sam_page = new_context().new_page()
    sign_in(sam_page, sam, sam_secret)
    sam_page.goto(record)
    expect(sam_page.get_by_role("heading", level=1)).to_contain_text("Mabel Okafor")
    assert_accessible(sam_page)
    sam_page.reload()  # and looks again, in the same visit
    expect(sam_page.get_by_role("heading", level=1)).to_contain_text("Mabel Okafor")

    # So does her volunteer, who sees how to reach her.
    priya_page = new_context().new_page()
    sign_in(priya_page, priya, priya_secret)
    priya_page.goto(record)
    priya_main = priya_page.get_by_role("main")
    expect(priya_main).to_contain_text(ADDRESS)
    expect(priya_main).to_contain_text(PHONE_NUMBER)
    assert_accessible(priya_page)

    # Mabel signs in (no second factor for a person supported) and reads who has looked at her record.
    sign_in(page, person_user)
    expect_home(page)
    page.get_by_role("main").get_by_role("link", name="Who has looked at my record").click()
    expect(page).to_have_url(URL("/audit/me/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at your record")
    log = page.get_by_role("table", name="Who has looked at your record, newest first")
    # Sam's two looks in one visit are one line, in plain words.
    sam_looked = log.get_by_role("row").filter(has_text="Sam Okoro").filter(has_text="Looked at your record")
    expect(sam_looked).to_have_count(1)
    expect(sam_looked.get_by_role("cell")).to_contain_text(
        [
            re.compile(r"^When \w+day \d+ \w+ \d{4}, \d\d:\d\d"),
            re.compile(r"Sam Okoro, your named worker\s*Clinician, Northvale Community Health"),
            re.compile(
                r"(Saw your name in a caseload and l|L)ooked at your record twice$"
            ),  # their home page lists her
            "Part of your care team",
        ]
    )
    priya_looked = log.get_by_role("row").filter(has_text="Priya Shah").filter(has_text="Looked at your record")
    expect(priya_looked).to_have_count(1)
    expect(priya_looked).to_contain_text("Priya Shah, your volunteer")
    expect(priya_looked).to_contain_text("Part of your care team")
    expect(page.get_by_role("main")).to_contain_text("When someone looked more than once in one visit")
    expect(log).not_to_contain_text("Mabel Okafor")  # what she did herself is not listed
    assert_accessible(page)

    # She chooses not to share her address and phone number with volunteers.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sharing choices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sharing choices")
    expect(page.get_by_role("main")).to_contain_text("You have not made any choices.")
    assert_accessible(page)
    page.get_by_role("button", name="Make a new choice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a sharing choice")
    assert_accessible(page)
    page.get_by_label("Do not share").check()
    page.get_by_role("button", name="Save this choice").click()
    expect_error_summary(
        page,
        "Select who this choice is about: volunteers, or one organisation",
        "Select at least one kind of information this choice is about",
    )
    expect(page.get_by_label("Do not share")).to_be_checked()  # what was chosen is kept
    assert_accessible(page)
    page.get_by_label("Who is this choice about?").select_option(label="Volunteers who visit me")
    page.get_by_label("My address and phone number").check()
    page.get_by_role("button", name="Save this choice").click()
    expect(page).to_have_url(URL(f"/consent/{mabel.pk}/"))
    expect_success(page, "Your choice is saved. It applies from now on.")
    choices = page.get_by_role("table", name="Sharing choices that apply now")
    expect(choices.get_by_role("row")).to_have_count(2)
    expect(choices.get_by_role("row").nth(1).get_by_role("cell")).to_contain_text(
        [
            "Do not share with Volunteers",
            "My address and phone number",
            "until changed",
            re.compile(r"\d+ \w+ \d{4}, by you"),
            "Withdraw",
        ]
    )
    assert_accessible(page)

    # Her record lists the choice in plain words.
    page.get_by_role("link", name="Back to your record").click()
    expect(page.get_by_role("heading", level=1).locator(".nhsuk-caption-l")).to_have_text("Your record")
    expect(page.get_by_role("main")).to_contain_text("Do not share my address and phone number with volunteers")
    assert_accessible(page)

    # The volunteer's next page no longer shows her address or phone number; the rest of the view stays.
    priya_page.reload()
    expect(priya_page.get_by_role("heading", level=1)).to_contain_text("Mabel Okafor")
    expect(priya_main).to_contain_text("I like crosswords and a cup of tea.")
    expect(priya_main).not_to_contain_text("Elm Row")
    expect(priya_main).not_to_contain_text(PHONE_NUMBER)
    expect(priya_main.get_by_role("heading", name="About Mabel")).to_have_count(0)
    assert_accessible(priya_page)

    # Her named worker, who is not a volunteer, still sees them.
    sam_page.reload()
    expect(sam_page.get_by_role("main")).to_contain_text(ADDRESS)
    assert_accessible(sam_page)
