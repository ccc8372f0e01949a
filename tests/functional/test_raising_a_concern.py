"""Journey: a volunteer raises a concern from their phone in at most six taps, from the home page to "sent"; it
reaches the person's named worker to act on; the hub's coordinator finds it in their queue, sends it another way
and sets the hub's routes. At 375 px (and 320 px for the form) and at 1280 px, every page axe-clean."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from alongside.concerns.models import Concern
from alongside.concerns.tests.raising_helpers import a_hub, raised
from alongside.consent.tests.factories import withhold
from alongside.core.tests.factories import UserFactory, enrol_totp

from .browser import URL, assert_accessible, expect_error_summary, expect_not_found, sign_in
from .test_small_screen import PHONE, SMALLEST, assert_fits

COMPUTER = {"width": 1280, "height": 800}
SHOTS = os.environ.get("ALONGSIDE_SHOTS")  # a folder: each page's screenshot is kept there when set


def look(page, name: str) -> None:
    """Check the page (fits a phone, axe-clean) and keep its screenshot when asked to."""
    if page.viewport_size["width"] < 400:
        assert_fits(page)
    assert_accessible(page)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{page.viewport_size['width']}.png", full_page=True)


@pytest.fixture
def member(member):
    """Members without a second factor yet: each journey enrols its own authenticator when it signs them in."""
    return lambda role="clinician", **kwargs: member(role, second_factor=False, **kwargs)


def context_for(new_context, viewport):
    if viewport["width"] < 400:
        return new_context(viewport=viewport, is_mobile=True, has_touch=True, device_scale_factor=2)
    return new_context(viewport=viewport)


def signed_in_page(new_context, viewport, user):
    page = context_for(new_context, viewport).new_page()
    sign_in(page, user, enrol_totp(user))
    return page


@pytest.mark.parametrize("viewport", [PHONE, COMPUTER], ids=["375px", "1280px"])
def test_a_volunteer_raises_a_concern_in_six_taps_and_it_reaches_the_named_worker(new_context, member, viewport):
    world = a_hub(member)
    page = signed_in_page(new_context, viewport, world.volunteer)
    taps = 0

    def tap(locator):
        nonlocal taps
        taps += 1
        locator.click() if locator.get_attribute("type") not in ("radio", "checkbox") else locator.check()

    page.goto("/")
    look(page, "home-volunteer")
    tap(page.get_by_role("button", name="Raise a concern"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a concern")
    emergency = page.locator("#in-danger")
    expect(emergency.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    expect(emergency.get_by_role("link", name="111")).to_have_attribute("href", "tel:111")
    look(page, "raise")
    tap(page.get_by_label("Edna Price"))
    tap(page.get_by_label("Their health"))
    tap(page.get_by_label("Today"))
    tap(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your concern before sending it")
    expect(page.locator("#answers")).to_contain_text("Edna Price")
    expect(page.locator("#answers")).to_contain_text("Nothing added")
    look(page, "check")
    tap(page.get_by_role("button", name="Send"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Concern sent")
    look(page, "sent")
    assert taps <= 6, f"{taps} taps from the home page to sent"
    concern = Concern.objects.get()
    assert (concern.kind, concern.urgency, concern.for_user) == ("health", "today", world.named_worker)

    # Sending again from the browser's history makes nothing new: the one-time key went with the first.
    page.go_back()
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_url(URL(f"/concerns/{concern.pk}/sent/"))
    assert Concern.objects.count() == 1

    # The named worker finds it on their home page, to act on.
    worker = signed_in_page(new_context, viewport, world.named_worker)
    worker.goto("/")
    panel = worker.locator("#concerns-for-you")
    expect(panel).to_contain_text("Concerns from volunteers")
    look(worker, "home-named-worker")
    panel.get_by_role("link", name="Edna Price").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Concern about Edna Price")
    expect(worker.locator("#concern-details")).to_contain_text("Nia Okoro, named worker")
    look(worker, "concern")


def test_the_form_keeps_what_was_typed_and_fits_320px(new_context, member):
    world = a_hub(member)
    page = signed_in_page(new_context, SMALLEST, world.volunteer)
    page.goto("/concerns/raise/")
    page.get_by_label("Their home and surroundings").check()
    page.get_by_label("Anything else you want to say (optional)").fill("Her smoke alarm is beeping")
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Choose the person you are worried about", "Choose how soon someone should look")
    expect(page.get_by_label("Their home and surroundings")).to_be_checked()
    expect(page.get_by_label("Anything else you want to say (optional)")).to_have_value("Her smoke alarm is beeping")
    assert_fits(page)
    assert_accessible(page)
    # a lost connection: the page is opened afresh, and what was chosen comes back from this browser
    page.get_by_label("Edna Price").check()
    page.goto("/concerns/raise/")
    expect(page.get_by_label("Edna Price")).to_be_checked()
    expect(page.get_by_label("Anything else you want to say (optional)")).to_have_value("Her smoke alarm is beeping")
    page.get_by_label("In the next few days").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Change your answers").click()
    expect(page.get_by_label("In the next few days")).to_be_checked()
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, COMPUTER], ids=["375px", "1280px"])
def test_a_name_the_person_refused_volunteers_is_kept_back_on_every_page_the_volunteer_sees(
    new_context, member, viewport
):
    """The person has since chosen not to share their name with volunteers: the volunteer's home page, their
    concern's page and its "sent" page say "the person you visit"; the named worker still sees the name."""
    world = a_hub(member)
    concern = raised(world, words="Seems low")
    world.person.user = UserFactory()
    world.person.save()
    withhold(world.person, ["name"])  # with volunteers
    page = signed_in_page(new_context, viewport, world.volunteer)
    page.goto("/")
    mine = page.locator("#my-open-concerns")
    expect(mine).to_contain_text("The person you visit")
    look(page, "home-name-kept-back")
    mine.get_by_role("link", name="The person you visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concern about the person you visit")
    expect(page).to_have_title(re.compile("^Concern about the person you visit"))
    look(page, "concern-name-kept-back")
    page.goto(f"/concerns/{concern.pk}/sent/")
    expect(page.get_by_text("Your concern about the person you visit goes to")).to_be_visible()
    look(page, "sent-name-kept-back")
    assert "Edna" not in page.content()
    worker = signed_in_page(new_context, viewport, world.named_worker)
    worker.goto(f"/concerns/{concern.pk}/")
    expect(worker.get_by_role("heading", level=1)).to_have_text("Concern about Edna Price")


def test_someone_else_s_concern_is_not_found(new_context, member):
    world = a_hub(member)
    theirs = raised(a_hub(member, given_name="Ivy"))
    page = signed_in_page(new_context, PHONE, world.volunteer)
    response = page.goto(f"/concerns/{theirs.pk}/")
    expect_not_found(page, response)
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, COMPUTER], ids=["375px", "1280px"])
def test_a_coordinator_works_the_queue_reroutes_and_sets_routes(new_context, member, viewport):
    world = a_hub(member)
    concern = raised(world, kind="social", urgency="few_days", words="Has stopped going to the lunch club")
    page = signed_in_page(new_context, viewport, world.coordinator)
    page.goto("/")
    expect(page.locator("#concern-queue-panel")).to_contain_text("1 concern open")
    look(page, "home-coordinator")
    page.get_by_role("link", name="Work through the concerns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concerns from volunteers")
    look(page, "queue")
    page.locator("#concern-queue").get_by_role("link", name="Edna Price").click()
    expect(page.locator("#concern-details")).to_contain_text("Has stopped going to the lunch club")
    page.get_by_role("link", name="Send another way").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Send this concern another way")
    look(page, "reroute")
    page.get_by_label("The peer coffee morning").check()
    page.get_by_label("Why (optional)").fill("Her friends are there")
    page.get_by_role("button", name="Send this way").click()
    expect(page.locator("#concern-events")).to_contain_text("Sent another way")
    concern.refresh_from_db()
    assert concern.route_kind == "coffee_morning"

    page.goto("/concerns/record/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a volunteer's concern")
    look(page, "record")

    page.goto("/concerns/routes/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Where concerns go")
    look(page, "routes")
    page.get_by_role("link", name="Change the route for today").click()
    look(page, "edit-route")
    page.get_by_label("A call to the team leader").check()
    page.get_by_label("Which team leader is called?").select_option(label="Tom Lead, Riverside neighbourhood team")
    page.get_by_label("Answer within how many hours?").fill("2")
    page.get_by_role("button", name="Save route").click()
    expect(page.locator("#routes")).to_contain_text("Tom Lead")
    expect(page.locator("#routes")).to_contain_text("Answer within 2 hours")
    assert_accessible(page)
