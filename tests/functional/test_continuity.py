"""Journey 14: a named worker records a contact in a few seconds, straight from their caseload.

The home page lists the people they are named worker for, each with a "record a contact" link. The form needs
only what the worker knows (the kind and the time are filled in); a mistake is explained without losing the
note; the person's page then counts the contact as one with their named worker.
"""

import re

from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in


def test_record_a_contact_from_the_caseload(page, staff):
    sam, secret = staff("clinician", team=TeamFactory(), first_name="Sam", last_name="Patel")
    ada = PersonFactory(given_name="Ada", family_name="Okafor")
    CareRelationship.objects.create(person=ada, kind="named_worker", user=sam)

    sign_in(page, sam, secret)
    page.get_by_role("link", name="record a contact with Ada Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
    assert_accessible(page)
    page.get_by_label("Phone call").check()
    page.get_by_label("How long, in minutes?").fill("0")
    page.get_by_label("A short note (optional)").fill("Rang after the fall; sounds brighter.")
    page.get_by_role("button", name="Record contact").click()
    expect_error_summary(page, "Enter how long in minutes: at least 1")
    expect(page.get_by_label("A short note (optional)")).to_have_value("Rang after the fall; sounds brighter.")
    assert_accessible(page)
    page.get_by_label("How long, in minutes?").fill("15")
    page.get_by_role("button", name="Record contact").click()
    expect_success(page, "Contact recorded")
    page.get_by_role("link", name="Skip", exact=True).click()  # the moment of reflection offered next is optional
    expect(page.locator("#continuity + p")).to_contain_text("1 contact, 1 with Sam (100%)")
    # One history: the contact, with its note, is on Ada's timeline at the time it happened.
    newest = page.locator(".alongside-timeline > li").first
    expect(newest).to_contain_text("Phone call, 15 minutes. Rang after the fall; sounds brighter.")
    measures_date = re.compile(r"Contact, (\d+ \w+ \d{4}), ")
    heading = newest.get_by_role("heading").text_content() or ""
    assert measures_date.search(heading), heading
    assert_accessible(page)
    page.get_by_role("link", name="Continuity measures").click()
    expect(page.locator("#contact-list")).to_contain_text(measures_date.search(heading).group(1))
    page.go_back()

    # Sam records what makes a familiar worker matter for Ada; the page says why her priority is high.
    page.get_by_role("link", name="Change the facts behind it").click()
    assert_accessible(page)
    page.get_by_label("Severe").check()
    page.get_by_label("They have said seeing the same person matters to them").check()
    page.get_by_role("button", name="Save").click()
    expect_success(page, "Continuity priority saved")
    expect(page.get_by_text("Continuity priority: High")).to_be_visible()


def test_ask_for_a_different_named_worker_and_the_team_leader_answers(page, new_context, staff, person_user):
    from alongside.people.models import Person

    team = TeamFactory(name="Riverside neighbourhood team")
    leader, leader_secret = staff("team_leader", team=team, first_name="Lena", last_name="Moss")
    sam, _ = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    staff("clinician", team=team, first_name="Bea", last_name="Ward")
    mabel = Person.objects.get(user=person_user)
    CareRelationship.objects.create(person=mabel, kind="named_worker", user=sam)
    CareRelationship.objects.create(person=mabel, kind="team_caseload", team=team)

    sign_in(page, person_user)
    page.goto(f"/people/{mabel.pk}/")
    page.get_by_role("link", name="Ask for a different named worker").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send to the team leader").click()
    expect_error_summary(page, "Tell us a little about why, so the team leader can find the right person")
    page.get_by_label("Why would a different named worker be better?").fill("I would feel easier with a woman.")
    page.get_by_role("button", name="Send to the team leader").click()
    expect_success(page, "Your request has gone to the team leader")
    assert_accessible(page)

    lena = new_context().new_page()
    sign_in(lena, leader, leader_secret)
    lena.goto("/continuity/named-worker-requests/")
    assert_accessible(lena)
    lena.locator("#waiting").get_by_role("link", name="Mabel Okafor").click()
    expect(lena.get_by_text("I would feel easier with a woman.")).to_be_visible()
    assert_accessible(lena)
    lena.get_by_label("Change their named worker").check()
    lena.get_by_label("New named worker").select_option(label="Bea Ward")
    lena.get_by_label("Your answer").fill("Bea will ring you this week to say hello.")
    lena.get_by_role("button", name="Send answer").click()
    expect_success(lena, "Answered")

    page.goto(f"/people/{mabel.pk}/")
    expect(page.locator("#continuity + p")).to_contain_text("Your named worker is Bea Ward.")
    expect(page.get_by_role("main")).to_contain_text("They said: “Bea will ring you this week to say hello.”")
