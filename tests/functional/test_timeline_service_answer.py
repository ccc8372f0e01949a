"""Journey: a community service's answer on the person's timeline is not the clinician's to correct. Sam, Ada's
named worker, opens her page: the note Sam wrote offers "Correct this entry"; the lunch club's answer to Sam's
referral (written through its link, by no one in Alongside) offers nothing of the kind, and its address to correct
it is not found."""

from playwright.sync_api import expect

from alongside.people.models import Entry
from alongside.people.tests.factories import PersonFactory, add_entry, make_named_worker

from .browser import assert_accessible, expect_not_found, sign_in
from .test_directory_referring import look


def test_a_services_answer_on_the_timeline_has_no_correct_link(new_context, staff, live_server):
    sam, secret = staff("clinician", first_name="Sam", last_name="Okoro")
    ada = PersonFactory(given_name="Ada", family_name="Lovelace")
    make_named_worker(ada, sam)
    add_entry(ada, sam, "Referred to Tuesday Lunch Club. Ada would like a hot meal in company.")
    answer = Entry.objects.create(
        person=ada, kind="community_referral", author=None, text="Tuesday Lunch Club accepted the referral."
    )

    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, sam, secret)
    page.goto(f"/people/{ada.pk}/")
    items = page.locator(".alongside-timeline > li")
    theirs = items.filter(has_text="Tuesday Lunch Club accepted the referral.")
    ours = items.filter(has_text="Ada would like a hot meal in company.")
    expect(theirs).to_contain_text("Community referral")
    expect(theirs.get_by_role("link", name="Correct this entry")).to_have_count(0)
    expect(ours.get_by_role("link", name="Correct this entry")).to_have_count(1)
    look(page, "timeline-service-answer")
    expect_not_found(page, page.goto(f"/people/{ada.pk}/entries/{answer.pk}/amend/"))
    assert_accessible(page)
