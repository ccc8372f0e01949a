"""Journey: a community coordinator reads the reports on their organisation's community referrals. Referrals in
every state have been sent by two of the organisation's teams (one answered through the service's link) and one by
another organisation. On a computer, Carol follows the link from her home page, reads the figures by service and
by need, how quickly services answered and where the referrals stand, finds the walking group that has never
answered with its phone number and email, looks at all time, and downloads the figures. On a phone she reads the
same tables, a row at a time."""

import csv
import io
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from alongside.core.tests.requests import acting_as
from alongside.directory import actions_referring
from alongside.directory.models import Phone
from alongside.directory.referring_queries import token_for
from alongside.directory.referring_rules import Status
from alongside.directory.tests.finding_factories import make_service, needs
from alongside.directory.tests.reports_factories import make_referral
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory

from .browser import sign_in
from .test_directory_referring import look
from .test_small_screen import PHONE


def _referrals():
    now = timezone.now()
    riverside = TeamFactory(name="Riverside neighbourhood team")
    hub = TeamFactory(name="Northvale volunteer hub", organisation=riverside.organisation, kind="volunteer_hub")
    terms = needs()
    befriending = make_service("Northvale Befriending", terms=[terms["befriending"]])
    debt = make_service("Debt Advice Northvale", terms=[terms["money"]])
    walks = make_service("Millbrook Walking Group", referral_email="walks@example.org")
    Phone.objects.filter(service=walks).delete()
    Phone.objects.create(service=walks, number="01632 960123")
    day = timedelta(days=1)
    make_referral(
        befriending, riverside, "accepted", sent_at=now - 3 * day, answered_at=now - 3 * day + timedelta(hours=3)
    )
    # a week is 5 working days whatever the day: first answers after 0, 5, 5, 10 and (through the link) 0 working days
    make_referral(befriending, hub, "outcome", sent_at=now - 20 * day, answered_at=now - 13 * day)
    make_referral(befriending, hub, "not_taken_up", sent_at=now - 30 * day, answered_at=now - 23 * day)
    make_referral(debt, riverside, "not_able", sent_at=now - 40 * day, answered_at=now - 26 * day)
    make_referral(walks, riverside, "sent", sent_at=now - 10 * day)
    make_referral(walks, hub, "sent", sent_at=now - timedelta(hours=1))
    make_referral(debt, riverside, "outcome", sent_at=now - 200 * day, answered_at=now - 199 * day)
    make_referral(walks, TeamFactory(organisation=OrganisationFactory()), "sent", sent_at=now - 10 * day)
    # one answered as a service does, through its link
    through_link = make_referral(debt, riverside, "sent", sent_at=now - timedelta(hours=2))
    answered = actions_referring.answer(
        acting_as(through_link.referred_by), token_for(through_link.form_key), Status.ACCEPTED
    )
    assert answered is not None
    return riverside


def _row(page, table: str, name: str):
    return page.locator(f"#{table} tbody tr").filter(has_text=name)


def test_a_coordinator_reads_the_referral_reports_and_downloads_them(new_context, staff, live_server):
    riverside = _referrals()
    carol, secret = staff("coordinator", team=riverside, first_name="Carol", last_name="Reid")

    desk = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(desk, carol, secret)
    expect(desk.locator("#referral-reports")).to_have_text("Community referral reports")
    look(desk, "reports-home")
    desk.get_by_role("link", name="See the referral reports").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Community referral reports: the last 3 months")
    expect(desk.get_by_label("The last 3 months")).to_be_checked()
    expect(desk.get_by_label("All time")).not_to_be_checked()
    summary = desk.locator("#summary")
    expect(summary).to_contain_text("Referrals sent")
    expect(summary.locator(".nhsuk-summary-list__row").first).to_contain_text("7")
    expect(summary).to_contain_text("2, 1 of them for more than 5 working days")

    befriending = _row(desk, "services-table", "Northvale Befriending")
    expect(befriending.locator("td")).to_have_text(
        [
            "Sent 3",
            "Answered 3",
            "Waiting 0",
            "Accepted, no outcome yet 1",
            "Not able to help 0",
            "Not taken up 1",
            "Outcome given 1",
        ]
    )
    expect(_row(desk, "services-table", "Debt Advice Northvale").locator("td").first).to_have_text("Sent 2")
    expect(_row(desk, "needs-table", "Loneliness and company").locator("td").first).to_have_text("Sent 3")
    expect(_row(desk, "needs-table", "Money and debt").locator("td").first).to_have_text("Sent 2")
    expect(_row(desk, "needs-table", "No need recorded").locator("td").first).to_have_text("Sent 2")

    timing = desk.locator("#timing")
    expect(timing.locator("dd")).to_have_text(["5", "5 working days", "2 of 5 (40%)"])
    expect(_row(desk, "outcomes-table", "Waiting for an answer").locator("td")).to_have_text(
        ["Referrals 2", "Share of those sent 29%"]
    )

    walks = _row(desk, "silent-table", "Millbrook Walking Group")
    expect(walks).to_contain_text("Never answered")
    expect(walks.get_by_role("link", name="01632 960123")).to_have_attribute("href", "tel:01632960123")
    expect(walks.get_by_role("link", name="walks@example.org")).to_have_attribute("href", "mailto:walks@example.org")
    expect(desk.locator("main")).not_to_contain_text("Company")  # nobody's words
    look(desk, "reports-3-months")

    desk.get_by_label("All time").check()
    desk.get_by_role("button", name="Show these referrals").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Community referral reports: all time")
    expect(desk.locator("#showing")).to_have_text("Showing referrals sent at any time.")
    expect(_row(desk, "services-table", "Debt Advice Northvale").locator("td").first).to_have_text("Sent 3")

    with desk.expect_download() as waiting:
        desk.get_by_role("link", name="Download these figures as a spreadsheet (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(waiting.value.path()).read_text(encoding="utf-8"))))
    assert ["By service", "Debt Advice Northvale (Debt Advice Northvale Trust)", "Sent", "3"] in rows
    assert [
        "Services that have not answered",
        "Millbrook Walking Group (Millbrook Walking Group Trust)",
        "Phone",
        "01632 960123",
    ] in rows

    phone = desk.context.new_page()  # signed in already; a second code in the same half-minute is refused
    phone.set_viewport_size(PHONE)
    phone.goto("/directory/reports/")
    expect(_row(phone, "services-table", "Northvale Befriending").locator("td").first).to_have_text("Sent 3")
    expect(
        _row(phone, "silent-table", "Millbrook Walking Group").get_by_role("link", name="01632 960123")
    ).to_be_visible()
    look(phone, "reports-phone", phone=True)


def test_a_clinician_is_not_shown_the_reports(new_context, staff, live_server):
    sam, secret = staff("clinician")
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, sam, secret)
    expect(page.get_by_role("link", name="See the referral reports")).to_have_count(0)
    response = page.goto("/directory/reports/")
    assert response.status == 403
