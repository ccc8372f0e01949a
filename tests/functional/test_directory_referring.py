"""Journey: a non-medical referral, from the person's page to the service's answer and back. A clinician, on a
computer, refers Ada from her page to a befriending service: chooses the service, says what would help, records
what Ada agrees to share (nothing ticked for them), checks and sends. The service lost the email, so the clinician
sends a new link from the referral's page, and the first stops working. The service, on a phone, opens the new
link with no account, sees only what Ada agreed to share, accepts, and later gives the outcome. The clinician sees
the outcome on Ada's page and timeline."""

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from alongside.core.models import Message
from alongside.directory.tests.finding_factories import make_service
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, make_named_worker

from .browser import assert_accessible, assert_title_matches_heading, expect_error_summary, expect_success, sign_in
from .test_small_screen import PHONE, assert_fits

SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")


def look(page, name: str, phone: bool = False) -> None:
    """Accessible, titled by its heading, fitting a phone's screen; kept at both widths for people to look at."""
    assert_accessible(page)
    assert_title_matches_heading(page)
    if phone:
        assert_fits(page)
    if SHOTS and Path(SHOTS).is_dir():
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{'375' if phone else '1280'}.png"), full_page=True)
        size = page.viewport_size
        page.set_viewport_size({"width": 1280, "height": 900} if phone else PHONE)
        if not phone:
            assert_fits(page)
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{'1280' if phone else '375'}.png"), full_page=True)
        page.set_viewport_size(size)


def test_a_clinician_refers_and_the_service_answers_through_its_link(new_context, staff, live_server):
    team = TeamFactory(name="Riverside neighbourhood team", phone="020 7946 0000")
    sam, secret = staff("clinician", team=team, first_name="Sam", last_name="Okoro")
    ada = PersonFactory(given_name="Ada", family_name="Lovelace", phone="07700 900123", postcode="NV1 1AA")
    make_named_worker(ada, sam)
    make_service("Northvale Befriending", "Weekly visits for people who feel lonely")

    desk = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(desk, sam, secret)
    desk.goto(f"/people/{ada.pk}/")
    desk.get_by_role("link", name="Refer to a community service").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Choose a community service")
    desk.get_by_label("Search by what would help").fill("befriending")
    desk.get_by_role("button", name="Search").click()
    look(desk, "referring-choose")
    desk.get_by_role("link", name="Northvale Befriending").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Refer to Northvale Befriending")
    for box in desk.get_by_role("checkbox").all():
        expect(box).not_to_be_checked()  # nothing pre-ticked
    look(desk, "referring-new")
    desk.get_by_label("What would help", exact=True).fill(
        "Company on Tuesday afternoons; Ada has felt lonely since moving"
    )
    desk.get_by_label("Their name").check()
    desk.get_by_label("Ada agrees to this referral").check()
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check your answers before you send the referral")
    look(desk, "referring-check")
    desk.get_by_role("button", name="Send the referral").click()
    expect(desk.locator("#community-referrals")).to_contain_text("Sent, waiting for an answer")

    body = Message.objects.get(reference__startswith="community-referral-").personalisation["body"]
    assert "020 7946 0000" in body
    lost = re.search(r"https?://\S+/directory/answer/\S+/", body).group(0)

    # The service lost the email and calls: Sam sends a new link, and the one before stops working.
    desk.locator("#community-referrals").get_by_role("link", name="Northvale Befriending").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Referral to Northvale Befriending")
    look(desk, "referring-referral")
    desk.get_by_role("button", name="Send a new link to the service").click()
    expect_success(desk, "A new link was sent to referrals@example.org")
    body = Message.objects.get(reference__contains="-link-2").personalisation["body"]
    link = re.search(r"https?://\S+/directory/answer/\S+/", body).group(0)
    assert link != lost

    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    gone = phone.context.new_page()  # its 404 is the answer here, not a fault for the accessibility check to report
    gone.goto(lost)
    expect(gone.get_by_role("heading", level=1)).to_have_text("This link does not work")
    gone.close()
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("A referral to Northvale Befriending")
    shared = phone.locator("#shared")
    expect(shared).to_contain_text("Company on Tuesday afternoons")
    expect(shared).to_contain_text("Ada Lovelace")
    expect(phone.locator("main")).not_to_contain_text("07700 900123")
    look(phone, "referring-answer", phone=True)
    phone.get_by_label("We can help: we accept the referral").check()
    phone.get_by_role("button", name="Send your answer").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you: your answer was sent")
    look(phone, "referring-thanks", phone=True)
    phone.goto(link)
    look(phone, "referring-answer-accepted", phone=True)
    phone.get_by_label("We helped: this is the outcome").check()
    phone.get_by_role("button", name="Send your answer").click()
    expect_error_summary(phone, "Say what happened")
    look(phone, "referring-answer-error", phone=True)
    expect(phone.get_by_label("We helped: this is the outcome")).to_be_checked()
    phone.get_by_label("What happened").fill("Ada joined our Tuesday lunch group")
    phone.get_by_role("button", name="Send your answer").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you: your answer was sent")

    desk.goto(f"/people/{ada.pk}/")
    expect(desk.locator("#community-referrals")).to_contain_text("Ada joined our Tuesday lunch group")
    expect(desk.locator("main")).to_contain_text("Northvale Befriending gave the outcome: Ada joined our Tuesday")
    look(desk, "referring-person-page")
