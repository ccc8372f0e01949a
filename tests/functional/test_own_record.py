"""Journey: the person writes what is theirs, asks for a correction of what staff wrote, and hears the answer.

Mabel signs in on her phone. Her record offers her own things to change (a note in her own words, how to
communicate with her) and no staff actions. She asks for a correction of a nurse's note; the nurse, on a
desktop, corrects it; Mabel sees the corrected entry with the original kept, and her request beside it.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.people.models import CareRelationship
from alongside.people.tests.factories import EntryFactory, RelationshipFactory

from .browser import URL, assert_accessible, expect_error_summary, expect_success, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WRONG = "Visited at home. Mabel says she no longer goes out."
RIGHT = "Visited at home. Mabel goes to church every Sunday."


def test_the_person_adds_a_note_and_asks_for_a_correction_that_the_nurse_makes(page, new_context, staff, person_user):
    mabel = person_user.person
    priya, secret = staff("clinician", first_name="Priya", last_name="Shah")
    RelationshipFactory(
        person=mabel, user=priya, kind=CareRelationship.Kind.NAMED_WORKER, started_at=timezone.now() - timedelta(30)
    )
    visit = EntryFactory(person=mabel, author=priya, text=WRONG, at=timezone.now() - timedelta(days=2))
    record = f"/people/{mabel.pk}/"

    # Mabel, on her phone: her record offers her own things, and no staff actions.
    page.set_viewport_size(PHONE)
    sign_in(page, person_user)
    page.goto(record)
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mabel Okafor")
    expect(main.get_by_role("link", name="Add an entry")).to_have_count(0)
    expect(main.get_by_role("link", name="Change details")).to_have_count(0)
    expect(main.get_by_role("link", name="Correct this entry")).to_have_count(0)
    # Her own words come first, on her phone: what matters to her, her story, her strengths; then facts about her.
    headings = main.get_by_role("heading", level=2)
    expect(headings.first).to_have_text("What matters to me")
    expect(headings.nth(1)).to_have_text("My story")
    expect(headings.nth(2)).to_have_text("My strengths")
    expect(headings.nth(3)).to_have_text("Best times to visit")
    expect(headings.nth(4)).to_have_text("About you")
    assert_accessible(page)

    # She writes her strengths, in her own words: nothing asks whether it was written "with" her.
    main.get_by_role("link", name="Write my strengths").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("My strengths")
    expect(page.get_by_role("checkbox")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("In your own words").fill("I am a good listener, and I still bake for the whole street.")
    page.get_by_label("Why are you changing it?").fill("I wanted people to know")
    page.get_by_role("button", name="Save my strengths").click()
    expect_success(page, "My strengths saved")
    expect(main.locator("#strengths")).to_contain_text("I still bake for the whole street")
    expect(main.locator("#strengths")).to_contain_text("written by you.")

    # A note in her own words: a mistake is explained, then it is saved.
    main.get_by_role("link", name="Add a note in your own words").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add a note")
    assert_accessible(page)
    page.get_by_role("button", name="Add note").click()
    expect_error_summary(page, "Write your note, or go back without saving")
    assert_accessible(page)
    page.get_by_label("Your note").fill("My hearing aid is broken, so please knock loudly.")
    page.get_by_role("button", name="Add note").click()
    expect(page).to_have_url(URL(record))
    expect_success(page, "Your note is on your timeline")
    expect(main).to_contain_text("My hearing aid is broken, so please knock loudly.")

    # She asks for a correction of Priya's note.
    main.get_by_role("link", name="Ask for a correction").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ask for a correction")
    expect(page.get_by_role("main")).to_contain_text(WRONG)
    assert_accessible(page)
    page.get_by_role("button", name="Send request").click()
    expect_error_summary(page, "Say what is wrong with the entry")
    page.get_by_label("What is wrong with this entry?").fill("I go to church every Sunday.")
    page.get_by_label("What should it say? (optional)").fill(RIGHT)
    page.get_by_role("button", name="Send request").click()
    expect_success(page, "Your request was sent")
    expect(main).to_contain_text("Correction asked for by you")
    expect(main).to_contain_text("Waiting for an answer")
    assert_accessible(page)

    # Priya, at her desk, answers from her alert.
    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, priya, secret)
    desk.goto("/")
    desk.get_by_role("link", name="Someone asked for a correction").first.click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Answer a request for a correction")
    expect(desk.get_by_role("main")).to_contain_text("I go to church every Sunday.")
    assert_accessible(desk)
    desk.get_by_role("button", name="Keep it as it is").click()
    expect_error_summary(desk, "Say why the entry stays as it is")
    assert_accessible(desk)
    expect(desk.get_by_label("The corrected entry")).to_have_value(RIGHT)
    desk.get_by_role("button", name="Save the correction").click()
    expect_success(desk, "The entry is corrected")

    # Mabel sees the corrected entry, the original kept in its history, and her request answered.
    page.reload()
    expect(main).to_contain_text(RIGHT)
    expect(main).to_contain_text("Corrected by Priya Shah")
    main.get_by_text("History of this entry").first.click()
    expect(main).to_contain_text(WRONG)
    assert_accessible(page)
    assert visit.amendments.get().text == RIGHT
