"""Journey: the team climate pulse.

Sam, a clinician in Riverside, sees on his team's page that he has not answered this month's pulse. Three
colleagues have; the results are held back, and the page says why. He answers the eight statements (none chosen at
first; leaving them all out names each one), checks his answers and sends them; the page thanks him, and the
results are still held back with four answers. When a fifth colleague answers, this month is still not shown (it is
open, so its results would move with each answer); last month, with five answers, is shown. His team leader,
on her phone, answers too, plans a reflective dialogue session from the results (nothing pre-ticked; bad input
named and kept), records how an earlier one went, and sees where she could change the questions. Every page passes
the axe check at 1280 and 375 px.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.climate import catalogue
from alongside.climate.models import DialogueSession, PulseAnswer
from alongside.climate.tests.factories import SessionFactory, all_at, answer_as
from alongside.partners.tests.factories import TeamFactory

from .browser import DESKTOP, PHONE, assert_accessible, expect_error_summary, expect_success, sign_in
from .browser import shot as screenshot

STATEMENTS = catalogue.default().statements


def shot(page, name: str, width: int) -> None:
    screenshot(page, f"climate-{name}", width)


def look(page, name: str, width: int) -> None:
    assert_accessible(page)
    shot(page, name, width)


def answer_all(page, point: int) -> None:
    for statement in STATEMENTS:
        page.locator(f"#id_{statement.key}" + (f"-{point}" if point > 1 else "")).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")


def test_a_pulse_is_answered_and_its_results_held_back_until_five(page, new_context, staff, member):
    team = TeamFactory(name="Riverside")
    sam, sam_secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    lead, lead_secret = staff("team_leader", team=team, first_name="Grace", last_name="Obi")
    for _ in range(3):
        answer_as(member("clinician", team=team), team, 4)
    earlier = SessionFactory(team=team, planned_by=lead, starts_at=timezone.now() - timedelta(days=3))

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, sam, sam_secret)
    desk.goto(f"/teams/{team.pk}/")
    panel = desk.get_by_role("main")
    expect(panel).to_contain_text("This month's pulse: you have not answered yet")
    desk.get_by_role("link", name="Answer this month's pulse and see the results").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Team climate pulse")
    expect(desk.locator("table tbody tr")).to_have_count(6)
    expect(desk.locator("table")).not_to_contain_text("%")
    look(desk, "team-held-back", 1280)

    desk.get_by_role("button", name="Answer this month's pulse").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("How is it to work in this team?")
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)  # nothing pre-chosen
    look(desk, "answer", 1280)
    desk.get_by_role("button", name="Continue").click()
    expect_error_summary(desk, *[f"Choose how much you agree: {s.text}" for s in STATEMENTS])
    look(desk, "answer-errors", 1280)
    answer_all(desk, 4)
    expect(desk.get_by_role("main")).to_contain_text("After you send it, you cannot change it")
    look(desk, "check", 1280)
    desk.get_by_role("button", name="Send my answer").click()
    expect_success(desk, "Thank you. Your answer is saved without your name.")
    expect(desk.get_by_role("main")).to_contain_text("You answered this month. Thank you.")
    expect(desk.locator("table")).not_to_contain_text("%")  # four answers: still held back
    assert PulseAnswer.objects.filter(team=team).count() == 4
    desk.goto(f"/climate/teams/{team.pk}/answer/")  # once a month
    expect(desk.get_by_role("heading", level=1)).to_contain_text("You answered this month")
    look(desk, "answered", 1280)
    desk.go_back()

    answer_as(member("clinician", team=team), team, 5)  # a fifth colleague answers
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    PulseAnswer.objects.bulk_create(
        PulseAnswer(team=team, month=last_month, definition=catalogue.default().code, values=all_at(4))
        for _ in range(5)
    )
    desk.reload()
    first, second = desk.locator("table tbody tr").nth(0), desk.locator("table tbody tr").nth(1)
    expect(first).to_contain_text("Answering is open: shown after the month ends")
    expect(first).not_to_contain_text("%")
    expect(second).to_contain_text("5 answered")
    expect(second).to_contain_text("%")
    look(desk, "team-shown", 1280)

    # On her phone, the team leader answers, then plans a session from the results.
    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, lead, lead_secret)
    phone.goto(f"/climate/teams/{team.pk}/")
    look(phone, "team-shown", 375)
    phone.get_by_role("button", name="Answer this month's pulse").click()
    look(phone, "answer", 375)
    answer_all(phone, 2)
    look(phone, "check", 375)
    phone.get_by_role("button", name="Send my answer").click()
    expect_success(phone, "Your answer is saved without your name")
    phone.goto(f"/climate/teams/{team.pk}/answer/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("You answered this month")
    look(phone, "answered", 375)
    phone.get_by_role("link", name="See the team's results").click()

    phone.get_by_role("button", name="Plan a session").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Plan a reflective dialogue session")
    expect(phone.get_by_role("checkbox", checked=True)).to_have_count(0)
    look(phone, "plan", 375)
    phone.get_by_label("How long, in minutes").fill("5")
    phone.get_by_label("Where").fill("Meeting room 2")
    phone.get_by_role("button", name="Plan the session").click()
    expect_error_summary(
        phone,
        "Enter the date",
        "Enter the time the session starts",
        "A session must be at least 15 minutes long",
        "Choose at least one area to talk about",
        "Enter who will lead the conversation",
    )
    expect(phone.get_by_label("Where")).to_have_value("Meeting room 2")
    look(phone, "plan-errors", 375)
    day = timezone.localdate() + timedelta(days=10)
    phone.get_by_label("Day").fill(str(day.day))
    phone.get_by_label("Month").fill(str(day.month))
    phone.get_by_label("Year").fill(str(day.year))
    phone.get_by_label("Start time").fill("14:00")
    phone.get_by_label("How long, in minutes").fill("90")
    phone.get_by_label("Time to reflect").check()
    phone.get_by_label("Safe to speak up").check()
    phone.get_by_label("Who will lead the conversation?").fill("Priya Natt, psychologist")
    phone.get_by_role("button", name="Plan the session").click()
    expect_success(phone, "Session planned")
    expect(phone.get_by_role("main")).to_contain_text("Safe to speak up, Time to reflect")
    assert DialogueSession.objects.filter(team=team, happened=None).count() == 2

    phone.get_by_role("link", name=f"Record how the session on {earlier.starts_at:%-d %B %Y} went").click()
    look(phone, "record", 375)
    phone.get_by_label("Yes").check()
    phone.get_by_label("What themes came up?").fill("No time to talk after hard visits")
    phone.get_by_role("button", name="Save").click()
    expect_success(phone, "Session recorded")
    expect(phone.get_by_role("main")).to_contain_text("No time to talk after hard visits")
    phone.get_by_role("link", name="Change the questions your team answers").click()
    look(phone, "questions", 375)

    # Sam sees the planned session; the desktop widths of the leader's pages.
    desk.goto(f"/climate/teams/{team.pk}/")
    expect(desk.get_by_role("main")).to_contain_text("Priya Natt, psychologist")
    look(desk, "team-session", 1280)
    phone.set_viewport_size(DESKTOP)
    phone.goto(f"/climate/teams/{team.pk}/sessions/new/")
    look(phone, "plan", 1280)
    phone.goto(f"/climate/teams/{team.pk}/questions/")
    look(phone, "questions", 1280)
    later = SessionFactory(team=team, planned_by=lead, starts_at=timezone.now() - timedelta(hours=1))
    phone.goto(f"/climate/teams/{team.pk}/sessions/{later.pk}/")
    look(phone, "record", 1280)
    phone.goto(f"/teams/{team.pk}/")
    look(phone, "team-panel", 1280)
