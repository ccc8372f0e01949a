"""A team leader finds who most needs a familiar face, and gives them one.

Lena leads the Riverside team. Ada wants to see the same person and has an illness that cannot be cured, so her
continuity priority is high; but of her four contacts this year only one was with Sam, her named worker: the
others were with Bea. Lena opens Continuity from the header, sees Ada at the top, reviews her named worker, and
chooses Bea, whom Ada already knows. Then she looks at Ada's own measures, from Ada's page.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.continuity.models import Contact, ContinuityFacts
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory

from .browser import assert_accessible, expect_error_summary, expect_success, menu_link, sign_in


def test_a_team_leader_gives_someone_a_familiar_face(page, staff):
    team = TeamFactory(name="Riverside neighbourhood team")
    lena, secret = staff("team_leader", team=team, first_name="Lena", last_name="Moss")
    sam, _ = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    bea, _ = staff("clinician", team=team, first_name="Bea", last_name="Ward")
    ada = PersonFactory(given_name="Ada", family_name="Okafor")
    ben = PersonFactory(given_name="Ben", family_name="Hill")  # medium priority: not on the list
    for person in (ada, ben):
        CareRelationship.objects.create(person=person, kind="team_caseload", team=team)
        CareRelationship.objects.create(
            person=person, kind="named_worker", user=sam, started_at=timezone.now() - timedelta(days=400)
        )
    ContinuityFacts.objects.create(
        person=ada, wants_continuity=True, incurable_illness=True, priority=6, updated_by=sam
    )
    ContinuityFacts.objects.create(person=ben, lives_alone=True, long_term_condition=True, priority=2, updated_by=sam)
    for days, worker in [(90, bea), (60, sam), (30, bea), (7, bea)]:
        Contact.objects.create(
            person=ada,
            practitioner=worker,
            kind="home_visit",
            at=timezone.now() - timedelta(days=days),
            minutes=30,
            recorded_by=worker,
        )

    sign_in(page, lena, secret)
    menu_link(page, "Continuity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Continuity of care")
    first = page.locator("#needing-list tbody tr").first
    expect(first).to_contain_text("Ada Okafor")
    expect(first).to_contain_text("High (6)")
    expect(first).to_contain_text("1 of 4 contacts with Sam")
    expect(page.locator("#needing-list")).not_to_contain_text("Ben Hill")
    expect(page.get_by_role("link", name="Book with Sam for Ada Okafor")).to_be_visible()
    expect(page.locator("#at-a-glance")).to_contain_text("1 person on the caseload")
    expect(page.locator("#worked-out")).to_contain_text("worked out just now")
    expect(page.get_by_role("img", name="Usual provider of care (UPC), by quarter")).to_be_visible()
    page.locator("#chart-1-numbers summary").click()
    expect(page.locator("#chart-1-table tbody tr")).to_have_count(8)
    page.get_by_text("What these measures mean").click()
    expect(page.get_by_text("The share of contacts with the worker they saw most.")).to_be_visible()
    assert_accessible(page)

    first.get_by_role("link", name="Review named worker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the named worker")
    expect(page.locator("#seen")).to_contain_text("Bea Ward")
    assert_accessible(page)
    page.get_by_role("button", name="Change named worker").click()
    expect_error_summary(
        page, "Select who will be their new named worker", "Say why you are changing their named worker"
    )
    assert_accessible(page)
    page.get_by_label("New named worker").select_option(label="Bea Ward – seen 3 times")
    page.get_by_label("Why are you changing their named worker?").fill(
        "Ada knows Bea from her visits and is at ease with her."
    )
    page.get_by_role("button", name="Change named worker").click()
    expect_success(page, "Named worker changed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Continuity of care")
    expect(page.get_by_text("Nobody on the caseload with a high continuity priority")).to_be_visible()
    assert_accessible(page)

    # Ada's own measures, from her page: Bea is now her named worker, though the contacts were with Bea before.
    page.goto(f"/people/{ada.pk}/")
    page.get_by_role("link", name="Continuity measures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Continuity measures")
    expect(page.get_by_text("Named worker now: Bea Ward")).to_be_visible()
    expect(page.locator("#measures")).to_contain_text("Usual provider of care (UPC) 0.75")
    expect(page.locator("#contact-list tbody tr")).to_have_count(4)
    assert_accessible(page)
    page.get_by_role("group", name="From").get_by_label("Day").fill("31")
    page.get_by_role("group", name="From").get_by_label("Month").fill("2")
    page.get_by_role("button", name="Show").click()
    expect_error_summary(page, "The start date must be a real date, for example 1 4 2025")
    expect(page.get_by_role("group", name="From").get_by_label("Day")).to_have_value("31")
    assert_accessible(page)
