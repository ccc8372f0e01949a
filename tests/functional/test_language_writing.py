"""Journey: words that carry hope, offered as they are typed.

Sam records a home visit with Ada and writes in the note "He refuses his tablets and is non-compliant". As he
types, suggestions appear under the note, without taking him out of it: other words for "refuses" and for
"non-compliant", each with why (from the real list). He saves anyway: the note is saved as he wrote it, and the
next page says once more what he could also write. On his phone the same. His team leader sees the team's count
for the month: shown and taken, no words and no names. Each page passes the axe check.
"""

import os
from pathlib import Path

from playwright.sync_api import expect

from alongside.continuity.models import Contact
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, make_named_worker

from .browser import assert_accessible, expect_success, menu_link, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")  # a folder to keep screenshots of each page in, to look at them


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(Path(SHOTS) / f"language-{name}-{width}.png"), full_page=True)


NOTE = "He refuses his tablets and is non-compliant"


def write_a_note_and_save_anyway(page, ada) -> None:
    page.goto(f"/continuity/people/{ada.pk}/contacts/new/")
    page.get_by_label("Home visit").check()
    note = page.get_by_label("A short note (optional)")
    note.click()
    note.press_sequentially(NOTE, delay=20)
    offers = page.locator(".alongside-writing")
    expect(offers).to_contain_text("“refuses”: you could write “")
    expect(offers).to_contain_text("“non-compliant”: you could write “")
    expect(offers).to_have_attribute("aria-live", "polite")
    expect(note).to_be_focused()  # the suggestions never take the writer out of what they are writing
    assert_accessible(page)
    shot(page, "typing")
    page.get_by_role("button", name="Record contact").click()
    expect_success(page, "Contact recorded")
    expect(page.locator(".nhsuk-inset-text").first).to_contain_text("You could also write")
    assert_accessible(page)
    shot(page, "saved")


def test_suggestions_appear_while_typing_and_never_block_saving(page, new_context, staff):
    team = TeamFactory(name="Riverside")
    sam, secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    ada = PersonFactory(given_name="Ada", family_name="Okafor")
    make_named_worker(ada, sam)

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, sam, secret)
    write_a_note_and_save_anyway(desk, ada)
    phone = desk  # the same signed-in session (a second sign-in would reuse the authenticator's code)
    phone.set_viewport_size(PHONE)
    write_a_note_and_save_anyway(phone, ada)
    assert list(Contact.objects.filter(person=ada).values_list("note", flat=True)) == [NOTE, NOTE]

    leader, leader_secret = staff("team_leader", team=team, first_name="Lee", last_name="Hart")
    lead = new_context(viewport=DESKTOP).new_page()
    sign_in(lead, leader, leader_secret)
    link = menu_link(lead, "Words we use")
    expect(link).to_have_attribute("href", "/language/team/")
    link.click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Suggestions shown and taken")
    row = lead.get_by_role("row").nth(1)
    expect(row).to_contain_text("4")  # two shown to Sam on each of two notes, none taken
    expect(lead.get_by_role("main")).not_to_contain_text("Sam")
    assert_accessible(lead)
    shot(lead, "team")
    lead.set_viewport_size(PHONE)
    assert_accessible(lead)
    shot(lead, "team")
