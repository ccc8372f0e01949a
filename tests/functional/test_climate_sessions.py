"""Journey: a team leader changes and cancels a reflective dialogue session, and changes the team's questions.

Grace leads Riverside. On her phone she changes the time and place of next week's session (a blank place is named
and the rest kept), then, in another window, finds that her own earlier change was saved first: the page says so
kindly and keeps what she typed. She cancels the session a fortnight away, writes why, and is asked if she is sure;
Sam, in her team, sees it marked as cancelled with her reason. She chooses new questions for the team and is told
they start on the first of next month. Every page passes the axe check at 1280 and 375 px.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.climate import queries
from alongside.climate.models import DialogueSession
from alongside.climate.tests.factories import SessionFactory
from alongside.partners.tests.factories import TeamFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in
from .test_climate import DESKTOP, PHONE, look


def test_a_leader_changes_and_cancels_a_session_and_the_team_sees_it(page, new_context, staff):
    team = TeamFactory(name="Riverside")
    lead, lead_secret = staff("team_leader", team=team, first_name="Grace", last_name="Obi")
    sam, sam_secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    soon = SessionFactory(team=team, planned_by=lead, starts_at=timezone.now() + timedelta(days=7))
    later = SessionFactory(
        team=team, planned_by=lead, starts_at=timezone.now() + timedelta(days=14), place="The garden room"
    )

    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, lead, lead_secret)
    phone.goto(f"/climate/teams/{team.pk}/")
    look(phone, "sessions-leader", 375)
    phone.get_by_role("link", name=f"Change the session on {timezone.localtime(soon.starts_at):%-d %B %Y}").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Change the session")
    expect(phone.get_by_label("Where")).to_have_value("Meeting room 2")
    look(phone, "change", 375)
    phone.get_by_label("Where").fill("")
    phone.get_by_label("Start time").fill("15:30")
    phone.get_by_role("button", name="Save the changes").click()
    expect_error_summary(phone, "Enter where the session is")
    expect(phone.get_by_label("Start time")).to_have_value("15:30")
    look(phone, "change-errors", 375)
    phone.get_by_label("Where").fill("Meeting room 4")
    stale = phone.url
    phone.get_by_role("button", name="Save the changes").click()
    expect_success(phone, "Session changed")
    expect(phone.get_by_role("main")).to_contain_text("Meeting room 4")

    # The same page, opened before that change was saved, is sent again: told kindly, nothing overwritten.
    desk = phone.context.new_page()  # another window of hers (a second sign-in within the half-minute reuses the code)
    desk.set_viewport_size(DESKTOP)
    desk.goto(stale)
    DialogueSession.objects.filter(pk=soon.pk).update(place="Room 9", version=5)
    desk.get_by_label("Where").fill("Room 1")
    desk.get_by_role("button", name="Save the changes").click()
    expect_error_summary(
        desk,
        "Someone changed this session while you were changing it. Check what is saved on the team's page, then save "
        "your changes again if you still want them.",
    )
    expect(desk.get_by_label("Where")).to_have_value("Room 1")
    look(desk, "change-conflict", 1280)
    soon.refresh_from_db()
    assert soon.place == "Room 9"

    phone.get_by_role("link", name=f"Cancel the session on {timezone.localtime(later.starts_at):%-d %B %Y}").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Cancel the session")
    look(phone, "cancel", 375)
    phone.get_by_role("button", name="Continue").click()
    expect_error_summary(phone, "Enter why the session is cancelled")
    phone.get_by_label("Why is the session cancelled?").fill("Our facilitator is away. We will plan another.")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Are you sure you want to cancel this session?")
    look(phone, "cancel-check", 375)
    phone.get_by_role("button", name="Yes, cancel the session").click()
    expect_success(phone, "Session cancelled")
    expect(phone.get_by_role("main")).to_contain_text("cancelled")
    later.refresh_from_db()
    assert later.cancelled and DialogueSession.objects.filter(team=team).count() == 2

    phone.get_by_role("link", name="Change the questions your team answers").click()
    starts = queries.next_month(queries.this_month())
    expect(phone.get_by_role("main")).to_contain_text(f"The new questions start on {starts.day} {starts:%B}")
    look(phone, "questions-next-month", 375)

    # Sam sees the cancelled session and its reason, and no way to change it.
    member = new_context(viewport=PHONE).new_page()
    sign_in(member, sam, sam_secret)
    member.goto(f"/climate/teams/{team.pk}/")
    main = member.get_by_role("main")
    expect(main).to_contain_text("Our facilitator is away. We will plan another.")
    expect(member.get_by_role("link", name="Cancel the session")).to_have_count(0)
    look(member, "sessions-member", 375)

    # The desktop widths of the new pages.
    desk.goto(f"/climate/teams/{team.pk}/")
    look(desk, "sessions-leader", 1280)
    desk.goto(f"/climate/teams/{team.pk}/sessions/{soon.pk}/change/")
    look(desk, "change", 1280)
    other = SessionFactory(team=team, planned_by=lead, starts_at=timezone.now() + timedelta(days=20))
    desk.goto(f"/climate/teams/{team.pk}/sessions/{other.pk}/cancel/")
    look(desk, "cancel", 1280)
    desk.get_by_label("Why is the session cancelled?").fill("Clashes with training")
    desk.get_by_role("button", name="Continue").click()
    look(desk, "cancel-check", 1280)
    desk.get_by_role("button", name="Change the reason").click()
    expect(desk.get_by_label("Why is the session cancelled?")).to_have_value("Clashes with training")
    desk.goto(f"/climate/teams/{team.pk}/questions/")
    look(desk, "questions-next-month", 1280)
    assert_accessible(desk)
