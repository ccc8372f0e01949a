"""Journey: a GP finds their own practice's patient, refers them from the record with nothing typed twice, checks
the answers, changes one, and sends. Registration with the practice is the basis (ADR 0023). Every page is checked
with axe; the check-your-answers page at a phone's size too."""

import re
from datetime import date

from playwright.sync_api import expect

from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.models import Referral

from .browser import URL, assert_accessible, expect_success, sign_in


def test_a_gp_refers_their_own_patient_from_the_record_and_checks_the_answers(page, staff):
    practice = OrganisationFactory(name="Mill Lane Surgery", kind=Organisation.Kind.GP_PRACTICE)
    gp, secret = staff(
        "gp", team=TeamFactory(organisation=practice, kind=Team.Kind.PRACTICE), first_name="Grace", last_name="Palmer"
    )
    ada = PersonFactory(
        given_name="Ada",
        family_name="Okafor",
        birth_date=date(1941, 3, 12),
        nhs_number="9991234519",
        address_line="3 Mill Lane",
        postcode="NV1 2AB",
        gp_practice=practice,
    )
    PersonFactory(given_name="Ada", family_name="Okafer", gp_practice=OrganisationFactory())  # another practice's
    sign_in(page, gp, secret)

    # Their own patient is found, and only them.
    page.goto("/people/")
    page.get_by_role("searchbox").fill("Ada Okafor")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.get_by_role("table", name=re.compile(r"found"))
    expect(results.get_by_role("link")).to_have_text(["Ada Okafor"])
    results.get_by_role("link", name="Ada Okafor").click()
    assert_accessible(page)

    # Refer this person: what the record says is filled in.
    page.get_by_role("link", name="Refer this person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a referral")
    expect(page.locator("#from-record")).to_contain_text("Ada Okafor")
    expect(page.get_by_label("First name")).to_have_value("Ada")
    expect(page.get_by_label("Last name")).to_have_value("Okafor")
    expect(page.get_by_label("Year")).to_have_value("1941")
    expect(page.get_by_label("NHS number (optional)")).to_have_value("9991234519")
    expect(page.get_by_label("Postcode")).to_have_value("NV1 2AB")
    assert_accessible(page)
    page.get_by_label("Why are you referring them?").fill("Three falls this month; lives alone.")
    page.get_by_label("Soon").check()
    page.get_by_role("group", name="Does the person know about this referral and agree to it?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Continue").click()

    # Check your answers; change one, and everything else is still there.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending the referral")
    expect(page).to_have_title(re.compile(r"^Check your answers before sending the referral"))
    expect(page.get_by_role("main")).to_contain_text("12 March 1941")
    expect(page.get_by_role("main")).to_contain_text("Three falls this month; lives alone.")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not Referral.objects.exists()
    page.get_by_role("link", name="Change why you are referring them").click()
    expect(page).to_have_url(URL("/referrals/new/"))
    why = page.get_by_label("Why are you referring them?")
    expect(why).to_have_value("Three falls this month; lives alone.")
    expect(page.get_by_label("Last name")).to_have_value("Okafor")
    expect(
        page.get_by_role("group", name="Does the person know about this referral and agree to it?").get_by_label("Yes")
    ).to_be_checked()
    why.fill("Three falls this month; lives alone since her husband died.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("main")).to_contain_text("since her husband died")
    page.get_by_role("button", name="Send referral").click()
    expect_success(page, "sent to the single point of access")
    made = Referral.objects.get()
    assert made.person == ada  # the NHS number from the record matched them at once
    assert made.reason.endswith("since her husband died.")
    assert_accessible(page)
