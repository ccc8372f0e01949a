"""Journey 4: an administrator adds an organisation and a team, and starts and ends a membership.

Ending a membership takes effect on the member's next request: a second browser, signed in as the member,
sees the team on its home page while the membership lasts and no longer sees it once it has ended.
"""

import re

from playwright.sync_api import expect

from alongside.core.tests.factories import UserFactory, enrol_totp
from alongside.partners.models import Organisation

from .browser import assert_accessible, expect_home, sign_in


def expect_error_summary(page, *messages):
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(list(messages))
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))


def expect_success(page, text):
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(text)


def test_administrator_manages_organisations_teams_and_memberships(page, new_context, staff):
    admin, admin_secret = staff("admin", first_name="Ada", last_name="Byrne")
    jo = UserFactory(username="jo.bright", first_name="Jo", last_name="Bright")
    jo_secret = enrol_totp(jo)

    # The member-to-be signs in on their own device: no role yet, so nothing to see.
    jo_page = new_context().new_page()
    sign_in(jo_page, jo, jo_secret)
    expect_home(jo_page)
    expect(jo_page.get_by_role("main")).to_contain_text("You do not have an active role in any team")
    assert_accessible(jo_page)

    sign_in(page, admin, admin_secret)
    expect_home(page)
    assert_accessible(page)

    # Add an organisation.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner organisations")
    assert_accessible(page)
    page.get_by_role("button", name="Add an organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an organisation")
    assert_accessible(page)

    page.get_by_role("button", name="Save organisation").click()
    expect_error_summary(page, "Enter the organisation's name", "Select the kind of organisation")
    expect(page.locator("#id_name-error")).to_contain_text("Enter the organisation's name")
    assert_accessible(page)

    page.get_by_label("Name", exact=True).fill("Northvale Borough Council")
    page.get_by_label("ODS code (optional)").fill("nbc01")
    page.get_by_role("button", name="Save organisation").click()
    expect_error_summary(page, "Select the kind of organisation")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Northvale Borough Council")
    expect(page.get_by_label("ODS code (optional)")).to_have_value("nbc01")
    assert_accessible(page)

    page.get_by_label("Kind of organisation").select_option(label="Council")
    page.get_by_role("button", name="Save organisation").click()
    expect_success(page, "Organisation added")
    expect(page.get_by_role("heading", level=1)).to_have_text("CouncilNorthvale Borough Council")
    expect(page.locator(".nhsuk-summary-list")).to_contain_text("NBC01")
    expect(page.get_by_role("main")).to_contain_text("This organisation has no teams yet.")
    assert_accessible(page)

    # Open it from the list.
    page.get_by_role("link", name="All organisations").click()
    page.get_by_role("link", name="Northvale Borough Council").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northvale Borough Council")
    assert_accessible(page)

    # Add a team to it.
    page.get_by_role("button", name="Add a team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a team")
    council = Organisation.objects.get(name="Northvale Borough Council")
    expect(page.get_by_label("Organisation")).to_have_value(str(council.pk))  # chosen already
    assert_accessible(page)
    page.get_by_label("Team name").fill("Hillcrest Adult Social Care")
    page.get_by_label("Kind of team").select_option(label="Neighbourhood team")
    page.get_by_role("button", name="Save team").click()
    expect_success(page, "Team added")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hillcrest Adult Social Care")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northvale Borough Council")
    team_url = page.url
    assert_accessible(page)

    # Add Jo to the team as a social worker.
    # She finds Jo by name, not by typing an exact username: a slip in the name still finds her.
    UserFactory(username="joanna.brightwell", first_name="Joanna", last_name="Brightwell")
    page.get_by_role("button", name="Add someone to this team").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add someone to Hillcrest Adult Social Care")
    assert_accessible(page)
    page.get_by_role("button", name="Search").click()
    expect_error_summary(page, "Enter their name to find them")
    assert_accessible(page)
    page.get_by_label("Who do you want to add?").fill("Jo Brihgt")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("group", name="Choose who to add")).to_contain_text("Jo Bright")
    page.get_by_label("Who do you want to add?").fill("bright")
    page.get_by_role("button", name="Search").click()
    people = page.get_by_role("group", name="Choose who to add")
    expect(people).to_contain_text("2 people found, sorted by last name")
    expect(people.get_by_role("radio")).to_have_count(2)
    expect(people.locator("label")).to_have_text(["Jo Bright", "Joanna Brightwell"])
    expect(people).to_contain_text("Username jo.bright")
    assert_accessible(page)
    page.get_by_role("button", name="Add to team").click()
    expect_error_summary(page, "Select the person to add", "Select the role they will have in this team")
    expect(page.get_by_label("Who do you want to add?")).to_have_value("bright")  # the search is kept
    assert_accessible(page)
    page.get_by_label("Jo Bright", exact=True).check()
    page.get_by_label("Role in this team").select_option(label="Social worker")
    page.get_by_role("button", name="Add to team").click()
    expect(page).to_have_url(team_url)
    expect_success(page, "Jo Bright added to Hillcrest Adult Social Care")
    members = page.get_by_role("table", name=re.compile(r"^1 current member\s*Sorted by last name, A to Z"))
    expect(members).to_contain_text("Jo Bright")
    expect(members).to_contain_text("Social worker")
    assert_accessible(page)

    # Jo's next page shows the team.
    jo_page.reload()
    jo_teams = jo_page.get_by_role("table", name="Teams you belong to")
    expect(jo_teams).to_contain_text("Hillcrest Adult Social Care")
    expect(jo_page.get_by_role("heading", level=1).locator(".nhsuk-caption-l")).to_have_text("Social worker")
    assert_accessible(jo_page)
    jo_teams.get_by_role("link", name="Hillcrest Adult Social Care").click()  # the climate pulse's panel names it too
    expect(jo_page.get_by_role("heading", level=1)).to_contain_text("Hillcrest Adult Social Care")
    expect(jo_page.get_by_role("link", name="Add someone to this team")).to_have_count(0)
    assert_accessible(jo_page)
    jo_page.go_back()

    # End Jo's membership, with a reason.
    page.get_by_role("link", name="End membership of Jo Bright as Social worker").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("End Jo Bright's membership as Social worker")
    assert_accessible(page)
    page.get_by_role("button", name="End membership").click()
    expect_error_summary(page, "Enter why this membership is ending")
    assert_accessible(page)
    page.get_by_label("Why is this membership ending?").fill("Moved to the hospital discharge team")
    page.get_by_role("button", name="End membership").click()
    expect(page).to_have_url(team_url)
    expect_success(
        page, "Jo Bright is no longer Social worker in Hillcrest Adult Social Care. This takes effect straight away."
    )
    expect(page.get_by_role("table", name=re.compile(r"^0 current member"))).not_to_contain_text("Jo Bright")
    expect(page.get_by_role("main").get_by_role("list").last).to_contain_text("Jo Bright, Social worker")
    expect(page.get_by_role("main")).to_contain_text("(Moved to the hospital discharge team)")
    assert_accessible(page)

    # Jo's very next request no longer has the team, nor the team's page.
    jo_page.reload()
    expect_home(jo_page)
    expect(jo_page.get_by_role("table", name="Teams you belong to")).to_have_count(0)
    expect(jo_page.get_by_role("main")).to_contain_text("You do not have an active role in any team")
    assert_accessible(jo_page)
    jo_page.goto(team_url)
    expect(jo_page.get_by_role("heading", level=1)).to_have_text("Page not found")
