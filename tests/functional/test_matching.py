"""Journey: who is this referral about? The single point of access matches a referral without seeing anyone's details.

A triage officer took a phone call and wrote a referral. They cannot match it themselves: the queue, the referral
and the matching page say a colleague does, and it waits for them. The colleague sees each possible match only as
how it agrees with the referral (never the match's NHS number, date of birth, name, postcode or GP practice), is
told to choose when they press Confirm without choosing, then confirms. The page is checked with axe at desktop
width and on a phone, where it must fit without sideways scrolling (ADR 0016).
"""

import re
from datetime import date

from playwright.sync_api import expect

from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.tests.factories import ReferralFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in
from .test_error_pages import forget_own_status_error
from .test_small_screen import PHONE, assert_fits

DESKTOP = {"width": 1280, "height": 900}
# Details of the people known that the referral does not give: none may appear on the matching page.
HIDDEN = ["Philomena", "Quaxley", "23 November 1917", "1917", "ZE3", "Marshwiggle Surgery", "Okafor", "999 731 5022"]


def test_a_colleague_matches_a_phoned_in_referral_from_how_the_details_agree(new_context, staff):
    spa = TeamFactory(kind=Team.Kind.SPA, name="Single point of access")
    writer, writer_secret = staff("spa_triage", team=spa, first_name="Tom", last_name="Ade")
    colleague, colleague_secret = staff("spa_triage", team=spa, first_name="Una", last_name="Okoro")
    PersonFactory(
        given_name="Philomena",
        family_name="Quaxley",
        birth_date=date(1917, 11, 23),
        postcode="ZE3 9QX",
        nhs_number="9996183076",
        gp_practice=OrganisationFactory(name="Marshwiggle Surgery", kind=Organisation.Kind.GP_PRACTICE),
    )
    ada = PersonFactory(
        given_name="Ada",
        family_name="Okafor",
        birth_date=date(1941, 3, 12),
        postcode="NV1 2AB",
        nhs_number="9997315022",
    )
    said = dict(given_name="Ada", family_name="Okafro", birth_date=date(1941, 3, 12), postcode="NV1 2AB")
    referral = ReferralFactory(**said, nhs_number="", source="family_carer", referrer_user=writer)
    other = ReferralFactory(**said, nhs_number="9996183076", source="family_carer", referrer_user=writer)

    # The writer is told, in the queue, on the referral and on the matching page, that a colleague matches it.
    page = new_context(viewport=DESKTOP).new_page()
    sign_in(page, writer, writer_secret)
    page.goto("/referrals/")
    expect(page.locator("#queue")).to_contain_text("You wrote it: a colleague confirms who it is about")
    page.goto(f"/referrals/{referral.pk}/")
    expect(page.locator("#matched-by-a-colleague")).to_contain_text("It stays in the queue for them")
    expect(page.get_by_role("link", name="Confirm who this is")).to_have_count(0)
    assert_accessible(page)
    response = page.goto(f"/referrals/{referral.pk}/person/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("A colleague will confirm who this is")
    expect(page).to_have_title("A colleague will confirm who this is – Alongside")
    forget_own_status_error(page, 403)
    assert_accessible(page)

    # A colleague, at a desktop, matches it from how each detail agrees.
    page = new_context(viewport=DESKTOP).new_page()
    sign_in(page, colleague, colleague_secret)
    page.goto(f"/referrals/{referral.pk}/")
    page.get_by_role("link", name="Confirm who this is").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is this referral about?")
    expect(page).to_have_title("Who is this referral about? – Alongside")
    expect(page.get_by_role("link", name="Back to the referral")).to_be_visible()
    expect(page.locator("#referral-says")).to_contain_text("Okafro")
    match = page.get_by_role("radio", name="Possible match 1")
    for words in ("NHS number not known", "Same date of birth", "Similar family name", "Same postcode"):
        expect(match).to_have_accessible_description(re.compile(words))
    expect(page.get_by_role("radio", name="Possible match 2")).to_have_count(0)
    expect(page.get_by_role("radio", checked=True)).to_have_count(0)  # nothing chosen for the officer
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect_error_summary(page, "Select the person this referral is about, or that it is someone new")
    assert_accessible(page)
    page.get_by_role("radio", name="Possible match 1").check()
    page.get_by_role("button", name="Confirm").click()
    expect_success(page, "Confirmed who the referral is about")
    referral.refresh_from_db()
    assert referral.person == ada and referral.status == "triaged"

    # On a phone, the page fits the screen, stays accessible, and still shows nobody's details.
    signed_in = page.context.storage_state()  # the same colleague, already signed in (a code works only once)
    phone = new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, storage_state=signed_in
    ).new_page()
    phone.goto(f"/referrals/{other.pk}/person/")
    expect(phone.get_by_role("radio", name="Possible match 1")).to_be_visible()
    nhs_number_only = phone.get_by_role("radio", name="Possible match 2")  # Philomena: the NHS number, nothing else
    expect(nhs_number_only).to_have_accessible_description(re.compile("^NHS number matches Date of birth differs"))
    shown = phone.content()
    assert not [value for value in HIDDEN + ["9997315022"] if value in shown]
    assert_fits(phone)
    assert_accessible(phone)
