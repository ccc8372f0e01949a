"""Journey: supervision in protected time, who has had it lately, and the team's reflective practice.

Lee leads the Riverside team. On a desktop, the team's page tells him how many have had supervision in the last 6
weeks; the coverage page names Jo, who has had none for two months, and shows Nia, who joined last week, as new,
not as a gap. He books a group session for Sam and Jo: nothing is chosen for him, a form with nothing in it is
explained, and he checks it before it is booked. He moves it and is asked why, then records a reflective practice
session: a title with a name ("Mrs Okafor") is caught, and the session's page shows the team's anonymous
reflection patterns. He changes the session's themes (emptied, they are asked for again). On his phone, Sam sees
only his own line of the coverage, books a session for himself and says that a session did not happen and why,
with nothing about what was said. Every page passes the axe check at 1280 and 375 pixels.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.reflection.tests.factories import ReflectionFactory
from alongside.supervision.models import ReflectiveSession, SupervisionSession
from alongside.supervision.tests.factories import long_in_team, supervision

from .browser import DESKTOP, PHONE, assert_accessible, expect_error_summary, expect_success, shot, sign_in


def check(page, name: str, width: int) -> None:
    assert_accessible(page)
    shot(page, name, width)


def fill_day(page, day) -> None:
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def test_supervision_in_protected_time_and_the_coverage_page(page, new_context, staff, member):
    team = TeamFactory(name="Riverside")
    lee, lee_secret = staff("team_leader", team=team, first_name="Lee", last_name="Ward")
    sam, sam_secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    jo = member("social_worker", team=team, first_name="Jo", last_name="Bell")
    long_in_team(lee, sam, jo)
    member("clinician", team=team, first_name="Nia", last_name="Okoro")  # joined today: new
    supervision(team, lee, sam, days_ago=12)
    supervision(team, lee, jo, days_ago=60)
    waiting = supervision(team, lee, sam, days_ago=1, status="booked")
    for _ in range(6):
        # last month's: a month is shown once it is over
        ReflectionFactory(
            team=team, hard=["hope_stories"], written_at=timezone.now().replace(day=1) - timedelta(days=10)
        )
    ahead = timezone.localdate() + timedelta(days=9)

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, lee, lee_secret)
    desk.goto(f"/teams/{team.pk}/")
    main = desk.get_by_role("main")
    expect(main).to_contain_text("1 of 3 staff have had supervision in the last 6 weeks")
    expect(main).to_contain_text("What the team found hard after contacts")
    check(desk, "team-page", 1280)
    desk.get_by_role("link", name="Supervision and reflective practice").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Supervision and reflective practice")
    expect(main).to_contain_text("Supervision is protected time")
    check(desk, "supervision", 1280)

    desk.get_by_role("button", name="Who has had supervision").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Who has had supervision in the last 6 weeks")
    table = desk.locator("#coverage")
    expect(table.locator("tr", has_text="Jo Bell")).to_contain_text("No: book one")
    expect(table.locator("tr", has_text="Sam Patel")).to_contain_text("Yes")
    expect(table.locator("tr", has_text="Nia Okoro")).to_contain_text("New to the team")
    check(desk, "coverage", 1280)

    desk.get_by_role("link", name="Book a session").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Book a supervision session")
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)
    expect(desk.get_by_role("checkbox", checked=True)).to_have_count(0)
    check(desk, "book", 1280)
    desk.get_by_role("button", name="Continue").click()
    expect_error_summary(
        desk,
        "Choose whether the session is for one person or a group",
        "Choose who will supervise",
        "Tick who will be supervised",
        "Enter the date",
        "Enter a start time, for example 10:30",
        "Choose how long the session is",
    )
    check(desk, "book-errors", 1280)
    desk.get_by_label("A group").check()
    desk.get_by_label("Who will supervise?").select_option(label="Lee Ward")
    desk.get_by_label("Sam Patel").check()
    desk.get_by_label("Jo Bell").check()
    fill_day(desk, ahead)
    desk.get_by_label("What time does it start?").fill("10:30")
    desk.get_by_label("1 and a half hours").check()
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check before you book")
    expect(desk.locator("#check")).to_contain_text("Jo Bell, Sam Patel")
    check(desk, "book-check", 1280)
    desk.get_by_role("button", name="Book the session").click()
    expect_success(desk, "Session booked in protected time")
    booked = SupervisionSession.objects.get(kind="group")
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"Supervision, {ahead.day} {ahead:%B %Y}")
    check(desk, "session", 1280)

    desk.get_by_role("button", name="Move this session").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Move this session")
    fill_day(desk, ahead + timedelta(days=1))
    desk.get_by_label("New start time").fill("14:00")
    desk.get_by_role("button", name="Move the session").click()
    expect_error_summary(desk, "Say why the session needs to move")
    check(desk, "move", 1280)
    desk.get_by_label("Why does it need to move?").fill("Court hearing for someone we support")
    desk.get_by_role("button", name="Move the session").click()
    expect_success(desk, "Session moved")
    expect(desk.locator("#session")).to_contain_text("Court hearing for someone we support")
    booked.refresh_from_db()
    assert booked.times_moved == 1

    expect(desk.get_by_role("button", name="Say if it happened")).to_have_count(0)  # not before its day
    desk.goto(f"/supervision/sessions/{waiting.pk}/")  # yesterday's, which Lee supervised
    desk.get_by_role("button", name="Say if it happened").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Did this session happen?")
    check(desk, "record", 1280)

    desk.goto(f"/supervision/teams/{team.pk}/")
    desk.get_by_role("button", name="Record a reflective practice session").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Record a reflective practice session")
    check(desk, "reflective-form", 1280)
    fill_day(desk, timezone.localdate())
    desk.get_by_label("Who led it?").fill("Dr Ruth Adeyemi")
    desk.get_by_label("What did the team talk about?").fill("How we felt after Mrs Okafor moved into a care home")
    desk.get_by_label("Sam Patel").check()
    desk.get_by_role("button", name="Save session").click()
    expect_error_summary(desk, "“Mrs Okafor” may name someone. Write it without the name, for example “a man we visit”")
    desk.get_by_label("What did the team talk about?").fill("How we feel when someone we support moves into care")
    desk.get_by_role("button", name="Save session").click()
    expect_success(desk, "Reflective practice session recorded")
    expect(desk.locator("#reflective")).to_contain_text("moves into care")
    expect(desk.locator("#reflection-patterns")).to_be_visible()
    expect(desk.get_by_role("main")).to_contain_text("from 6 reflections")
    check(desk, "reflective", 1280)
    found = ReflectiveSession.objects.get()
    desk.get_by_role("link", name="Change this session").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Change this reflective practice session")
    expect(desk.get_by_label("Who led it?")).to_have_value("Dr Ruth Adeyemi")
    check(desk, "reflective-change", 1280)
    desk.get_by_label("What did the team talk about?").fill("")
    desk.get_by_role("button", name="Save changes").click()
    expect_error_summary(desk, "Write the themes in a few words")
    check(desk, "reflective-change-error", 1280)
    desk.get_by_label("What did the team talk about?").fill("How we feel when someone moves into care, and hope")
    desk.get_by_role("button", name="Save changes").click()
    expect_success(desk, "Reflective practice session changed")
    expect(desk.locator("#reflective")).to_contain_text("and hope")
    desk.set_viewport_size(PHONE)
    desk.goto(f"/supervision/reflective-practice/{found.pk}/change/")
    check(desk, "reflective-change", 375)
    desk.set_viewport_size(DESKTOP)

    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, sam, sam_secret)
    phone.goto(f"/teams/{team.pk}/")
    check(phone, "team-page", 375)
    phone.get_by_role("link", name="Supervision and reflective practice").click()
    check(phone, "supervision", 375)
    phone.get_by_role("button", name="Who has had supervision").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your supervision in the last 6 weeks")
    expect(phone.locator("#coverage")).to_contain_text("Sam Patel")
    expect(phone.locator("#coverage")).not_to_contain_text("Jo Bell")
    check(phone, "coverage", 375)

    phone.goto(f"/supervision/teams/{team.pk}/book/")
    check(phone, "book", 375)
    phone.get_by_label("One person").check()
    phone.get_by_label("Who will supervise?").select_option(label="Lee Ward")
    phone.get_by_label("Sam Patel").check()
    fill_day(phone, ahead)
    phone.get_by_label("What time does it start?").fill("09:00")
    phone.get_by_label("1 hour").check()
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check before you book")
    check(phone, "book-check", 375)
    phone.get_by_role("button", name="Book the session").click()
    expect_success(phone, "Session booked in protected time")
    check(phone, "session", 375)
    phone.get_by_role("button", name="Move this session").click()
    check(phone, "move", 375)

    phone.goto(f"/supervision/sessions/{waiting.pk}/record/")
    expect(phone.get_by_role("radio", checked=True)).to_have_count(0)
    phone.get_by_label("No, it did not happen").check()
    phone.get_by_label("Why not, in a few words?").fill("Lee was off sick")
    check(phone, "record", 375)
    phone.get_by_role("button", name="Save").click()
    expect_success(phone, "Thank you: the session is recorded")
    expect(phone.locator("#session")).to_contain_text("Lee was off sick")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.why_not) == ("did_not_happen", "Lee was off sick")

    phone.goto(f"/supervision/teams/{team.pk}/reflective-practice/new/")
    check(phone, "reflective-form", 375)
    phone.goto(f"/supervision/reflective-practice/{found.pk}/")
    check(phone, "reflective", 375)
