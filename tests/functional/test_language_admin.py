"""Journey: an administrator looks after the language lists.

Priya, an administrator, opens Language from the header on a desktop. She adds a local term for Riverside,
forgetting what it stands for at first (the error summary says so and keeps what she typed), then changes it. On
the list of words that carry hope she opens "addict", rewords its suggestion, then switches it off after a page
that says what that means, and sees both changes in its history. On her phone she adds a term of her own and finds
it on the list, marked as added here. Each page passes the axe check.
"""

from playwright.sync_api import expect

from alongside.language.models import LocalTerm, WordingChange
from alongside.partners.tests.factories import NeighbourhoodFactory

from .browser import DESKTOP, PHONE, assert_accessible, expect_error_summary, expect_success, menu_link, sign_in
from .browser import shot as screenshot


def shot(page, name: str, width: int) -> None:
    screenshot(page, f"language-{name}", width)


def heading(page):
    return page.get_by_role("heading", level=1)


def test_an_administrator_looks_after_local_terms_and_the_hope_list(page, new_context, staff):
    NeighbourhoodFactory(name="Riverside")
    NeighbourhoodFactory(name="Hillcrest")
    priya, secret = staff("admin", first_name="Priya", last_name="Shah")

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, priya, secret)
    menu_link(desk, "Language").click()
    expect(heading(desk)).to_have_text("Language")
    assert_accessible(desk)
    shot(desk, "home", 1280)

    desk.get_by_role("link", name="Riverside").click()
    expect(heading(desk)).to_have_text("Local terms for Riverside")
    expect(desk.get_by_role("main")).to_contain_text("Riverside has no local terms yet.")
    desk.get_by_role("button", name="Add a local term").click()
    desk.get_by_label("Abbreviation").fill("RCT")
    desk.get_by_role("button", name="Save local term").click()
    expect_error_summary(desk, "Enter what the abbreviation stands for")
    expect(desk.get_by_label("Abbreviation")).to_have_value("RCT")
    assert_accessible(desk)
    shot(desk, "local-term-error", 1280)
    desk.get_by_label("What it stands for").fill("Riverside care team")
    desk.get_by_role("button", name="Save local term").click()
    expect_success(desk, "RCT added")
    expect(desk.get_by_role("table")).to_contain_text("Riverside care team")
    assert_accessible(desk)
    shot(desk, "area", 1280)

    desk.get_by_role("link", name="Change RCT").click()
    desk.get_by_label("What it stands for").fill("Riverside community team")
    desk.get_by_role("button", name="Save local term").click()
    expect_success(desk, "RCT changed")
    assert LocalTerm.objects.get().words == "Riverside community team"

    desk.goto("/language/")
    desk.get_by_role("link", name="Words that carry hope").click()
    expect(heading(desk)).to_have_text("Words that carry hope")
    assert_accessible(desk)
    shot(desk, "hope-list", 1280)
    desk.get_by_role("link", name="addict, addicts, junkie").click()
    expect(heading(desk)).to_have_text("‘addict’")
    assert_accessible(desk)
    shot(desk, "term", 1280)

    desk.get_by_role("link", name="Reword the suggestion").click()
    desk.get_by_label("What to suggest instead").fill("person who uses drugs")
    desk.get_by_label("Why, in one short sentence").fill("A person is more than what they use.")
    assert_accessible(desk)
    shot(desk, "reword", 1280)
    desk.get_by_role("button", name="Save suggestion").click()
    expect_success(desk, "Suggestion reworded")

    desk.get_by_role("button", name="Switch off").click()
    expect(heading(desk)).to_have_text("Switch off ‘addict’?")
    assert_accessible(desk)
    shot(desk, "switch", 1280)
    desk.get_by_role("button", name="Switch off").click()
    expect_success(desk, "Switched off")
    history = desk.get_by_role("main")
    expect(history).to_contain_text("Switched off")
    expect(history).to_contain_text("Reworded: suggest “person who uses drugs”")
    assert list(WordingChange.objects.values_list("what", flat=True)) == ["reword", "switch_off"]

    phone = desk  # the same session, on a phone-sized screen (a second sign-in would reuse the code)
    phone.set_viewport_size(PHONE)
    phone.goto("/language/hope/")
    phone.get_by_role("button", name="Add a term").click()
    phone.get_by_label("The words to look for").fill("gone AWOL\nwent AWOL")
    phone.get_by_label("What to suggest instead").fill("left without telling us")
    phone.get_by_label("Why, in one short sentence").fill("It is a word for soldiers, not for people we support.")
    assert_accessible(phone)
    shot(phone, "new-term", 375)
    phone.get_by_role("button", name="Add term").click()
    expect_success(phone, "Term added")
    expect(heading(phone)).to_have_text("‘gone AWOL’")
    phone.goto("/language/hope/")
    expect(phone.get_by_role("main")).to_contain_text("Added here")
    assert_accessible(phone)
    shot(phone, "hope-list", 375)
