"""Journey: a GP chairs an MDT meeting.

Dr Nadia Rahman chairs Riverside Surgery's MDT. From "MDT meetings" in the header she opens the next meeting's
agenda, adds Harold Hart with a reason (checked before it is added), and runs the meeting from one page: she
records who came, writes notes and a decision for Harold, and agrees an action with an owner and a due date (a
date that is not real is refused with its own message, and nothing typed is lost). She finishes the meeting after
checking it, and Harold's minutes are on his timeline, and on nobody else's. Each page passes the axe check at
1280 and 375 pixels wide.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from alongside.mdt.models import CoreMember, Meeting
from alongside.mdt.tests.factories import (
    CoreMemberFactory,
    ItemFactory,
    MdtFactory,
    MeetingFactory,
    practice_person,
    started,
)
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.models import Entry

from .browser import URL, assert_accessible, expect_success, menu_link, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")


def both(page, name: str) -> None:
    """The page passes the axe check on a desktop and on a phone; screenshots of both when asked for."""
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_accessible(page)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SHOTS) / f"mdt-{name}-{size['width']}.png"), full_page=True)


def test_a_gp_chairs_an_mdt_meeting(page, new_context, staff):
    practice = OrganisationFactory(name="Riverside Surgery", kind=Organisation.Kind.GP_PRACTICE)
    team = TeamFactory(organisation=practice, kind=Team.Kind.PRACTICE, name="Riverside Surgery team")
    chair, secret = staff("gp", team=team, first_name="Nadia", last_name="Rahman")
    mdt = MdtFactory(
        name="Riverside Surgery MDT", practice=practice, place="Meeting room 2, or phone in on 01632 960 001"
    )
    CoreMemberFactory(mdt=mdt, user=chair, part=CoreMember.Part.GP_CHAIR)
    nurse = staff("clinician", team=team, first_name="Tom", last_name="Ellis")[0]
    CoreMemberFactory(mdt=mdt, user=nurse, part=CoreMember.Part.DISTRICT_NURSE)
    meeting = MeetingFactory(mdt=mdt)
    ivy = ItemFactory(meeting=meeting, person=practice_person(mdt, given_name="Ivy", family_name="Moss"))
    harold = practice_person(mdt, given_name="Harold", family_name="Hart")

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, chair, secret)
    menu_link(desk, "MDT meetings").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("MDT meetings")
    expect(desk.get_by_role("main")).to_contain_text("1 person on the agenda")
    both(desk, "meetings")

    desk.get_by_role("link", name=timezone.localtime(meeting.starts_at).strftime("%-d %B %Y, %H:%M")).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Riverside Surgery MDT")
    expect(desk.locator("#agenda")).to_contain_text("Ivy Moss")
    expect(desk.locator('a[href^="tel:"]')).to_have_text("01632 960 001")
    both(desk, "agenda")

    desk.get_by_role("link", name="Add someone to the agenda").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Add someone to the agenda")
    desk.get_by_role("button", name="Find").click()
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text("Enter the start of the person's name")
    both(desk, "add-find-error")
    desk.get_by_label("Name of the person").fill("Har")
    desk.get_by_role("button", name="Find").click()
    both(desk, "add-find")
    desk.get_by_role("link", name="Harold Hart").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Why should the team talk about Harold Hart?")
    desk.get_by_role("button", name="Continue").click()
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text("Enter why the team should talk about this person")
    both(desk, "add-reason-error")
    desk.get_by_label("Why should the team talk about them?").fill("Two falls at home this month; lives alone")
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check before you add Harold Hart")
    both(desk, "add-check")
    desk.get_by_role("button", name="Add to the agenda").click()
    expect_success(desk, "Harold Hart added to the agenda")
    expect(desk.locator("#agenda")).to_contain_text("Two falls at home this month; lives alone")
    item = meeting.items.get(person=harold)

    desk.locator(f"#item-{item.pk}").get_by_role("link", name="Change the time").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("How long for Harold Hart?")
    desk.get_by_label("How long for Harold Hart?").fill("0")
    desk.get_by_role("button", name="Save").click()
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text("Minutes must be between 1 and 120")
    both(desk, "minutes-error")
    desk.get_by_label("How long for Harold Hart?").fill("15")
    desk.get_by_role("button", name="Save").click()
    expect_success(desk, "Time changed")
    expect(desk.locator(f"#item-{item.pk}")).to_contain_text("(15 minutes)")

    desk.locator(f"#item-{item.pk}").get_by_role("link", name="Invite someone for this item").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Invite someone for Harold Hart")
    desk.get_by_role("button", name="Invite").click()
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text("Choose who should join for this item")
    both(desk, "invite-error")
    desk.get_by_role("link", name="Back to the agenda").click()

    desk.get_by_role("link", name="Run the meeting").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Run the meeting")
    both(desk, "run")
    desk.locator(f"#present-{chair.pk}").check()
    desk.locator(f"#present-{nurse.pk}-2").check()
    desk.get_by_role("button", name="Save who came").click()
    expect_success(desk, "Attendance saved")

    part = desk.locator(f"#item-{item.pk}")
    part.get_by_label("Notes").fill("Harold is steadier with his frame. His daughter visits on Sundays.")
    part.get_by_label("Decision").fill("Ask the falls team to see him at home")
    part.get_by_label("We have discussed Harold").check()
    part.get_by_role("button", name="Save notes and decision").click()
    expect(desk.locator(f"#item-{item.pk} .alongside-saved")).to_contain_text("Notes and decision saved")

    part = desk.locator(f"#item-{item.pk}")
    part.get_by_text("Add an action").click()
    part.get_by_label("What needs doing").fill("Refer Harold to the falls team")
    part.get_by_label("Who will do it").select_option(label="Tom Ellis")
    part.get_by_label("Day").fill("31")
    part.get_by_label("Month").fill("2")
    part.get_by_label("Year").fill("2027")
    part.get_by_role("button", name="Add the action").click()
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text("The due date must be a real date")
    expect(desk.locator(f"#item-{item.pk}").get_by_label("What needs doing")).to_have_value(
        "Refer Harold to the falls team"
    )
    both(desk, "run-error")
    due = timezone.localdate() + timedelta(days=14)
    part = desk.locator(f"#item-{item.pk}")
    part.get_by_label("Day").fill(str(due.day))
    part.get_by_label("Month").fill(str(due.month))
    part.get_by_label("Year").fill(str(due.year))
    part.get_by_role("button", name="Add the action").click()
    expect(desk.locator(f"#item-{item.pk} .alongside-saved")).to_contain_text("Action added")
    expect(desk.locator(f"#item-{item.pk}")).to_contain_text("Refer Harold to the falls team: Tom Ellis")

    started(meeting)  # it can be finished once it has started
    desk.get_by_role("link", name="Finish the meeting").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check the meeting before you finish it")
    expect(desk.get_by_role("main")).to_contain_text("Harold is steadier with his frame")
    both(desk, "finish-check")
    desk.get_by_role("button", name="Finish the meeting").click()
    expect_success(desk, "Meeting finished")
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.FINISHED

    desk.goto(f"/people/{harold.pk}/")
    expect(desk.get_by_role("main")).to_contain_text("Harold is steadier with his frame")
    expect(desk.get_by_role("main")).to_contain_text("Present: Nadia Rahman")
    both(desk, "timeline")
    assert Entry.objects.filter(kind="mdt_minutes", person=ivy.person).count() == 1
    assert "Harold" not in Entry.objects.get(kind="mdt_minutes", person=ivy.person).text
    desk.goto(f"/mdt/items/{item.pk}/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("What was agreed for Harold Hart")
    both(desk, "item-minutes-member")
    desk.get_by_role("link", name="Back to the agenda").click()
    expect(desk).to_have_url(URL(f"/mdt/meetings/{meeting.pk}/"))
    expect(desk.get_by_role("main")).to_contain_text("Finished.")
    expect(desk.get_by_role("link", name="Run the meeting")).to_have_count(0)
    both(desk, "agenda-finished")

    # The next meeting: a date in the past is refused with its own message, and what was typed stays.
    desk.get_by_role("link", name="Plan the next meeting").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Plan a meeting")
    last_year = str(timezone.localdate().year - 1)
    desk.get_by_label("Day").fill("8")
    desk.get_by_label("Month").fill("12")
    desk.get_by_label("Year").fill(last_year)
    desk.get_by_label("Time").fill("12:30")
    desk.get_by_role("button", name="Plan the meeting").click()
    past = "The date of the meeting must be today or in the future"
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text(past)
    expect(desk.get_by_label("Year")).to_have_value(last_year)
    expect(desk).to_have_title(re.compile(r"^Error: Plan a meeting"))
    both(desk, "plan-error")
    following = timezone.localdate() + timedelta(days=14)
    desk.get_by_label("Day").fill(str(following.day))
    desk.get_by_label("Month").fill(str(following.month))
    desk.get_by_label("Year").fill(str(following.year))
    desk.get_by_role("button", name="Plan the meeting").click()
    expect_success(desk, "Meeting planned for")
    assert Meeting.objects.filter(mdt=mdt, status=Meeting.Status.PLANNED).count() == 1
    both(desk, "planned")
