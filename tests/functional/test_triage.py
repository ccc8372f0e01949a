"""Journeys 12 and 13: a GP refers, the single point of access triages, the team allocates, the GP hears back.

A GP makes a referral for someone already known, with one mistake the form explains. The triage officer finds it
in the queue, sees how the person the referral is probably about agrees with it, confirms them, and accepts it for
the neighbourhood team covering the address (suggested). The team leader allocates a named worker, with the one
who knew the person before suggested first. The GP sees the outcome, with the named worker's name because the
person agreed. Every page is checked with axe.
"""

import re
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.partners.models import Neighbourhood, Team
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in, sign_out


def test_a_referral_from_the_gp_to_a_named_worker_and_back(page, new_context, staff):
    riverside = Neighbourhood.objects.create(name="Riverside", postcode_districts="NV1")
    team = TeamFactory(name="Riverside neighbourhood team", neighbourhood=riverside)
    TeamFactory(name="Hillcrest neighbourhood team")
    gp, gp_secret = staff("gp", first_name="Grace", last_name="Palmer")
    triage, triage_secret = staff("spa_triage", team=TeamFactory(kind=Team.Kind.SPA), first_name="Tom", last_name="Ade")
    leader, leader_secret = staff("team_leader", team=team, first_name="Lena", last_name="Moss")
    known, _ = staff("clinician", team=team, first_name="Bea", last_name="Known")
    staff("clinician", team=team, first_name="Ann", last_name="Free")
    ada = PersonFactory(given_name="Ada", family_name="Okafor", birth_date=date(1941, 3, 12), postcode="NV1 2AB")
    CareRelationship.objects.create(
        person=ada,
        kind="named_worker",
        user=known,
        started_at=timezone.now() - timedelta(days=500),
        ended_at=timezone.now() - timedelta(days=40),
    )

    # The GP makes the referral; a missing reason is explained and nothing typed is lost.
    sign_in(page, gp, gp_secret)
    page.get_by_role("link", name="Referrals I made").first.click()
    page.get_by_role("link", name="Make a referral").click()
    assert_accessible(page)
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1941")
    page.get_by_label("Postcode").fill("NV1 2AB")
    page.get_by_label("Soon").check()
    page.get_by_role("group", name="Does the person know about this referral and agree to it?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("They agree that we tell you who their named worker will be").check()
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Enter why you are making this referral")
    assert_accessible(page)
    expect(page.get_by_label("First name")).to_have_value("Ada")
    page.get_by_label("Why are you referring them?").fill("Three falls this month; lives alone.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending the referral")
    page.get_by_role("button", name="Send referral").click()
    expect_success(page, "sent to the single point of access")
    gp_page, page = page, new_context().new_page()  # the GP stays signed in, in their own browser

    # The triage officer finds it, confirms who it is, and accepts it for the suggested team.
    sign_in(page, triage, triage_secret)
    page.get_by_role("link", name="Referrals", exact=True).click()
    assert_accessible(page)
    page.locator("#queue").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Okafor")
    assert_accessible(page)
    page.get_by_role("link", name="Confirm who this is").click()
    match = page.get_by_role("radio", name="Possible match 1")
    for agrees in ("Same date of birth", "Same family name", "Same first name", "Same postcode"):
        expect(match).to_have_accessible_description(re.compile(agrees))
    assert_accessible(page)
    match.check()
    page.get_by_role("button", name="Confirm").click()
    expect_success(page, "Confirmed who the referral is about")
    expect(page.locator("#team-suggestions")).to_contain_text("Riverside neighbourhood team: covers their address")
    assert_accessible(page)
    # Each option's fields appear under it once chosen; accepting needs a reason, because the GP reads it.
    expect(page.get_by_label("Which team will support them?")).to_be_hidden()
    page.get_by_label("Accept: a neighbourhood team will support them").check()
    expect(page.get_by_label("Which team will support them?")).to_have_value(str(team.pk))
    expect(page.get_by_label("Or another service's name")).to_be_hidden()
    expect(page.locator("#share-agreed")).to_be_visible()  # the GP recorded that Ada agreed: not asked again
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()
    expect_error_summary(
        page, "Enter why you are accepting it: the referrer reads this, so tell them what happens next"
    )
    expect(page.get_by_label("Which team will support them?")).to_be_visible()  # still open, still chosen
    page.get_by_label("Why? The referrer will read this").fill("The Riverside team knows Ada and covers her address.")
    page.get_by_role("button", name="Record decision").click()
    expect_success(page, "Accepted")
    sign_out(page)

    # The team leader allocates: Bea, who knew Ada before, comes first.
    sign_in(page, leader, leader_secret)
    page.goto(f"/referrals/{ada.referrals.get().pk}/")  # the link from the alert on their home page, in practice
    page.get_by_role("link", name="Allocate a named worker").click()
    first = page.get_by_role("radio").first
    expect(first).to_be_checked()
    expect(page.get_by_text("Was their named worker until")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Allocate").click()
    expect_success(page, "Named worker allocated")
    assert_accessible(page)

    # Once Bea has visited, the team leader who allocated her closes the referral.
    page.get_by_role("link", name="Close the referral").click()
    assert_accessible(page)
    page.get_by_role("button", name="Close referral").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter why you are closing the referral")
    page.get_by_label("Why are you closing it?").fill("Bea has visited and Ada is settled")
    page.get_by_role("button", name="Close referral").click()
    expect_success(page, "Referral closed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals for my team")
    sign_out(page)

    # The GP hears what happened, with the named worker's name because Ada agreed.
    page = gp_page
    page.goto("/referrals/mine/")
    expect(page.locator("#mine")).to_contain_text(
        "Bea Known from the Riverside neighbourhood team is Ada Okafor's named worker"
    )
    assert_accessible(page)
