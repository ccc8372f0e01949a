"""Ending the membership of someone's named worker: the page names the people who would be left without one, the
team leader chooses a new named worker from the team for each, and only then ends the membership."""

import re

from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, make_named_worker

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in


def test_the_team_leader_chooses_new_named_workers_before_ending_a_membership(page, staff):
    team = TeamFactory(name="Riverside Neighbourhood Team")
    leader, leader_secret = staff("team_leader", team=team, first_name="Lena", last_name="Moss")
    jo, _ = staff("clinician", team=team, first_name="Jo", last_name="Bright")
    staff("clinician", team=team, first_name="Kim", last_name="Lee")
    ada = PersonFactory(given_name="Ada", family_name="Okafor")
    bob = PersonFactory(given_name="Bob", family_name="Tan")
    make_named_worker(ada, jo, leader=leader)
    make_named_worker(bob, jo, leader=leader)

    sign_in(page, leader, leader_secret)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My teams").click()
    page.get_by_role("link", name="Riverside Neighbourhood Team").click()
    page.get_by_role("link", name="End membership of Jo Bright as Clinician").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End Jo Bright's membership as Clinician")
    warning = page.locator(".nhsuk-card--warning")
    expect(warning).to_contain_text("Jo Bright is named worker for 2 people")
    expect(warning.get_by_role("listitem")).to_have_text(["Ada Okafor", "Bob Tan"])
    assert_accessible(page)

    # Ending without choosing is refused, and what was typed is kept.
    page.get_by_label("Why is this membership ending?").fill("Moved to the hospital discharge team")
    page.get_by_role("button", name="End membership").click()
    expect_error_summary(
        page, "Choose a new named worker for each person first, or confirm that they will have none for now"
    )
    expect(page.get_by_label("Why is this membership ending?")).to_have_value("Moved to the hospital discharge team")
    assert_accessible(page)

    page.get_by_role("button", name="Choose new named workers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose new named workers for Jo Bright's people")
    expect(page.get_by_label("Ada Okafor").locator("option")).to_have_text(["Not now", "Kim Lee"])
    assert_accessible(page)
    page.get_by_label("Ada Okafor").select_option(label="Kim Lee")
    page.get_by_label("Bob Tan").select_option(label="Kim Lee")
    page.get_by_role("button", name="Save new named workers").click()
    expect_success(page, "New named worker chosen for 2 people")
    expect(page.get_by_role("heading", level=1)).to_have_text("End Jo Bright's membership as Clinician")
    expect(page.locator(".nhsuk-card--warning")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Why is this membership ending?").fill("Moved to the hospital discharge team")
    page.get_by_role("button", name="End membership").click()
    expect(page).to_have_url(re.compile(r"/teams/\d+/$"))
    expect_success(page, "Jo Bright is no longer Clinician in Riverside Neighbourhood Team")
    for person in (ada, bob):
        named = CareRelationship.objects.active().get(person=person, kind="named_worker")
        assert named.user.get_full_name() == "Kim Lee"
