"""Journey: triage asks the MDT to discuss someone. On the referral's page, "Ask the MDT to discuss them"; the box is
not ticked for them; the reason shows once it is ticked; ticked without a reason, the page says what is missing and
keeps the tick; a reason with the box unticked is refused and kept; with a reason it is saved and the referral's page
says so. Axe-clean at 1280 and 375 px."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.models import Referral
from alongside.referrals.tests.factories import ReferralFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in
from .test_small_screen import PHONE, assert_fits

SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")
WHY = "Three services visit and nobody is leading her care."


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["computer", "phone"])
def test_triage_asks_the_mdt_to_discuss_someone(new_context, staff, viewport):
    triage, secret = staff("spa_triage", team=TeamFactory(kind=Team.Kind.SPA), first_name="Tom", last_name="Reyes")
    referral = ReferralFactory(person=PersonFactory(given_name="Ada", family_name="Okafor"), status="triaged")
    page = new_context(viewport=viewport).new_page()
    sign_in(page, triage, secret)
    page.goto(f"/referrals/{referral.pk}/")
    page.get_by_role("link", name="Ask the MDT to discuss them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Discuss at the MDT")
    box = page.get_by_label("Discuss at the MDT")
    expect(box).not_to_be_checked()
    why = page.get_by_label("Why should the MDT discuss them?")
    expect(why).to_be_hidden()  # revealed once the box is ticked
    shot(page, "referral-mdt-flag", viewport)
    box.check()
    expect(why).to_be_visible()
    shot(page, "referral-mdt-flag-ticked", viewport)
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, "Write why the MDT should discuss them")
    expect(page.get_by_label("Discuss at the MDT")).to_be_checked()  # nothing lost
    shot(page, "referral-mdt-flag-error", viewport)
    page.get_by_label("Why should the MDT discuss them?").fill(WHY)
    page.get_by_label("Discuss at the MDT").uncheck()  # a reason with the box unticked is never thrown away
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, "You wrote why, but did not ask the MDT: tick the box, or clear the reason")
    expect(page.get_by_label("Why should the MDT discuss them?")).to_have_value(WHY)
    shot(page, "referral-mdt-flag-unticked", viewport)
    page.get_by_label("Discuss at the MDT").check()
    page.get_by_role("button", name="Save").click()
    expect_success(page, "The MDT will be asked to discuss them")
    expect(page.locator("#mdt-flag")).to_contain_text(WHY)
    assert Referral.objects.get(pk=referral.pk).discuss_at_mdt


def shot(page, name: str, viewport: dict) -> None:
    assert_accessible(page)
    if viewport["width"] < 400:
        assert_fits(page)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{viewport['width']}.png"), full_page=True)
