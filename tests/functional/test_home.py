"""Journey 3: one home page, made of the sections that fit the roles of whoever signs in."""

import re

import pytest
from playwright.sync_api import expect

from alongside.partners.models import ROLE_LABELS, Role
from alongside.partners.tests.factories import TeamFactory

from .browser import assert_accessible, expect_home, sign_in

SECTIONS = [
    "Your appointments today",
    "People to see first",
    "Waiting for your decision",
    "Caseloads in the teams you lead",
    "Your teams",
    "Administration",
    "People in the teams you lead",
    "Your named worker",
    "Your next appointment",
    "What you have asked for",
    "Your details",
]
NAMED_WORKER = {"Your appointments today", "People to see first", "Your teams"}
# The sections of the home page each role sees.
EXPECTED_SECTIONS = {role.value: {"Your teams"} for role in Role} | {
    "clinician": NAMED_WORKER,
    "social_worker": NAMED_WORKER,
    "gp": NAMED_WORKER,
    # A coordinator may be a named worker, but with no one on a caseload their home page starts with their own work.
    "coordinator": {"Your teams"},
    "admin": {"Your teams", "Administration"},
    "team_leader": {
        "Waiting for your decision",
        "Caseloads in the teams you lead",
        "Your teams",
        "People in the teams you lead",
    },
    "person": {"Your named worker", "Your next appointment", "What you have asked for", "Your details"},
}
STAFF_ROLES = [
    "clinician",
    "social_worker",
    "gp",
    "spa_triage",
    "coordinator",
    "volunteer",
    "team_leader",
    "ig_reviewer",
    "admin",
]


def expect_sections(page, role):
    main = page.get_by_role("main")
    for section in SECTIONS:
        heading = main.get_by_role("heading", level=2, name=section, exact=True)
        if section in EXPECTED_SECTIONS[role]:
            expect(heading).to_be_visible()
        else:
            expect(heading).to_have_count(0)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_home_page_fits_their_role(page, staff, role):
    team = TeamFactory(name="Riverside Neighbourhood Team", organisation__name="Northvale Community Health")
    user, secret = staff(role, team=team, first_name="Sam", last_name="Okoro")
    if role == "team_leader":
        staff("clinician", team=team, first_name="Jo", last_name="Bright")

    sign_in(page, user, secret)

    expect_home(page)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Hello, Sam")
    expect(heading.locator(".nhsuk-caption-l")).to_have_text(ROLE_LABELS[role])
    expect_sections(page, role)
    teams = page.get_by_role("table", name="Teams you belong to")
    expect(teams.get_by_role("row").nth(1).get_by_role("cell")).to_contain_text(
        ["Riverside Neighbourhood Team", "Northvale Community Health", ROLE_LABELS[role], re.compile(r"\d+ \w+ \d{4}")]
    )
    menu = page.get_by_role("navigation", name="Menu")
    if role == "admin":
        expect(page.get_by_role("main").get_by_role("link", name="Organisations")).to_be_visible()
        expect(menu.get_by_role("link", name="Organisations")).to_be_attached()
        expect(menu.get_by_role("link", name="My teams")).to_have_count(0)
    else:
        expect(menu.get_by_role("link", name="My teams")).to_be_attached()
        expect(menu.get_by_role("link", name="Organisations")).to_have_count(0)
    if role == "team_leader":
        led = page.get_by_role("table", name="Members of the teams you lead")
        expect(led).to_contain_text("Jo Bright")
        expect(led).to_contain_text("Sam Okoro")
    assert_accessible(page)


def test_a_person_supported_sees_their_own_details(page, person_user):
    sign_in(page, person_user)  # no team role, so no second factor is asked for

    expect_home(page)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Hello, Mabel")
    expect(heading.locator(".nhsuk-caption-l")).to_have_text("Person supported")
    expect_sections(page, "person")
    details = page.locator(".nhsuk-summary-list")
    expect(details.locator(".nhsuk-summary-list__key")).to_have_text(
        ["Name", "Date of birth", "NHS number", "Address", "GP practice", "Neighbourhood"]
    )
    # Only the postcode is known: the address shows just that, not ", , NV1 2AB".
    expect(details.locator(".nhsuk-summary-list__value")).to_have_text(
        ["Mabel Okafor", re.compile(r"\d+ \w+ \d{4}"), "Not known", "NV1 2AB", "Not known", "Not known"]
    )
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="My teams")).to_have_count(0)
    assert_accessible(page)


def test_a_demo_login_may_skip_the_second_factor_and_is_told_so(page, member, settings):
    settings.DEMO_MODE = True
    user = member("coordinator", second_factor=False, is_demo=True, first_name="Dev")

    sign_in(page, user)

    expect_home(page)
    banner = page.get_by_role("region", name="Demo borough")
    expect(banner).to_contain_text("Every name, address and NHS number here is invented.")
    expect(banner).to_contain_text("This demo login has skipped second-factor enrolment")
    assert_accessible(page)


def test_an_ordinary_login_in_the_demo_still_needs_a_second_factor(page, member, settings):
    settings.DEMO_MODE = True
    user = member("coordinator", second_factor=False, is_demo=False)

    sign_in(page, user)

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a second way to sign in")
    expect(page.get_by_role("region", name="Demo borough")).not_to_contain_text("skipped")
    assert_accessible(page)
