"""Journey: a team rates its standards, shares them, and a stakeholder challenges a rating that the team answers.

Lena leads Riverside. Her team has rated eight of the ten standards; on a desktop she rates the last two (forgetting
to say what shows it the first time), checks all ten and shares them, then makes a link for a carer. The carer opens
it on their phone, without an account, sees the team's ratings in words and colour and nothing else, challenges one
with a comment (forgetting the comment the first time), checks and sends. Lena sees the challenge on her home page
and her team's page and answers it; the carer opens the link again and reads the answer. Lena looks at the history
and at the partnership's view, on her desktop and on her phone. Each page passes the axe check at both widths.
"""

from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.standards.models import Check, Cycle
from alongside.standards.tests.factories import rate_all

from .browser import (
    DESKTOP,
    PHONE,
    URL,
    assert_accessible,
    expect_error_summary,
    expect_success,
    menu_link,
    shot,
    sign_in,
)


def both_widths(page, name: str) -> None:
    """The page as it is, on a desktop and on a phone, each checked with axe."""
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert_accessible(page)
        shot(page, name, size["width"])
    page.set_viewport_size(DESKTOP)


def test_a_team_rates_shares_and_answers_a_stakeholders_challenge(page, new_context, staff):
    riverside = TeamFactory(name="Riverside neighbourhood team")
    lena, secret = staff("team_leader", team=riverside, first_name="Lena", last_name="Okonjo")
    sam, _ = staff("clinician", team=riverside, first_name="Sam", last_name="Patel")
    rate_all(sam, riverside, upto=8)

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, lena, secret)
    desk.goto(f"/teams/{riverside.pk}/")
    desk.get_by_role("link", name="See our standards").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Our standards")
    expect(desk.get_by_role("main")).to_contain_text(Cycle.objects.get().period.label())
    expect(desk.get_by_role("main")).to_contain_text("8 of 10 standards rated this quarter")
    both_widths(desk, "team")

    desk.get_by_role("link", name="Rate standard 9").click()
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)  # nothing pre-ticked
    desk.get_by_label("Amber: partly").check()
    desk.get_by_label("What will the team do to get better?").fill("Ask two people to help us plan it")
    desk.get_by_role("button", name="Save rating").click()
    expect_error_summary(desk, "Say what shows this, in a few words")
    expect(desk.get_by_label("What will the team do to get better?")).to_have_value("Ask two people to help us plan it")
    both_widths(desk, "rate-error")
    desk.get_by_label("What shows this?").fill("Most people say we help them stay well")
    desk.get_by_role("button", name="Save rating").click()
    expect_success(desk, "Standard 9 rated")

    desk.get_by_role("link", name="Rate standard 10").click()
    desk.get_by_label("Green: yes, we do this").check()
    desk.get_by_label("What shows this?").fill("We ran a stigma workshop with the library")
    desk.get_by_label("What will the team do to get better?").fill("Run another in spring")
    desk.get_by_role("button", name="Save rating").click()
    expect_success(desk, "Standard 10 rated")

    desk.get_by_role("button", name="Check and share the ratings").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Check the ratings before you share them")
    expect(desk.locator(".nhsuk-summary-list__row")).to_have_count(10)
    both_widths(desk, "share")
    desk.get_by_role("button", name="Share the ratings").click()
    expect_success(desk, "Ratings shared")

    desk.get_by_role("link", name="Invite a stakeholder to check the ratings").click()
    desk.get_by_role("button", name="Make the link").click()
    expect_error_summary(desk, "Choose who the link is for")
    both_widths(desk, "invite")
    desk.get_by_label("A carer or family member").check()
    desk.get_by_role("button", name="Make the link").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Link made")
    link = desk.locator("#stakeholder-link").inner_text().strip()
    both_widths(desk, "invited")

    # The carer, on their phone, without an account.
    carer = new_context(viewport=PHONE).new_page()
    carer.goto(link)
    expect(carer.get_by_role("heading", level=1)).to_contain_text("Check a team's standards")
    assert link.rstrip("/").rsplit("/", 1)[-1] not in carer.url  # the token left the address (ADR 45)
    main = carer.get_by_role("main")
    expect(main).to_contain_text("Riverside neighbourhood team")
    expect(main).to_contain_text("Amber: partly")
    expect(main).not_to_contain_text("Lena")
    expect(main).not_to_contain_text("Sam")
    expect(carer.get_by_role("link", name="Sign out")).to_have_count(0)
    assert_accessible(carer)
    shot(carer, "link", 375)
    carer.set_viewport_size(DESKTOP)
    assert_accessible(carer)
    shot(carer, "link", 1280)
    carer.set_viewport_size(PHONE)
    first = carer.locator("#standard-1")
    first.get_by_label("I do not agree").check()
    carer.locator("#standard-2").get_by_label("I agree").check()
    carer.get_by_role("button", name="Continue").click()
    expect_error_summary(carer, "Tell the team why you do not agree with standard 1")
    carer.locator("#standard-1").get_by_label("Tell the team why").fill("My son was not asked what he wanted")
    carer.get_by_role("button", name="Continue").click()
    expect(carer.get_by_role("heading", level=1)).to_contain_text("Check your answers before sending them")
    assert_accessible(carer)
    shot(carer, "link-check", 375)
    carer.get_by_role("button", name="Send to the team").click()
    expect_success(carer, "The team can now see what you said")
    assert Check.objects.count() == 2

    # Lena sees it waiting and answers.
    desk.goto("/")
    expect(desk.get_by_role("main")).to_contain_text("1 challenge waiting for an answer")
    desk.get_by_role("link", name=f"Riverside neighbourhood team, {Cycle.objects.get().period.label()}").click()
    expect(desk.get_by_role("main")).to_contain_text("My son was not asked what he wanted")
    both_widths(desk, "team-shared")
    desk.get_by_role("link", name="Answer this challenge to standard 1").click()
    desk.get_by_role("button", name="Save answer").click()
    expect_error_summary(desk, "Write your answer")
    both_widths(desk, "answer")
    desk.get_by_label("Your answer").fill("Thank you. We are sorry. We now ask everyone at their first visit.")
    desk.get_by_role("button", name="Save answer").click()
    expect_success(desk, "Your answer is saved")
    expect(desk.get_by_role("main")).to_contain_text("Our answer: Thank you. We are sorry.")

    carer.goto(link)
    expect(carer.get_by_role("main")).to_contain_text("The team answered: Thank you. We are sorry.")
    shot(carer, "link-answered", 375)

    desk.goto(f"/standards/teams/{riverside.pk}/")
    desk.get_by_role("link", name="How our ratings moved over the quarters").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("How our ratings moved")
    both_widths(desk, "history")
    menu_link(desk, "Standards").click()
    expect(desk).to_have_url(URL("/standards/partnership/"))
    expect(desk.get_by_role("main")).to_contain_text("Riverside neighbourhood team")
    both_widths(desk, "partnership")
