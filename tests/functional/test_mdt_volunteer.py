"""Journey: a volunteer joins an MDT meeting for their own client, on a phone, and sees nothing else.

Sam Lee visits Harold Hart. Harold agreed that Sam joins Riverside Surgery's MDT for his part. On a phone (375
pixels wide) Sam opens "MDT meetings": one line, "Tuesday 8 December, join at 12:40 for Harold Hart (10
minutes)", and where to join, with the phone number a link to tap. The item's page says when, where, about whom
and why, in plain words. The meeting's agenda shows Harold's part only: not the other people on it, nor how many
there are. Another item's address, or the chair's page, answers "Page not found", exactly like a page that does
not exist. After the meeting Sam reads what was agreed for Harold. Each page passes the axe check.
"""

import os
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from alongside.core.tests.requests import acting_as
from alongside.mdt import actions_meeting
from alongside.mdt.agenda import join_words
from alongside.mdt.models import Item, Meeting
from alongside.mdt.tests.factories import (
    ActionFactory,
    InvitationFactory,
    ItemFactory,
    MdtFactory,
    MeetingFactory,
    chair_of,
    practice_person,
    started,
    volunteer_of,
)
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory

from .browser import assert_accessible, menu_link, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")


def shot(page, name: str) -> None:
    """The page passes the axe check on the phone, and on a desktop too; screenshots of both when asked for."""
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert_accessible(page)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SHOTS) / f"mdt-volunteer-{name}-{size['width']}.png"), full_page=True)


def test_a_volunteer_joins_for_their_client_on_a_phone_and_sees_nothing_else(new_context, staff):
    practice = OrganisationFactory(name="Riverside Surgery", kind=Organisation.Kind.GP_PRACTICE)
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Riverside volunteers")
    sam, secret = staff("volunteer", team=hub, first_name="Sam", last_name="Lee")
    mdt = MdtFactory(
        name="Riverside Surgery MDT", practice=practice, place="Meeting room 2, or phone in on 01632 960 001"
    )
    meeting = MeetingFactory(mdt=mdt)
    first = ItemFactory(meeting=meeting, person=practice_person(mdt, given_name="Ivy", family_name="Moss"))
    harold = practice_person(mdt, given_name="Harold", family_name="Hart")
    mine = ItemFactory(meeting=meeting, person=harold, reason="Two falls at home this month; lives alone")
    other = ItemFactory(meeting=meeting, person=practice_person(mdt, given_name="Zeb", family_name="Quinn"))
    volunteer_of(harold, sam)
    InvitationFactory(item=mine, user=sam, invited_by=chair_of(mdt))

    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, sam, secret)
    phone.goto("/")
    menu_link(phone, "MDT meetings").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("MDT meetings")
    start = timezone.localtime(meeting.starts_at) + timezone.timedelta(minutes=first.minutes)
    words = join_words(start, "Harold Hart", mine.minutes)
    main = phone.get_by_role("main")
    expect(main).to_contain_text(words)
    expect(phone.locator('a[href^="tel:"]')).to_have_text("01632 960 001")
    for name in ("Ivy", "Zeb", "Riverside Surgery MDT"):
        expect(main).not_to_contain_text(name)
    shot(phone, "meetings")

    phone.get_by_role("link", name=words).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Team meeting about Harold Hart")
    expect(main).to_contain_text("Two falls at home this month; lives alone")
    expect(main).not_to_contain_text("Ivy")
    shot(phone, "item")

    phone.goto(f"/mdt/meetings/{meeting.pk}/")
    expect(phone.locator("#agenda > li")).to_have_count(1)
    expect(main).to_contain_text("Harold Hart")
    for name in ("Ivy", "Zeb", "Move up", "Run the meeting", "Suggested"):
        expect(main).not_to_contain_text(name)
    shot(phone, "agenda")

    phone.goto("/mdt/meetings/2147483647/")
    nothing = main.inner_text()
    for address in (f"/mdt/items/{other.pk}/", f"/mdt/meetings/{meeting.pk}/run/", f"/mdt/items/{first.pk}/"):
        answer = phone.goto(address)
        assert answer.status == 404
        expect(phone.get_by_role("heading", level=1)).to_have_text("Page not found")
        assert main.inner_text() == nothing
    # the browser reports each 404 as it should; those are the answers this part of the journey asks for
    phone.alongside_errors[:] = [e for e in phone.alongside_errors if "status of 404" not in e]
    shot(phone, "not-found")

    # After the meeting: what was agreed for Harold, and nothing about anyone else.
    Item.objects.filter(pk=mine.pk).update(notes="Harold is steadier with his frame.", discussed=True)
    Item.objects.filter(pk=other.pk).update(notes="Zeb's notes, never for Sam.", discussed=True)
    ActionFactory(item=mine, what="Refer Harold to the falls team")
    started(meeting)
    actions_meeting.finish(acting_as(chair_of(mdt)), meeting.pk, Meeting.objects.get(pk=meeting.pk).version)
    phone.goto(f"/mdt/items/{mine.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("What was agreed for Harold Hart")
    expect(main).to_contain_text("Harold is steadier with his frame.")
    expect(main).to_contain_text("Refer Harold to the falls team")
    expect(main).not_to_contain_text("Zeb")
    shot(phone, "item-minutes")
