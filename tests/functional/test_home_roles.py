"""Journeys: a home page made for each role, at desktop and phone sizes.

A clinician finds today's appointments and the people most pressing to see first, each with their last contact; a
team leader finds what waits for their decision and each worker's caseload against capacity, over capacity said in
words; the person finds their named worker with a number to call, their next appointment, and the answer to what
they asked for.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alongside.continuity import actions
from alongside.continuity.tests.factories import (
    ContactFactory,
    ContinuityFactsFactory,
    SlotFactory,
    ask_for_appointment,
)
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import Person
from alongside.people.tests.factories import PersonFactory, allocate, make_named_worker

from .browser import assert_accessible, expect_home, sign_in

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
SHOTS = os.environ.get("ALONGSIDE_SCREENSHOTS", "")  # a folder to keep each page's screenshots in, if given


def at_both_sizes(page, name: str) -> None:
    """Check the page with axe at desktop and phone widths (keeping a screenshot of each if ALONGSIDE_SCREENSHOTS
    names a folder), and check that no link kept to one line breaks across lines."""
    for size, label in ((DESKTOP, "1280"), (PHONE, "375")):
        page.set_viewport_size(size)
        assert_accessible(page)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{label}.png"), full_page=True)
        wrapped = page.locator("main a.nhsuk-u-nowrap").evaluate_all(
            "links => links.filter(a => a.getClientRects().length > 1).map(a => a.textContent)"
        )
        assert wrapped == [], f"links broken across lines at {label} px"
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def team():
    return TeamFactory(name="Riverside neighbourhood team", phone="01632 960 111")


def test_a_clinician_sees_today_then_the_most_pressing_people_with_their_last_contact(page, staff, team):
    sam, secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    now = timezone.now()

    def person(given, family, *, priority=0, days_since=None):
        found = PersonFactory(given_name=given, family_name=family)
        make_named_worker(found, sam)
        if priority:
            ContinuityFactsFactory(person=found, priority=priority, updated_by=sam)
        if days_since is not None:
            ContactFactory(person=found, practitioner=sam, at=now - timedelta(days=days_since))
        return found

    person("Alan", "Abbott", days_since=2)  # first by the alphabet, last by what matters
    mabel = person("Mabel", "Okafor", priority=7, days_since=45)
    person("Zara", "Young")  # never seen
    for index in range(10):
        person(f"Person{index}", f"Caseload{index:02d}", days_since=index + 3)
    window = {"earliest": now, "latest": now + timedelta(days=6)}
    later_today = min(now + timedelta(minutes=30), timezone.localtime(now).replace(hour=23, minute=50))
    ask_for_appointment(
        mabel, sam, team=team, what_for="Dressing change", **window,
        slot=SlotFactory(team=team, practitioner=sam, start=later_today),
    )  # fmt: skip
    ask_for_appointment(
        mabel, sam, team=team, what_for="Medicines review", **window,
        slot=SlotFactory(team=team, practitioner=sam, start=now + timedelta(days=3)),
    )  # fmt: skip

    sign_in(page, sam, secret)

    expect_home(page)
    main = page.get_by_role("main")
    headings = main.get_by_role("heading", level=2)
    expect(headings.first).to_have_text("Your appointments today")
    expect(main.get_by_role("listitem").filter(has_text="Dressing change")).to_contain_text(
        "Mabel Okafor, Dressing change. You are their named worker."
    )
    expect(main.get_by_role("listitem").filter(has_text="Medicines review")).to_be_visible()
    caseload = page.get_by_role("table", name="People you are named worker for, most pressing first")
    rows = caseload.locator("tbody tr")
    expect(rows).to_have_count(8)
    expect(rows.nth(0)).to_contain_text("Mabel Okafor")
    expect(rows.nth(0)).to_contain_text("High continuity priority, not seen for 6 weeks")
    expect(rows.nth(0)).to_contain_text("home visit with you")
    expect(rows.nth(1)).to_contain_text("Zara Young")
    expect(rows.nth(1)).to_contain_text("None recorded")
    expect(caseload).not_to_contain_text("Alan Abbott")  # seen two days ago: not among the most pressing
    expect(main).to_contain_text("You are named worker for 13 people. These are the 8 most pressing")
    at_both_sizes(page, "clinician-home")

    main.get_by_role("link", name="See all 13 people you are named worker for").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People you are named worker for")
    expect(page).to_have_title("People you are named worker for – Alongside")
    everyone = page.get_by_role("table", name="People you are named worker for, most pressing first")
    expect(everyone.locator("tbody tr")).to_have_count(13)
    expect(everyone.locator("tbody tr").last).to_contain_text("Alan Abbott")
    at_both_sizes(page, "clinician-caseload")
    page.get_by_role("link", name="Back to your home page").click()
    expect_home(page)


def test_a_team_leader_sees_what_waits_for_them_and_caseloads_against_capacity(page, staff, member, team, settings):
    settings.USUAL_CASELOAD_CAPACITY = 4
    lena, secret = staff("team_leader", team=team, first_name="Lena", last_name="Moss")
    sam = member("clinician", team=team, first_name="Sam", last_name="Patel")
    bea = member("clinician", team=team, first_name="Bea", last_name="Ward")
    bea.memberships.update(caseload_capacity=12)
    people = [PersonFactory(given_name=f"P{index}", family_name="Okafor") for index in range(7)]
    for person in people[:6]:
        allocate(person, "team_caseload", team=team, leader=lena)
        make_named_worker(person, sam, leader=lena)
    allocate(people[6], "team_caseload", team=team, leader=lena)
    make_named_worker(people[6], bea, leader=lena)
    actions.ask_for_change(acting_as(sam), people[0], "We have not got on since the spring.")

    sign_in(page, lena, secret)

    expect_home(page)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2).first).to_have_text("Waiting for your decision")
    expect(main.get_by_role("listitem").filter(has_text="Requests for a different named worker")).to_contain_text(
        "1 waiting for your answer"
    )
    expect(main.get_by_role("link", name="Referrals your teams accepted")).to_be_visible()
    loads = page.get_by_role("table", name="Caseloads against capacity in the teams you lead, the fullest first")
    expect(loads.locator("tbody tr").first).to_contain_text("Sam Patel")
    expect(loads.locator("tbody tr").first).to_contain_text("Over capacity by 2")  # in words, not colour alone
    expect(loads.locator("tbody tr").nth(1)).to_contain_text("Room for 11 more")
    expect(main).to_contain_text("1 worker is over capacity.")
    at_both_sizes(page, "team-leader-home")

    main.get_by_role("link", name="Requests for a different named worker").click()
    expect(page).to_have_url(re.compile(r"/continuity/named-worker-requests/$"))


def test_the_person_sees_their_named_worker_next_appointment_and_the_answer_to_what_they_asked(
    page, person_user, member, team
):
    mabel = Person.objects.get(user=person_user)
    lena = member("team_leader", team=team, first_name="Lena", last_name="Moss")
    sam = member("clinician", team=team, first_name="Sam", last_name="Patel")
    bea = member("clinician", team=team, first_name="Bea", last_name="Ward")
    allocate(mabel, "team_caseload", team=team, leader=lena)
    make_named_worker(mabel, sam, leader=lena)
    now = timezone.now()
    ask_for_appointment(
        mabel, sam, team=team, what_for="Dressing change", earliest=now, latest=now + timedelta(days=5),
        slot=SlotFactory(team=team, practitioner=sam, start=now + timedelta(days=2)),
    )  # fmt: skip
    change = actions.ask_for_change(acting_as(person_user), mabel, "I would feel easier with a woman.")
    actions.answer_change(
        acting_as(lena),
        change.pk,
        changed=True,
        answer="Bea will ring you this week to say hello.",
        new_worker_id=bea.pk,
    )

    sign_in(page, person_user)

    expect_home(page)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2).first).to_have_text("Your named worker")
    expect(main).to_contain_text("Your named worker is Bea Ward, in Riverside neighbourhood team.")
    call = main.get_by_role("link", name="01632 960 111")
    expect(call).to_have_attribute("href", "tel:01632960111")
    expect(main).to_contain_text(
        "with Sam Patel. Your named worker has changed since this was booked: your named worker is now Bea Ward"
    )
    asked = main.get_by_role("listitem").filter(has_text="asked for a different named worker")
    expect(asked).to_contain_text("you asked for a different named worker")
    expect(asked).to_contain_text("Changed: the team leader answered on")
    expect(asked).to_contain_text("They said: “Bea will ring you this week to say hello.”")
    expect(main).to_contain_text("You have not asked for a correction.")
    at_both_sizes(page, "person-home")

    main.get_by_role("link", name="Your record").first.click()
    continuity = page.locator("#continuity")
    expect(continuity).to_have_text("Your named worker and appointments")
    section = page.get_by_role("main")
    expect(section).to_contain_text("Your named worker is Bea Ward.")
    expect(section).to_contain_text("They said: “Bea will ring you this week to say hello.”")
    expect(section).not_to_contain_text("Continuity priority")
    at_both_sizes(page, "person-record")
