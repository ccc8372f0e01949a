"""Information governance's pages, as a reviewer uses them.

The review queue says in words which break-glass reviews are overdue (not reviewed within the working days the
service allows, 5 unless set) and which uses read the record more often than usual. The audit search finds a
person and a user by name, asks which one when a name fits several, takes dates in the NHS.UK day, month and
year boxes, and shows what was done and why in words, never as codes.
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.breakglass.tests.factories import BreakGlassFactory
from alongside.core.models import AuditEvent
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .browser import URL, assert_accessible, expect_error_summary, sign_in

CODES = re.compile(r"\b(person_viewed|signed_in|relationship|break_glass_\w+|audit_searched)\b")


def card(main, heading):
    return main.locator(".nhsuk-card").filter(has=main.page.get_by_role("heading", name=heading, exact=True))


def test_the_reviewer_sees_overdue_reviews_and_many_reads_in_words(page, staff, settings):
    settings.BREAK_GLASS_UNUSUAL_READS = 10
    team = TeamFactory(name="Riverside Neighbourhood Team")
    sam, _ = staff("clinician", team=team, first_name="Sam", last_name="Okoro")
    kim, _ = staff("clinician", team=team, first_name="Kim", last_name="Lee")
    iris, iris_secret = staff("ig_reviewer", team=team, first_name="Iris", last_name="Gale")
    ada, bob = PersonFactory(given_name="Ada", family_name="Okafor"), PersonFactory(given_name="Bob", family_name="Tan")
    BreakGlassFactory(user=sam, person=ada, started_at=timezone.now() - timedelta(days=14))
    BreakGlassFactory(user=kim, person=bob, started_at=timezone.now() - timedelta(hours=1))
    AuditEvent.objects.bulk_create(
        AuditEvent(actor=kim, action="person_viewed", person_id=bob.pk, basis="break_glass") for _ in range(12)
    )

    sign_in(page, iris, iris_secret)
    main = page.get_by_role("main")
    expect(card(main, "Break-glass reviews")).to_contain_text("2 uses of break-glass awaiting review, 1 overdue")
    card(main, "Break-glass reviews").get_by_role("link").click()
    expect(page).to_have_url(URL("/break-glass/reviews/"))
    expect(main).to_contain_text("Review each use within 5 working days of its start")
    expect(main.get_by_role("heading", name="Awaiting review (2, 1 overdue)")).to_be_visible()
    awaiting = main.get_by_role("table", name="Break-glass uses awaiting review, oldest first")
    late, busy = awaiting.get_by_role("row").nth(1), awaiting.get_by_role("row").nth(2)
    expect(late).to_contain_text("Sam Okoro")
    expect(late.get_by_role("cell").last).to_contain_text(
        re.compile(r"Overdue\s+was due \d+ \w+ \d{4}, \d+ working days? ago")
    )
    expect(busy).to_contain_text("Kim Lee")
    expect(busy).to_contain_text("Many reads 12, more than 10")
    expect(busy.get_by_role("cell").last).not_to_contain_text("Overdue")
    assert_accessible(page)

    awaiting.get_by_role("link", name="review Kim Lee's use of break-glass").click()
    summary = main.locator(".nhsuk-summary-list").first
    expect(summary).to_contain_text("12: more than the usual 10. Check why so many were needed.")
    expect(main).not_to_contain_text("person_viewed")
    assert_accessible(page)


def test_the_reviewer_searches_the_audit_by_name_and_reads_it_in_words(page, new_context, staff):
    team = TeamFactory(name="Riverside Neighbourhood Team", organisation__name="Northvale Community Health")
    sam, sam_secret = staff("clinician", team=team, first_name="Sam", last_name="Okoro", username="sam.okoro")
    staff("clinician", team=team, first_name="Samuel", last_name="Reid", username="samuel.reid")
    iris, iris_secret = staff("ig_reviewer", team=team, first_name="Iris", last_name="Gale")
    ada = PersonFactory(given_name="Ada", family_name="Okafor")
    PersonFactory(given_name="Ada", family_name="Okoye")
    RelationshipFactory(person=ada, user=sam, started_at=timezone.now() - timedelta(days=30))

    sam_page = new_context().new_page()
    sign_in(sam_page, sam, sam_secret)
    sam_page.goto(f"/people/{ada.pk}/")
    expect(sam_page.get_by_role("heading", level=1)).to_contain_text("Ada Okafor")

    sign_in(page, iris, iris_secret)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Audit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the audit")
    assert_accessible(page)

    # A name that fits two people, and a user's first name that fits two users: the page asks which.
    page.get_by_label("Person (optional)").fill("Ada")
    page.get_by_label("User (optional)").fill("sam")
    page.get_by_role("button", name="Search").click()
    expect_error_summary(
        page,
        "2 people are called Ada. Choose one from the list below the search.",
        "2 users match sam. Choose one from the list below the search.",
    )
    expect(page.get_by_label("Person (optional)")).to_have_value("Ada")
    expect(page.get_by_role("heading", name="Which person?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Ada Okafor\W+search the audit for them$")).click()
    expect_error_summary(page, "2 users match sam. Choose one from the list below the search.")
    page.get_by_role("link", name=re.compile(r"^Sam Okoro\W+search the audit for them$")).click()

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name=re.compile(r"^\d+ events? found$"))).to_be_visible()
    results = main.get_by_role("table", name="Audit events, newest first")
    looked = results.get_by_role("row").filter(has_text="Looked at the person's record")
    expect(looked.first.get_by_role("cell")).to_contain_text(
        [
            re.compile(r"\d+ \w+ \d{4}, \d\d:\d\d"),
            re.compile(r"Sam Okoro \(sam.okoro\)\s*Clinician, Northvale Community Health"),
            re.compile(r"Ada Okafor"),
            "Looked at the person's record",
            "Part of the person's care team",
        ]
    )
    assert not CODES.search(main.inner_text())
    assert_accessible(page)

    # Dates are typed in day, month and year boxes; a wrong one is explained and kept.
    page.get_by_role("group", name="From").get_by_label("Day").fill("31")
    page.get_by_role("group", name="From").get_by_label("Month").fill("2")
    page.get_by_role("group", name="From").get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Search").click()
    expect_error_summary(page, "The 'from' date must be a real date, for example 1 3 2026")
    expect(page.get_by_role("group", name="From").get_by_label("Day")).to_have_value("31")
    assert_accessible(page)
    today = timezone.localdate()
    page.get_by_role("group", name="From").get_by_label("Day").fill(str(today.day))
    page.get_by_role("group", name="From").get_by_label("Month").fill(str(today.month))
    page.get_by_role("group", name="From").get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Search").click()
    expect(main.get_by_role("heading", name=re.compile(r"^\d+ events? found$"))).to_be_visible()
    expect(results.get_by_role("row").filter(has_text="Looked at the person's record").first).to_be_visible()
    assert_accessible(page)
