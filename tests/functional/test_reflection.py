"""Journey: a moment of reflection after a contact.

Sam records a home visit with Ada on a desktop and is offered a moment to reflect: the ten questions, none ticked,
a note for himself, and a line saying no one else reads it. He ticks the two he found hard and saves, and is back
on Ada's page. "Your reflections" has it, newest first; his team's page shows, month by month, which questions the
team found hardest, with no names, and holds back a month with too few and the month not yet over. On his
phone, after another contact, he skips. Each page passes the axe check at both widths.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, make_named_worker
from alongside.reflection.models import Reflection
from alongside.reflection.tests.factories import ReflectionFactory

from .browser import DESKTOP, PHONE, URL, assert_accessible, expect_success, shot, sign_in


def record_a_contact(page, ada) -> None:
    page.goto(f"/continuity/people/{ada.pk}/contacts/new/")
    page.get_by_label("Home visit").check()
    page.get_by_role("button", name="Record contact").click()
    expect_success(page, "Contact recorded")


def test_a_moment_of_reflection_after_a_contact(page, new_context, staff):
    team = TeamFactory(name="Riverside")
    sam, secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    ada = PersonFactory(given_name="Ada", family_name="Okafor")
    make_named_worker(ada, sam)
    last_month = timezone.now().replace(day=1) - timedelta(days=10)
    for n in range(5):  # colleagues' reflections last month; only three the month before
        ReflectionFactory(team=team, hard=["hope_stories"] if n < 3 else ["beyond_services"], written_at=last_month)
    for _ in range(3):
        ReflectionFactory(team=team, hard=["listen"], written_at=last_month.replace(day=1) - timedelta(days=10))

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, sam, secret)
    record_a_contact(desk, ada)
    expect(desk.get_by_role("heading", level=1)).to_contain_text("A moment to reflect")
    main = desk.get_by_role("main")
    expect(main).to_contain_text("No one else reads it: not your team leader, and not Ada.")
    expect(desk.get_by_role("checkbox")).to_have_count(10)
    expect(desk.get_by_role("checkbox", checked=True)).to_have_count(0)  # nothing pre-ticked
    assert_accessible(desk)
    shot(desk, "reflect", 1280)

    desk.get_by_label("Did I share a story of getting better").check()
    desk.get_by_label("Did I think of friends, groups and places").check()
    desk.get_by_label("A note for yourself (optional)").fill("Ask about the allotment group next time")
    desk.get_by_role("button", name="Save").click()
    expect(desk).to_have_url(URL(f"/people/{ada.pk}/"))
    expect_success(desk, "Your reflection is saved. Only you can read it.")
    assert Reflection.objects.filter(worker=sam).count() == 1

    desk.get_by_role("link", name="Reflections").first.click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Your reflections")
    newest = desk.locator(".alongside-reflections > li").first
    expect(newest).to_contain_text("Home visit")
    expect(newest).to_contain_text("Did I share a story of getting better")
    expect(newest).to_contain_text("Ask about the allotment group next time")
    assert_accessible(desk)
    shot(desk, "mine", 1280)

    desk.get_by_role("link", name="which did we find hardest in Riverside?").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Which did we find hardest?")
    # this month, with Sam's own, is not over: not shown, so nobody learns what he ticked by looking again
    expect(desk.get_by_role("main")).to_contain_text("Not shown yet: a month is shown once it is over")
    shown = desk.locator("table").first
    expect(shown).to_contain_text("5 reflections, hardest first")
    expect(shown.locator("tbody tr").first).to_contain_text("Stories that give hope")
    expect(shown.locator("tbody tr").first).to_contain_text("60%")
    expect(desk.get_by_role("main")).to_contain_text("Not shown: fewer than 5 reflections were written this month.")
    expect(desk.get_by_role("main")).not_to_contain_text("allotment")
    assert_accessible(desk)
    shot(desk, "team", 1280)

    # On his phone, after another visit, Sam skips the moment of reflection.
    phone = desk  # the same signed-in session (a second sign-in would reuse the authenticator's code)
    phone.set_viewport_size(PHONE)
    record_a_contact(phone, ada)
    expect(phone.get_by_role("heading", level=1)).to_contain_text("A moment to reflect")
    assert_accessible(phone)
    shot(phone, "reflect", 375)
    phone.get_by_role("link", name="Skip", exact=True).click()
    expect(phone).to_have_url(URL(f"/people/{ada.pk}/"))
    assert Reflection.objects.filter(worker=sam).count() == 1
    phone.goto("/reflection/")
    assert_accessible(phone)
    shot(phone, "mine", 375)
    phone.get_by_role("link", name="which did we find hardest in Riverside?").click()
    assert_accessible(phone)
    shot(phone, "team", 375)
