"""The decision form, as the single point of access uses it: each option's fields under that option, revealed as
it is chosen (and all shown, still working, without JavaScript); nothing ticked for the person before they agreed,
there or on a referral taken by phone. Every page is checked with axe, at a phone's size too."""

from playwright.sync_api import expect

from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.models import Referral
from alongside.referrals.tests.factories import ReferralFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in


def test_redirecting_reveals_its_own_field_and_nothing_is_ticked_for_the_person(page, staff):
    TeamFactory(name="Riverside neighbourhood team")
    triage, secret = staff("spa_triage", team=TeamFactory(kind=Team.Kind.SPA))
    made = ReferralFactory(person=PersonFactory(given_name="Ada", family_name="Okafor"), status="triaged")
    sign_in(page, triage, secret)

    # A phone referral taken by the single point of access: no agreement is ticked or chosen before anyone asks.
    page.goto("/referrals/new/")
    expect(page.get_by_label("They agree that we tell you who their named worker will be")).not_to_be_checked()
    for answer in (
        page.get_by_role("group", name="Does the person know about this referral and agree to it?")
        .get_by_role("radio")
        .all()
    ):
        expect(answer).not_to_be_checked()

    page.goto(f"/referrals/{made.pk}/decision/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What have you decided for Ada Okafor?")
    for hidden in ("Which team will support them?", "Or another service's name"):
        expect(page.get_by_label(hidden)).to_be_hidden()
    page.get_by_label("Accept: a neighbourhood team will support them").check()
    share = page.get_by_label("The person agrees that the referrer may be told who their named worker is")
    expect(share).to_be_visible()
    expect(share).not_to_be_checked()  # the referrer did not record their agreement: nobody ticks it for them
    page.get_by_label("Redirect: another service is better placed to help").check()
    expect(page.get_by_label("Which team will support them?")).to_be_hidden()
    expect(page.get_by_label("Or another service's name")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()
    expect_error_summary(
        page,
        "Select the service you are redirecting them to, or type its name",
        "Enter why another service is better placed: the referrer reads this",
    )
    expect(page.get_by_label("Or another service's name")).to_be_visible()  # still open, with its errors
    assert_accessible(page)
    page.get_by_label("Or another service's name").fill("Living Well befriending")
    page.get_by_label("Why? The referrer will read this").fill("They run a weekly lunch club near her.")
    page.get_by_role("button", name="Record decision").click()
    expect_success(page, "Decision recorded")
    expect(page.locator("#outcome")).to_contain_text("Living Well befriending")
    expect(page.get_by_text("Passed to another service").first).to_be_visible()


def test_without_javascript_every_option_s_fields_show_and_the_form_still_works(page, new_context, staff):
    team = TeamFactory(name="Riverside neighbourhood team")
    triage, secret = staff("spa_triage", team=TeamFactory(kind=Team.Kind.SPA))
    made = ReferralFactory(person=PersonFactory(given_name="Ada", family_name="Okafor"), status="triaged")
    sign_in(page, triage, secret)  # axe, run on signing in, needs JavaScript: then the same session without it
    page = new_context(java_script_enabled=False, storage_state=page.context.storage_state()).new_page()
    page.goto(f"/referrals/{made.pk}/decision/")
    for shown in ("Which team will support them?", "Or another service's name", "Why? The referrer will read this"):
        expect(page.get_by_label(shown)).to_be_visible()
    page.get_by_label("Accept: a neighbourhood team will support them").check()
    page.get_by_label("Which team will support them?").select_option(str(team.pk))
    page.get_by_label("Why? The referrer will read this").fill("The Riverside team covers her address.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("named worker")
    made.refresh_from_db()
    assert made.status == "accepted" and made.team == team and not made.share_named_worker
    assert Referral.objects.get(pk=made.pk).decision_reason == "The Riverside team covers her address."
