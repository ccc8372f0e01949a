"""Journey 7: a named worker finds a person among the people they may see, and works on their record.

They search with the name reversed and misspelt, and find only the person they work with (someone with a
near-identical name whom they have no relationship with never appears, nor changes the count). The person's
page shows the whole picture. "What matters to me" is updated with a reason, and the earlier version stays
readable; a timeline entry is corrected, and the original stays in its history.
"""

import re
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.people.models import Person, StoryVersion, Supporter
from alongside.people.search import matching
from alongside.people.tests.factories import EntryFactory, PersonFactory, RelationshipFactory, StoryFactory

from .browser import (
    URL,
    assert_accessible,
    expect_error_summary,
    expect_success,
    sign_in,
)

QUERY = "okafr ada"  # family name first, and a letter missing


def test_named_worker_finds_a_person_and_keeps_their_story_and_timeline(page, staff):
    sam, secret = staff("clinician", first_name="Sam", last_name="Okoro")
    ada = PersonFactory(
        given_name="Ada",
        family_name="Okafor",
        nhs_number="9990000018",
        birth_date=date(1948, 3, 15),
        address_line="12 Mill Lane",
        town="Northvale",
        postcode="NV1 2AB",
        phone="07700 900123",
    )
    RelationshipFactory(person=ada, user=sam, started_at=timezone.now() - timedelta(days=60))  # named worker
    StoryFactory(person=ada, text="I drove the number 12 bus for thirty years.", written_by=sam)
    StoryFactory(
        person=ada,
        part=StoryVersion.Part.WHAT_MATTERS,
        text="Getting to the allotment on Saturdays.",
        reason="First told at assessment",
        written_by=sam,
    )
    Supporter.objects.create(person=ada, name="Grace Okafor", relationship="Daughter", phone="07700 900456")
    EntryFactory(person=ada, text="Visited at home; she was cheerful.", at=timezone.now() - timedelta(days=3))
    stranger = PersonFactory(given_name="Adah", family_name="Okafor", birth_date=date(1951, 6, 2))
    # Were Sam allowed to see both, the query would find both: only the policy keeps Adah out.
    assert set(matching(Person.objects.all(), QUERY)) == {ada, stranger}

    sign_in(page, sam, secret)

    # Find a person: the name reversed and misspelt still finds Ada, and only Ada.
    page.goto("/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    assert_accessible(page)
    page.get_by_role("searchbox").fill(QUERY)
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.get_by_role("table", name=re.compile(r"found"))
    expect(results.locator("caption")).to_contain_text("1 person found")
    expect(results.get_by_role("link")).to_have_text(["Ada Okafor"])
    expect(results).to_contain_text("15 March 1948")
    expect(results).to_contain_text("999 000 0018")
    expect(page.get_by_role("main")).not_to_contain_text("Adah")
    assert_accessible(page)

    # The person page: who they are, their story, the people around them and the timeline.
    results.get_by_role("link", name="Ada Okafor").click()
    expect(page).to_have_url(URL(f"/people/{ada.pk}/"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Ada Okafor")
    expect(heading.locator(".nhsuk-caption-l")).to_have_text("Person supported")
    main = page.get_by_role("main")
    about = main.locator("#about .nhsuk-summary-list")
    expect(about).to_contain_text("15 March 1948")
    expect(about).to_contain_text("999 000 0018")
    expect(about).to_contain_text("12 Mill Lane, Northvale, NV1 2AB")
    expect(about).to_contain_text("07700 900123")
    expect(main.get_by_role("heading", name="My story", exact=True)).to_be_visible()
    expect(main).to_contain_text("I drove the number 12 bus for thirty years.")
    expect(main.get_by_role("heading", name="What matters to me", exact=True)).to_be_visible()
    expect(main).to_contain_text("Getting to the allotment on Saturdays.")
    expect(main.get_by_role("heading", name="People around Ada")).to_be_visible()
    around = main.get_by_role("table", name="Workers, teams and volunteers")
    expect(around.get_by_role("row").nth(1).get_by_role("cell")).to_contain_text(
        ["Sam Okoro", "Named worker", re.compile(r"\d+ \w+ \d{4}"), "Now"]
    )
    expect(main.locator("li", has_text="Grace Okafor")).to_contain_text("Daughter: 07700 900456")
    expect(main.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(main.locator(".alongside-timeline")).to_contain_text("Visited at home; she was cheerful.")
    assert_accessible(page)

    # "What matters to me" changes, with a reason; the first version stays readable.
    main.get_by_role("link", name="Update what matters to me").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada OkaforWhat matters to me")
    words = page.get_by_label("In the person's own words")
    expect(words).to_have_value("Getting to the allotment on Saturdays.")
    assert_accessible(page)
    words.fill("Getting to the allotment on Saturdays, and seeing my grandson Tobi on Sundays.")
    page.get_by_role("button", name="Save what matters to me").click()
    expect_error_summary(page, "Say why this is changing, so others can follow the story's history")
    expect(words).to_have_value("Getting to the allotment on Saturdays, and seeing my grandson Tobi on Sundays.")
    assert_accessible(page)
    page.get_by_label("Why is this changing?").fill("Ada asked to add her grandson")
    written_with = page.get_by_label("Written with Ada")
    expect(written_with).not_to_be_checked()  # nothing is ticked for the user
    written_with.check()
    page.get_by_role("button", name="Save what matters to me").click()
    expect(page).to_have_url(URL(f"/people/{ada.pk}/"))
    expect_success(page, "What matters to me saved. The earlier version is kept in its history.")
    expect(main).to_contain_text("seeing my grandson Tobi on Sundays")
    expect(main).not_to_contain_text("Getting to the allotment on Saturdays.")
    expect(main).to_contain_text(re.compile(r"Version 2, \d+ \w+ \d{4}, \d\d:\d\d, written by you with Ada\."))
    assert_accessible(page)
    main.get_by_role("link", name="Earlier versions of What matters to me").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada OkaforWhat matters to me: every version")
    versions = page.get_by_role("main").get_by_role("heading", level=2)
    expect(versions).to_have_text([re.compile(r"^Version 2, .*, Sam Okoro$"), re.compile(r"^Version 1, .*")])
    history = page.get_by_role("main")
    expect(history).to_contain_text("Why: Ada asked to add her grandson")
    expect(history).to_contain_text("Why: First told at assessment")
    expect(history.locator("blockquote")).to_have_text(
        [
            "Getting to the allotment on Saturdays, and seeing my grandson Tobi on Sundays.",
            "Getting to the allotment on Saturdays.",
        ]
    )
    assert_accessible(page)
    page.get_by_role("link", name="Back to Ada Okafor").click()

    # A timeline entry, added and then corrected: "Amended", with the original kept in its history.
    main.get_by_role("link", name="Add an entry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada OkaforAdd an entry to the timeline")
    assert_accessible(page)
    page.get_by_label("Kind of entry").select_option(label="Contact")
    page.get_by_label("Entry", exact=True).fill("Phoned Ada: the district nurse will visit on Tuesday.")
    page.get_by_role("button", name="Add entry").click()
    expect(page).to_have_url(URL(f"/people/{ada.pk}/"))
    expect_success(page, "Entry added to the timeline")
    timeline = main.locator(".alongside-timeline > li")
    expect(timeline).to_have_count(2)
    newest = timeline.first
    expect(newest.get_by_role("heading")).to_contain_text(re.compile(r"^Contact, \d+ \w+ \d{4}, \d\d:\d\d, Sam Okoro"))
    expect(newest).to_contain_text("Phoned Ada: the district nurse will visit on Tuesday.")
    expect(newest).not_to_contain_text("Amended")
    assert_accessible(page)

    newest.get_by_role("link", name="Correct this entry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada OkaforCorrect an entry")
    expect(page.get_by_label("Corrected entry")).to_have_value("Phoned Ada: the district nurse will visit on Tuesday.")
    assert_accessible(page)
    page.get_by_label("Corrected entry").fill("Phoned Ada: the district nurse will visit on Wednesday.")
    page.get_by_label("What was wrong?").fill("Wrong day")
    page.get_by_role("button", name="Save correction").click()
    expect(page).to_have_url(URL(f"/people/{ada.pk}/"))
    expect_success(page, "Entry corrected. The original stays in its history.")
    expect(timeline).to_have_count(2)  # a correction amends the entry; it is not a new one
    expect(newest.get_by_role("heading")).to_contain_text("Amended")
    expect(newest.locator("> p")).to_have_text("Phoned Ada: the district nurse will visit on Wednesday.")
    entry_history = newest.locator("details")
    expect(entry_history.locator(".nhsuk-details__text")).to_be_hidden()
    assert_accessible(page)
    entry_history.get_by_text("History of this entry").click()
    expect(entry_history).to_contain_text("Original: Phoned Ada: the district nurse will visit on Tuesday.")
    expect(entry_history).to_contain_text(re.compile(r"Amended \d+ \w+ \d{4}, \d\d:\d\d by Sam Okoro \(Wrong day\)"))
    expect(timeline.last).not_to_contain_text("Amended")
    assert_accessible(page)


def test_the_search_box_loads_its_icon(page, staff):
    user, secret = staff("clinician")
    sign_in(page, user, secret)
    page.goto("/people/")
    expect(page.get_by_role("searchbox")).to_be_visible()
    page.wait_for_load_state("networkidle")  # the stylesheet's images have been asked for
    assert_accessible(page)
