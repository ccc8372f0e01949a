"""A named worker asks for a volunteer from the person's page; the hub's coordinator sees the request on their
home page, sees the volunteers ranked with reasons (the person's GP practice first, a lapsed volunteer left out
and said so), checks the answers and allocates; the volunteer then sees their new client. On a computer and on a
phone (375 px), every page axe-clean."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.volunteers.tests.matching_factories import hub, practice, volunteer

from .browser import URL, assert_accessible, expect_success, sign_in, sign_out
from .test_small_screen import PHONE, assert_fits

SHOTS = os.environ.get("ALONGSIDE_SHOTS")  # a folder to keep screenshots of each page in, when set


@pytest.fixture
def browser_page(new_context, request):
    if request.param == "phone":
        return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    return new_context(viewport={"width": 1280, "height": 900}).new_page()


def check(page, name: str) -> None:
    assert_accessible(page)
    on_phone = page.viewport_size == PHONE
    if on_phone:
        assert_fits(page)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{'375' if on_phone else '1280'}.png", full_page=True)


@pytest.mark.parametrize("browser_page", ["computer", "phone"], indirect=True)
def test_a_coordinator_matches_and_allocates_and_the_volunteer_sees_the_new_client(browser_page, staff):
    page = browser_page
    living_well, riverside = hub(), practice()
    worker, worker_secret = staff("clinician", first_name="Nadia", last_name="Okoro")
    iris = PersonFactory(given_name="Iris", family_name="Moss", gp_practice=riverside, postcode="NV2 4AB")
    RelationshipFactory(person=iris, user=worker, kind="named_worker")
    coordinator, coordinator_secret = staff("coordinator", team=living_well, first_name="Cora", last_name="Hale")
    sam = volunteer(living_well, first_name="Sam", last_name="Practice", practices=[riverside], interests=["Gardening"])
    volunteer(living_well, first_name="Pat", last_name="Near", home_district="NV2")
    volunteer(living_well, first_name="Lee", last_name="Lapsed", practices=[riverside], lapsed=True)

    # The named worker asks from Iris's page.
    sign_in(page, worker, worker_secret)
    page.goto(f"/people/{iris.pk}/")
    section = page.locator("#a-volunteer")
    expect(section).to_have_text("A volunteer")
    expect(page.get_by_text("No volunteer visits Iris at the moment.")).to_be_visible()
    page.get_by_role("link", name="Ask for a volunteer for Iris Moss").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a volunteer for Iris Moss")
    check(page, "ask")
    page.get_by_label("What would help them?").fill("Someone to talk to about the garden, once a week")
    page.get_by_label("Gardening").check()
    page.get_by_role("button", name="Send request").click()
    expect_success(page, "Your request has gone to Living Well volunteer hub")
    expect(page.get_by_text("Someone asked Living Well volunteer hub for a volunteer")).to_be_visible()
    check(page, "person-section")
    sign_out(page)

    # The coordinator sees it on their home page, and the volunteers who fit.
    sign_in(page, coordinator, coordinator_secret)
    panel = page.locator("main")
    expect(panel.get_by_role("heading", name="People waiting for a volunteer")).to_be_visible()
    check(page, "home-coordinator")
    page.get_by_role("link", name="See everyone waiting for a volunteer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People waiting for a volunteer")
    check(page, "requests")
    page.get_by_role("link", name="Iris Moss").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a volunteer for Iris Moss")
    matches = page.locator("#matches > li")
    expect(matches).to_have_count(2)
    expect(matches.nth(0)).to_contain_text("Sam Practice")
    expect(matches.nth(0)).to_contain_text("Visits patients of Riverside Medical Centre")
    expect(matches.nth(0)).to_contain_text("Also likes Gardening")
    expect(matches.nth(1)).to_contain_text("Pat Near")
    expect(page.locator("#left-out-lapsed")).to_contain_text("1 volunteer is not shown")
    expect(page.get_by_text("Lee Lapsed")).to_have_count(0)
    check(page, "match")
    page.get_by_role("link", name="Choose Sam Practice for Iris Moss").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before Sam Practice visits Iris Moss")
    check(page, "allocate")
    page.get_by_role("button", name="Allocate Sam Practice").click()
    expect(page).to_have_url(URL("/volunteers/requests/"))
    expect_success(page, "Sam Practice will visit Iris Moss. We have told Sam Practice")
    expect(page.locator("#recent-allocations")).to_contain_text("Sam Practice visits Iris Moss")
    check(page, "requests-after")
    sign_out(page)

    # The volunteer is told, and sees their new client.
    sign_in(page, sam, sam.totp_secret)
    alert = page.get_by_role("link", name="You have someone new to visit: Iris Moss", exact=False)
    expect(alert.first).to_be_visible()
    check(page, "home-volunteer")
    alert.first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Iris Moss")
    check(page, "volunteer-client")
