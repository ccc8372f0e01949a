"""Volunteer profiles, through the browser, on a phone and on a computer.

Priya, a volunteer, fills in her profile: a mistake is explained and what she typed is kept; she signs the
confidentiality agreement, and her home page tells her she can take new clients and what runs out soon.
Carol, the hub's coordinator, sees who needs attention from her home page, the hub's volunteers filtered to those
who may not take new clients, a lapsed volunteer's page with a warning beside each of his clients, and records his
new DBS check, after a date that does not exist.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alongside.partners.tests.factories import OrganisationFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.volunteers.models import Agreement, Check, Volunteer
from alongside.volunteers.tests.profiles_factories import hub, in_good_standing, profile

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in
from .test_small_screen import PHONE, assert_fits

SHOTS = os.environ.get("ALONGSIDE_SHOTS")  # a folder: keep a screenshot of each page there


def shot(page, name: str) -> None:
    if SHOTS:
        width = page.viewport_size["width"]
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, None], ids=["phone", "computer"])
def test_a_volunteer_fills_in_their_profile_and_signs_the_agreement(new_context, staff, viewport):
    team = hub()
    OrganisationFactory(kind="gp_practice", name="Riverside Medical Centre")
    priya, secret = staff("volunteer", team=team, first_name="Priya", last_name="Shah", email="priya@example.org")
    today = timezone.localdate()
    page = new_context(**({"viewport": viewport, "is_mobile": True, "has_touch": True} if viewport else {})).new_page()
    sign_in(page, priya, secret)
    expect(page.get_by_role("heading", name="Your volunteering")).to_be_visible()
    expect(page.get_by_text("You cannot take new clients at the moment.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Fill in your volunteering profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your volunteering profile")
    expect(page.get_by_text("No DBS check recorded")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    shot(page, "own-profile-new")

    page.get_by_role("link", name="Change your details").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change your details")
    assert not page.get_by_label("By text message").is_checked() and not page.get_by_label("By email").is_checked()
    assert_accessible(page)
    page.get_by_label("Your phone number").fill("07700 900 982")
    page.get_by_label("Which languages do you speak besides English?").fill("Polish")
    page.get_by_label("Riverside Medical Centre").check()
    page.get_by_label("What do you enjoy?").fill("gardening, football")
    page.get_by_label("Tuesday").check()
    page.get_by_label("Mornings (before 12 noon)").check()
    page.get_by_label("How many people could you visit at the same time?").fill("lots")
    page.get_by_label("By text message").check()
    page.get_by_role("button", name="Save your details").click()
    expect_error_summary(page, "How many people must be a number, like 3")
    expect(page.get_by_label("Tuesday")).to_be_checked()  # what was chosen is kept
    expect(page.get_by_label("What do you enjoy?")).to_have_value("gardening, football")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "edit-profile-error")
    page.get_by_label("How many people could you visit at the same time?").fill("3")
    page.get_by_role("button", name="Save your details").click()
    expect_success(page, "Your profile is saved")
    details = page.locator("#profile-details")
    expect(details).to_contain_text("Riverside Medical Centre")
    expect(details).to_contain_text("Tuesdays, mornings")
    expect(details.get_by_role("link", name="07700 900 982")).to_have_attribute("href", "tel:+44-7700-900982")
    assert_accessible(page)
    saved = Volunteer.objects.get(user=priya)
    assert (saved.capacity, saved.by_text, saved.by_email) == (3, True, False)

    page.get_by_role("link", name="Read and sign the agreement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confidentiality agreement")
    expect(page.get_by_text("Keep what you hear and see to yourself.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    shot(page, "sign-agreement")
    page.get_by_role("button", name="Sign the agreement").click()
    expect_error_summary(page, "Select that you have read the agreement and will keep to it")
    assert_accessible(page)
    page.get_by_label("I have read the confidentiality agreement and I will keep to it").check()
    page.get_by_role("button", name="Sign the agreement").click()
    expect_success(page, "You have signed the confidentiality agreement")
    assert Agreement.objects.get(volunteer=saved).signed_on == today

    # Her coordinator records her checks and training; her home page then says she can take new clients.
    in_good_standing(saved, today, runs_out={"safeguarding": today + timedelta(days=30)})
    page.goto("/")
    expect(page.get_by_text("You can take new clients")).to_be_visible()
    expect(page.locator("#home-due-soon")).to_contain_text("Your safeguarding adults training runs out on")
    assert_accessible(page)
    shot(page, "volunteer-home")
    page.get_by_role("link", name="See and change your volunteering profile").click()
    expect(page.locator("#due-soon")).to_contain_text("in 30 days")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "own-profile")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["computer", "phone"])
def test_a_coordinator_sees_who_needs_attention_and_records_a_new_dbs_check(new_context, staff, viewport):
    team = hub()
    carol, secret = staff("coordinator", team=team, first_name="Carol", last_name="Reid")
    today = timezone.localdate()
    volunteers = []
    for n, (given, family) in enumerate([("Ann", "Able"), ("Ben", "Lapsed"), ("Cat", "Soon")]):
        user = staff("volunteer", team=team, first_name=given, last_name=family)[0]
        runs_out = [{}, {"dbs": today - timedelta(days=3)}, {"reference": today + timedelta(days=50)}][n]
        in_good_standing(profile(user, capacity=3, phone="07700 900 111"), today, runs_out=runs_out)
        volunteers.append(user)
    ben = volunteers[1]
    mabel = PersonFactory(given_name="Mabel", family_name="Okafor")
    RelationshipFactory(person=mabel, user=ben, kind="volunteer")

    page = new_context(**({"viewport": viewport, "is_mobile": True, "has_touch": True} if viewport else {})).new_page()
    sign_in(page, carol, secret)
    panel = page.locator("#volunteers-attention + ul")
    expect(panel).to_contain_text("1 volunteer may not take new clients")
    expect(page.locator("#attention-lapsed")).to_contain_text("Ben Lapsed")
    expect(page.locator("#attention-due")).to_contain_text("Cat Soon")
    assert_accessible(page)
    shot(page, "coordinator-home")
    page.get_by_role("link", name="1 volunteer may not take new clients").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteers")
    table = page.locator("#volunteers")
    expect(table).to_contain_text("Ben Lapsed")
    expect(table).not_to_contain_text("Ann Able")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "hub-list-lapsed")
    page.get_by_role("link", name="All volunteers").click()
    expect(page.locator("#volunteers")).to_contain_text("Ann Able")
    assert_fits(page)
    shot(page, "hub-list")

    page.get_by_role("link", name="Ben Lapsed").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ben Lapsed")
    ran_out = today - timedelta(days=3)
    expect(page.locator("#client-list")).to_contain_text("Mabel Okafor, since")
    expect(page.locator("#client-list")).to_contain_text(
        f"Their DBS check ran out on {ran_out.day} {ran_out:%B %Y}: arrange a new one"
    )
    assert_accessible(page)
    assert_fits(page)
    shot(page, "volunteer-page")

    page.get_by_role("link", name="Record a check").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record a check")
    expect(page.get_by_label("Enhanced with barred lists")).to_be_hidden()  # asked only for a DBS check
    page.get_by_label("DBS check").check()
    page.get_by_label("Enhanced with barred lists").check()
    page.locator("#id_done_on_day").fill("31")
    page.locator("#id_done_on_month").fill("2")
    page.locator("#id_done_on_year").fill(str(today.year))
    page.locator("#id_expires_on_day").fill("1")
    page.locator("#id_expires_on_month").fill("1")
    page.locator("#id_expires_on_year").fill(str(today.year + 3))
    page.get_by_role("button", name="Record the check").click()
    expect_error_summary(page, "The date of the check must be a real date, for example 14 3 2026")
    expect(page.locator("#id_done_on_day")).to_have_value("31")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "record-check-error")
    page.locator("#id_done_on_day").fill(str(today.day))
    page.locator("#id_done_on_month").fill(str(today.month))
    page.get_by_role("button", name="Record the check").click()
    expect_success(page, "Check recorded")
    expect(page.locator("#standing")).to_contain_text("May take new clients")
    expect(page.locator("#client-list")).not_to_contain_text("arrange a new one")
    assert_accessible(page)
    assert Check.objects.filter(volunteer__user=ben, kind="dbs").count() == 2  # the old one, and the new one
    assert Check.objects.get(volunteer__user=ben, level="enhanced_barred").expires_on.year == today.year + 3
    for name, heading in (("Record training", "Record training"), ("Record an agreement signed on paper", None)):
        page.get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading or name)
        assert_accessible(page)
        shot(page, name.lower().replace(" ", "-"))
        page.go_back()
