"""Journey: the single point of access passes a referral to a voluntary service that is a partner in Alongside; its
coordinator finds it waiting on their home page, takes the person on with a reason, and the GP who referred reads
it. Every page is checked with axe, the coordinator's at a phone's size too."""

from playwright.sync_api import expect

from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.tests.factories import ReferralFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in, sign_out


def test_a_referral_passed_to_a_partner_service_reaches_its_coordinator_and_back(page, new_context, staff):
    living_well = OrganisationFactory(name="Living Well", kind=Organisation.Kind.VOLUNTARY)
    coordinator, coordinator_secret = staff(
        "coordinator",
        team=TeamFactory(organisation=living_well, kind=Team.Kind.VOLUNTEER_HUB),
        first_name="Cara",
        last_name="Mills",
    )
    gp, gp_secret = staff("gp", first_name="Grace", last_name="Palmer")
    triage, triage_secret = staff("spa_triage", team=TeamFactory(kind=Team.Kind.SPA))
    ada = PersonFactory(given_name="Ada", family_name="Okafor")
    made = ReferralFactory(
        person=ada, status="triaged", referrer_user=gp, given_name="Adah", family_name="Okafor", source="gp"
    )

    # The single point of access passes it to Living Well, chosen from the partner services.
    sign_in(page, triage, triage_secret)
    page.goto(f"/referrals/{made.pk}/decision/")
    page.get_by_label("Redirect: another service is better placed to help").check()
    page.get_by_label("Which service?").select_option(label="Living Well")
    page.get_by_label("Why? The referrer will read this").fill("Living Well runs a lunch club near her.")
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()
    expect_success(page, "Decision recorded")
    sign_out(page)

    # Living Well's coordinator finds it waiting on their home page, and answers it.
    sign_in(page, coordinator, coordinator_secret)
    waiting = page.locator("#waiting-for-service")
    expect(waiting).to_contain_text("passed to Living Well")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    waiting.get_by_role("link").first.click()
    page.get_by_role("link", name="Answer this referral").click()
    assert_accessible(page)
    page.get_by_label("We will take them on").check()
    page.get_by_role("button", name="Send answer").click()
    expect_error_summary(page, "Enter what happens next: the referrer reads this")
    page.get_by_label("What happens next? The referrer will read this").fill("Sam will phone her this week.")
    page.get_by_role("button", name="Send answer").click()
    expect_success(page, "You have taken them on")
    expect(page.locator("#taken-on")).to_contain_text("You told the referrer: Sam will phone her this week.")
    assert_accessible(page)
    page.get_by_role("link", name="Referrals for my service").first.click()
    expect(page.locator("#service-referrals")).to_contain_text("Taken on")
    assert_accessible(page)
    sign_out(page)

    # The GP reads the answer, by the name on Ada's record.
    sign_in(page, gp, gp_secret)
    page.goto("/referrals/mine/")
    expect(page.locator("#mine")).to_contain_text(
        "Living Well has taken Ada Okafor on and will be in touch. Sam will phone her this week."
    )
    assert_accessible(page)
