"""Journey: a team checks how far its service helps people recover, and sees its view beside the people's.

The team leader opens a round from the team's page, gives her own answers (a first try without any shows what is
missing), makes a link and hands it to someone who uses the service. On their phone, without signing in, they see
only the team's name and the questions, answer, check (going back once from the top of the check page, with their
answers kept) and send; the link then works no more. Back at her desk the leader sees only how many have answered
while the round is open; once she closes it, she sees the two views side by side, where they differ most first.
Every page passes the axe check at 1280 and 375 px.
"""

from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.service_environment import checklist
from alongside.service_environment.models import PeopleAnswers, Round, TeamAnswers
from alongside.service_environment.tests.factories import people_answers, team_answers

from .browser import DESKTOP, PHONE, assert_accessible, expect_error_summary, expect_not_found, expect_success, sign_in
from .browser import shot as screenshot

CHECKLIST = checklist.shipped()["recovery-environment"]
STATEMENTS = len(CHECKLIST.statements)


def shot(page, name: str, width: int) -> None:
    assert_accessible(page)
    screenshot(page, f"environment-{name}", width)


def answer_all(page, word: str, first: str | None = None) -> None:
    groups = page.locator("main fieldset")
    expect(groups).to_have_count(STATEMENTS)
    for n in range(STATEMENTS):
        groups.nth(n).get_by_label(first if (n == 0 and first) else word, exact=True).check()


def test_a_team_and_the_people_it_serves_check_the_service_side_by_side(page, new_context, staff):
    team = TeamFactory(name="Riverside neighbourhood team")
    leader, secret = staff("team_leader", team=team, first_name="Rosa", last_name="Diaz")

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, leader, secret)
    desk.goto(f"/teams/{team.pk}/")
    expect(desk.locator("#service-environment")).to_have_text("Does our service help people recover?")
    desk.get_by_role("link", name="See the service environment audit").click()
    expect(desk.locator("#current")).to_contain_text("No round is open.")
    shot(desk, "team-none", 1280)
    desk.get_by_role("link", name="Open a round").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Open a round")
    shot(desk, "open", 1280)
    desk.get_by_role("button", name="Open the round").click()
    expect_success(desk, "The round is open.")
    found = Round.objects.get(team=team)

    # her own answers: a first try without any says what is missing
    desk.get_by_role("link", name="Give your answers").click()
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)  # nothing pre-ticked
    shot(desk, "answer", 1280)
    desk.get_by_role("button", name="Save my answers").click()
    expect_error_summary(desk, *[f"Choose how true this is: {s.team}" for s in CHECKLIST.statements])
    answer_all(desk, "Mostly", first="Fully")
    desk.get_by_role("button", name="Save my answers").click()
    expect_success(desk, "Your answers are saved.")
    assert TeamAnswers.objects.filter(round=found, member=leader).count() == 1

    # a link for someone who uses the service
    desk.get_by_role("link", name="Make links for people who use the service").click()
    desk.get_by_role("button", name="Make a link").click()
    link = desk.locator("#made-link").inner_text()
    expect(desk.locator("#counts")).to_have_text("1 link made so far; 0 used.")
    shot(desk, "links", 1280)

    # four others answered before; theirs makes five, so the people's view shows
    for _ in range(3):
        team_answers(found, 3)
    people_answers(found, 1, count=4)
    phone = new_context(viewport=PHONE).new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("How does Riverside neighbourhood team help you?")
    assert link.rstrip("/").rsplit("/", 1)[-1] not in phone.url  # the token left the address (ADR 45)
    expect(phone.get_by_role("main")).not_to_contain_text("Rosa")
    expect(phone.get_by_role("textbox")).to_have_count(0)  # no name asked
    shot(phone, "say", 375)
    answer_all(phone, "A little", first="Don't know")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Check your answers before you send them")
    shot(phone, "say-check", 375)
    phone.get_by_role("button", name="Back to your answers").click()  # the back link at the top keeps the answers
    expect(phone.get_by_role("heading", level=1)).to_have_text("How does Riverside neighbourhood team help you?")
    expect(phone.get_by_role("radio", checked=True)).to_have_count(STATEMENTS)
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Check your answers before you send them")
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you: your answers are sent")
    shot(phone, "thanks", 375)
    assert PeopleAnswers.objects.filter(round=found).count() == 5
    expect_not_found(phone, phone.goto(link))

    # while the round is open: only how many have answered
    desk.goto(f"/service-environment/teams/{team.pk}/")
    expect(desk.locator("#current")).to_contain_text(
        "4 of the team and 5 people who use the service have answered. What they said is shown when the round closes."
    )
    shot(desk, "team", 1280)
    desk.goto(f"/service-environment/rounds/{found.pk}/results/")
    expect(desk.locator("#held-back")).to_contain_text("The views are shown when the round closes")
    expect(desk.locator("#side-by-side")).to_have_count(0)
    shot(desk, "results-open", 1280)

    # the same pages on a phone, and a link's pages on a desktop
    desk.set_viewport_size(PHONE)
    for name, url in [
        ("team", f"/service-environment/teams/{team.pk}/"),
        ("answer", f"/service-environment/rounds/{found.pk}/answer/"),
        ("links", f"/service-environment/rounds/{found.pk}/links/"),
        ("results", f"/service-environment/rounds/{found.pk}/results/"),
        ("close", f"/service-environment/rounds/{found.pk}/close/"),
    ]:
        desk.goto(url)
        shot(desk, name, 375)
    desk.goto(f"/service-environment/teams/{team.pk}/open/")
    shot(desk, "open", 375)
    desk.set_viewport_size(DESKTOP)
    desk.goto(f"/service-environment/rounds/{found.pk}/links/")
    desk.get_by_role("button", name="Make a link").click()
    second = desk.locator("#made-link").inner_text()
    wide = new_context(viewport=DESKTOP).new_page()
    wide.goto(second)
    shot(wide, "say", 1280)
    answer_all(wide, "A little")
    wide.get_by_role("button", name="Continue").click()
    shot(wide, "say-check", 1280)
    wide.get_by_role("button", name="Send my answers").click()
    shot(wide, "thanks", 1280)

    # the leader closes the round
    desk.goto(f"/service-environment/rounds/{found.pk}/close/")
    shot(desk, "close", 1280)
    desk.get_by_role("button", name="Close the round").click()
    expect_success(desk, "The round is closed.")
    found.refresh_from_db()
    assert found.closed_at is not None

    # the results, side by side, once the round is closed
    expect(desk.get_by_role("heading", level=2, name="Where we see it differently")).to_be_visible()
    expect(desk.locator("#differ li").first).to_contain_text(
        "All of someone's life: the team says Fully (3.0); people say A little (1.0)"
    )
    expect(desk.locator("#side-by-side")).to_contain_text("Shaping the service")
    expect(desk.get_by_role("link", name="Back to the service environment audit")).to_be_visible()
    shot(desk, "results", 1280)
    desk.set_viewport_size(PHONE)
    desk.reload()
    shot(desk, "results", 375)
