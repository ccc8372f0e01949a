"""Journey: revolving representation.

Lee leads the Riverside team. On a desktop he opens his team's page, sees the next partnership event and who goes,
and follows the link to the rota: for each event, who carries on from last time and whose turn it is, with the
reason. He gives the new place at the next board meeting to Cy instead, checks it and saves it. Then he records
who went to last week's learning event: he forgets to answer at first and is told what to do, then says Lee went
and Ann did not. Ann, on her phone, sees on her home page that she is going to an event; she says she cannot go to
one, and writes a note for the team. An administrator adds an event on her phone, checks it, changes where it is
from the check page and adds it. Every page passes the axe check
at both widths.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.partners.tests.factories import TeamFactory
from alongside.representation.models import CannotGo, Event, Seat
from alongside.representation.tests.factories import event_for

from .browser import DESKTOP, PHONE, assert_accessible, expect_error_summary, expect_success, shot, sign_in


def check(page, name: str, width: int) -> None:
    assert_accessible(page)
    shot(page, name, width)


def test_a_leader_changes_the_rota_and_records_who_went(page, new_context, staff, member):
    team = TeamFactory(name="Riverside")
    lee, lee_secret = staff("team_leader", team=team, first_name="Lee", last_name="Leader")
    ann, ann_secret = staff("clinician", team=team, first_name="Ann", last_name="Ash")
    for first, last in (("Bo", "Birch"), ("Cy", "Cedar"), ("Di", "Dune")):
        member("clinician", team=team, first_name=first, last_name=last)
    past = event_for(team, -5, name="Learning event: stories from carers", kind="learning")
    board = event_for(team, 12, name="Partnership board: the year ahead")
    event_for(team, 40, name="Learning event: working with volunteers", kind="learning")

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, lee, lee_secret)  # once: a second sign-in within the half-minute would reuse the same code
    for width, viewport in ((1280, DESKTOP), (375, PHONE)):
        desk.set_viewport_size(viewport)
        desk.goto(f"/teams/{team.pk}/")
        main = desk.get_by_role("main")
        expect(main).to_contain_text("Next: Partnership board: the year ahead")
        desk.get_by_role("link", name="Who goes to partnership events").click()
        expect(desk.get_by_role("heading", level=1)).to_contain_text("Who goes to partnership events")
        expect(main).to_contain_text("Lee Leader was new last time, so they carry on.")
        check(desk, "rota", width)
        if width == 375:
            desk.get_by_role("link", name="All events across the partnership").click()
            expect(desk.get_by_role("heading", level=1)).to_have_text("Events across the partnership")
            check(desk, "events", 375)
            for path, name in (
                (f"/representation/teams/{team.pk}/events/{board.pk}/choose/", "choose"),
                (f"/representation/teams/{team.pk}/events/{past.pk}/attendance/", "attendance"),
                (f"/representation/teams/{team.pk}/events/{past.pk}/note/", "note"),
            ):
                desk.goto(path)
                check(desk, name, 375)
            break

        desk.get_by_role("link", name="Change who goes to Partnership board: the year ahead").click()
        expect(desk.get_by_role("heading", level=1)).to_contain_text("Change who goes")
        check(desk, "choose", width)
        desk.get_by_label("Carries on from last time").select_option(label="Cy Cedar")
        desk.get_by_label("New this time").select_option(label="Cy Cedar")
        desk.get_by_role("button", name="Continue").click()
        expect_error_summary(desk, "Cy Cedar already has the other place. Choose someone else")
        check(desk, "choose-error", width)
        desk.get_by_label("Carries on from last time").select_option(label="Lee Leader")
        desk.get_by_role("button", name="Continue").click()
        expect(desk.get_by_role("heading", level=1)).to_contain_text("Check who goes")
        expect(desk.locator("#check")).to_contain_text("Chosen by Lee Leader")
        check(desk, "choose-check", width)
        desk.get_by_role("button", name="Save who goes").click()
        expect_success(desk, "Saved who goes to Partnership board: the year ahead")
        assert list(Seat.objects.filter(invitation__event=board).values_list("user__first_name", flat=True)) == [
            "Lee",
            "Cy",
        ]

        desk.get_by_role("link", name="Record who went to Learning event: stories from carers").click()
        expect(desk.get_by_role("heading", level=1)).to_contain_text("Record who went")
        check(desk, "attendance", width)
        desk.get_by_role("button", name="Save who went").click()
        expect_error_summary(desk, "Select whether Lee Leader went", "Select whether Ann Ash went")
        check(desk, "attendance-error", width)
        desk.get_by_role("group", name="Did Lee Leader go?").get_by_label("Went").check()
        desk.get_by_role("group", name="Did Ann Ash go?").get_by_label("Did not go").check()
        desk.get_by_role("button", name="Save who went").click()
        expect_success(desk, "Saved who went to Learning event: stories from carers")
        expect(desk.locator(f"#event-{past.pk}")).to_contain_text("Did not go")
        assert list(Seat.objects.filter(invitation__event=past).values_list("went", flat=True)) == [True, False]
        desk.get_by_role("link", name="Write a note for the team about Learning event: stories from carers").click()
        check(desk, "note", width)

    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, ann, ann_secret)
    expect(phone.get_by_role("main")).to_contain_text("You are going to")
    phone.get_by_role("link", name="Learning event: working with volunteers").click()
    phone.get_by_role("button", name="I cannot go to Learning event: working with volunteers").click()
    expect_success(phone, "Saved: you cannot go to Learning event: working with volunteers")
    assert CannotGo.objects.filter(user=ann).count() == 1
    check(phone, "rota-cannot-go", 375)
    phone.goto(f"/representation/teams/{team.pk}/events/{past.pk}/note/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Write a note for the team")
    phone.get_by_role("button", name="Save the note").click()
    expect_error_summary(phone, "Write a note for the team")
    check(phone, "note-error", 375)
    phone.get_by_label("What was talked about").fill("Carers want to be asked what they know.")
    phone.get_by_role("button", name="Save the note").click()
    expect_success(phone, "Your note is on the team's page")
    expect(phone.locator(f"#event-{past.pk}")).to_contain_text("Carers want to be asked what they know.")


def test_an_administrator_adds_an_event(page, new_context, staff):
    team = TeamFactory(name="Riverside")
    soon = timezone.localdate() + timedelta(days=30)
    for width, viewport in ((1280, DESKTOP), (375, PHONE)):
        admin, secret = staff("admin")  # one each: a code from the authenticator app is used once
        tab = new_context(viewport=viewport).new_page()
        sign_in(tab, admin, secret)
        tab.get_by_role("link", name="Events across the partnership").click()
        check(tab, "events-admin", width)
        tab.get_by_role("button", name="Add an event").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("Add an event")
        tab.get_by_label("Name of the event").fill(f"Partnership board {width}")
        tab.get_by_role("button", name="Continue").click()
        expect_error_summary(
            tab,
            "Select what kind of event it is",
            "Enter date of the event",
            "Enter where the event is",
            "Select at least one team",
        )
        expect(tab.get_by_label("Name of the event")).to_have_value(f"Partnership board {width}")
        check(tab, "add-event-error", width)
        tab.get_by_label("Partnership board meeting").check()
        tab.get_by_label("Day").fill(str(soon.day))
        tab.get_by_label("Month").fill(str(soon.month))
        tab.get_by_label("Year").fill(str(soon.year))
        tab.get_by_label("Where is it?").fill("Town hall")
        tab.get_by_label("Riverside").check()
        tab.get_by_role("button", name="Continue").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("Check the event before you add it")
        expect(tab.locator("#check")).to_contain_text("Town hall")
        check(tab, "add-event-check", width)
        assert not Event.objects.filter(name=f"Partnership board {width}").exists()
        tab.get_by_role("button", name="Change where").click()  # back to the question, with everything kept
        expect(tab.get_by_label("Name of the event")).to_have_value(f"Partnership board {width}")
        assert "?" not in tab.url  # what was typed was posted back, not put in the address
        expect(tab.get_by_label("Riverside")).to_be_checked()
        tab.get_by_label("Where is it?").fill("Community centre")
        tab.get_by_role("button", name="Continue").click()
        expect(tab.locator("#check")).to_contain_text("Community centre")
        tab.get_by_role("button", name="Add the event").click()
        expect_success(tab, f"Partnership board {width} added")
    assert Event.objects.count() == 2 and all(e.teams.get() == team for e in Event.objects.all())


def test_an_administrator_changes_then_cancels_an_event_and_the_team_sees_why(page, new_context, staff, member):
    """An administrator changes where a coming event is (she empties the place first and is told), then cancels it
    on each width: she forgets the reason and is told, checks it, and cancels it. Ann then sees it on her team's rota
    as cancelled, with the reason, and nobody going."""
    team = TeamFactory(name="Riverside")
    ann, ann_secret = staff("clinician", team=team, first_name="Ann", last_name="Ash")
    member("clinician", team=team, first_name="Bo", last_name="Birch")
    events = {width: event_for(team, 20, name=f"Learning event {width}") for width in (1280, 375)}
    for width, viewport in ((1280, DESKTOP), (375, PHONE)):
        admin, secret = staff("admin")  # one each: a code from the authenticator app is used once
        tab = new_context(viewport=viewport).new_page()
        sign_in(tab, admin, secret)
        tab.get_by_role("link", name="Events across the partnership").click()
        tab.locator("li", has_text=f"Learning event {width}").get_by_role("link", name="Change this event").click()
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Change an event")
        tab.get_by_label("Where is it?").fill("")
        tab.get_by_role("button", name="Save the changes").click()
        expect_error_summary(tab, "Enter where the event is")
        check(tab, "edit-event-error", width)
        tab.get_by_label("Where is it?").fill("Library")
        tab.get_by_role("button", name="Save the changes").click()
        expect_success(tab, f"Learning event {width} is changed")
        expect(tab.locator("li", has_text=f"Learning event {width}")).to_contain_text("Library")
        tab.locator("li", has_text=f"Learning event {width}").get_by_role("link", name="cancel it").click()
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Cancel an event")
        tab.get_by_role("button", name="Continue").click()
        expect_error_summary(tab, "Enter why the event is cancelled")
        check(tab, "cancel-event-error", width)
        tab.get_by_label("Why is it cancelled?").fill("The speaker is ill. We will plan it again.")
        tab.get_by_role("button", name="Continue").click()
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Check you want to cancel this event")
        check(tab, "cancel-event-check", width)
        tab.get_by_role("button", name="Cancel the event").click()
        expect_success(tab, f"Learning event {width} is cancelled")
        expect(tab.locator("main")).to_contain_text("Cancelled: The speaker is ill. We will plan it again.")
        check(tab, "events-cancelled", width)
    assert all(Event.objects.get(pk=e.pk).cancelled for e in events.values())
    tab = new_context(viewport=DESKTOP).new_page()
    sign_in(tab, ann, ann_secret)
    for width, viewport in ((1280, DESKTOP), (375, PHONE)):
        tab.set_viewport_size(viewport)
        tab.goto(f"/representation/teams/{team.pk}/")
        cancelled = tab.locator(f"#event-{events[width].pk}")
        expect(cancelled).to_contain_text("Cancelled")
        expect(cancelled).to_contain_text("The speaker is ill. We will plan it again.")
        expect(cancelled).to_contain_text("Nobody goes, and nobody's turn is used up.")
        expect(cancelled.get_by_role("button")).to_have_count(0)  # no "I cannot go" for a cancelled event
        check(tab, "rota-cancelled", width)
