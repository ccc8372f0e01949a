"""Journey: a stay on the virtual ward, from referral to going home.

Dr Priya Shah is Devon Ward's named worker. Devon is breathless at home and wants to stay there, so she refers
him to the virtual ward from his record: where the referral comes from and step-up or step-down, none chosen for
her, and why; she checks it and sends it. Sam, a nurse on the ward's team, sees it on the referrals waiting with
the time left to decide, accepts it with a reason (checked first), and admits Devon to the first free bed. The
stay's page says which hour of the 72 it is; Sam adds a visit to the plan. Later Sam ends the stay: Devon stayed
at home and is handed to the neighbourhood team. Each page passes the axe check at 1280 and 375 pixels wide.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from alongside.core.models import Alert
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, make_named_worker
from alongside.virtual_ward.models import Episode
from alongside.virtual_ward.tests.factories import (
    EpisodeFactory,
    PlannedContactFactory,
    ReferralFactory,
    ReviewFactory,
    WardFactory,
)

from .browser import URL, assert_accessible, expect_success, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")  # a folder to keep screenshots of each page in, to look at them


def look(page, name: str) -> None:
    """The axe check, and a screenshot, at both widths; back to the desktop width after."""
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert_accessible(page)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SHOTS) / f"ward-{name}-{size['width']}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_refer_accept_admit_and_go_home(page, new_context, staff):
    ward = WardFactory(name="Riverside virtual ward", beds=2)
    gp, gp_secret = staff("gp", first_name="Priya", last_name="Shah")
    sam, sam_secret = staff("clinician", team=ward.team, first_name="Sam", last_name="Patel")
    devon = PersonFactory(given_name="Devon", family_name="Ward")
    make_named_worker(devon, gp)

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, gp, gp_secret)
    desk.goto(f"/people/{devon.pk}/")
    expect(desk.locator("#virtual-ward")).to_contain_text("Virtual ward")
    desk.get_by_role("link", name="Refer to the virtual ward").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Refer to the virtual ward")
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)  # nothing chosen for her
    look(desk, "refer")
    desk.get_by_role("button", name="Continue").click()
    expect(desk.locator(".nhsuk-error-summary")).to_contain_text("Choose where the referral comes from")
    desk.get_by_label("GP", exact=True).check()
    desk.get_by_label("Step-up: to avoid going into hospital").check()
    desk.get_by_label("Why do they need the virtual ward?").fill("Chest infection, breathless, wants to stay home")
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check the referral before you send it")
    look(desk, "refer-check")
    desk.get_by_role("button", name="Send the referral").click()
    expect_success(desk, "Referral sent")
    desk.goto("/")
    expect(desk.locator("#my-ward-referrals")).to_contain_text("Waiting for a decision")
    look(desk, "home-referrals")
    desk.goto(f"/people/{devon.pk}/")
    expect(desk.locator("#ward-waiting")).to_contain_text("is waiting for a decision, sent at")
    expect(desk.get_by_role("link", name="Refer to the virtual ward")).to_have_count(0)

    phone = new_context(viewport=DESKTOP).new_page()
    sign_in(phone, sam, sam_secret)
    phone.goto("/virtual-ward/referrals/")
    expect(phone.locator("#waiting")).to_contain_text("left")
    look(phone, "referrals")
    phone.get_by_role("link", name="Devon Ward").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Referral to the virtual ward")
    look(phone, "referral")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator(".nhsuk-error-summary")).to_contain_text("Choose whether the ward can take them on")
    phone.get_by_label("Yes, accept").check()
    phone.get_by_label("Why?").fill("Safe at home with twice-daily visits")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check your decision")
    look(phone, "referral-check")
    phone.get_by_role("button", name="Accept").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Admit to a bed")
    look(phone, "admit")
    phone.get_by_role("button", name="Admit to bed 1").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Stay on the virtual ward")
    expect(phone.locator("#hours")).to_have_text("Hour 1 of 72")
    episode = Episode.objects.get(person=devon)
    assert CareRelationship.objects.active().filter(person=devon, team=ward.team).exists()
    assert Alert.objects.filter(recipient=gp, text__contains="was admitted to Riverside virtual ward").exists()

    phone.get_by_role("link", name="Add a visit, call or readings").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Add to the plan")
    look(phone, "plan")
    soon = timezone.localtime(timezone.now() + timedelta(hours=2))
    phone.get_by_label("Home visit").check()
    phone.get_by_label("Day").fill(soon.date().isoformat())
    phone.get_by_label("Time").fill(soon.strftime("%H:%M"))
    phone.get_by_label("How many minutes").fill("30")
    phone.get_by_label("What is it for?").fill("Check breathing and antibiotics")
    phone.get_by_role("button", name="Add to the plan").click()
    expect(phone.locator("#plan")).to_contain_text("Check breathing and antibiotics")
    look(phone, "episode")

    phone.get_by_role("link", name="Extend their stay").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Extend their stay")
    look(phone, "extend")
    phone.goto(f"/virtual-ward/episodes/{episode.pk}/end/")
    expect(phone.get_by_role("radio", checked=True)).to_have_count(0)
    look(phone, "end")
    phone.get_by_label("Stayed at home and handed to the neighbourhood team").check()
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check before you end their stay")
    look(phone, "end-check")
    phone.get_by_role("button", name="End their stay").click()
    expect_success(phone, "Their stay on the virtual ward has ended")
    expect(phone.locator("#ended")).to_contain_text("Stayed at home")
    expect(phone).to_have_url(URL(f"/virtual-ward/episodes/{episode.pk}/"))
    assert not CareRelationship.objects.active().filter(person=devon, team=ward.team).exists()

    desk.goto(f"/people/{devon.pk}/")
    expect(desk.locator("#ward-ended")).to_contain_text("stayed at home")
    desk.locator("#virtual-ward").scroll_into_view_if_needed()
    look(desk, "record")


def test_the_person_on_the_ward_sees_it_at_the_top_of_their_home_page(page, new_context, staff, person_user):
    ward = WardFactory(name="Riverside virtual ward", beds=2)
    ward.team.phone = "01632 960 222"
    ward.team.save()
    sam, sam_secret = staff("clinician", team=ward.team, first_name="Sam", last_name="Patel")
    mabel = person_user.person
    mabel.phone = "07700 900123"
    mabel.save()
    referral = ReferralFactory(ward=ward, person=mabel, decision="accepted", decided_at=timezone.now())
    episode = EpisodeFactory(referral=referral, admitted_at=timezone.now() - timedelta(hours=5))
    PlannedContactFactory(episode=episode, kind="visit", due_at=timezone.now() + timedelta(hours=2), nurse=sam)
    ReviewFactory(episode=episode, pulse=None, respiration_rate=26, at=timezone.now() - timedelta(hours=26))

    sign_in(page, person_user)
    page.goto("/")
    card = page.locator(f"#on-the-ward-{episode.pk}")
    expect(card).to_contain_text("You are on the virtual ward")
    expect(card).to_contain_text("from Sam")
    expect(card.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    look(page, "person-home")
    page.goto(f"/people/{mabel.pk}/")
    page.locator("#virtual-ward").scroll_into_view_if_needed()
    look(page, "person-record")

    nurse = new_context(viewport=DESKTOP).new_page()
    sign_in(nurse, sam, sam_secret)
    nurse.goto(f"/virtual-ward/episodes/{episode.pk}/")
    expect(nurse.locator("#risk")).to_contain_text("Incomplete: at least")
    expect(nurse.locator("#review-due")).to_be_visible()
    expect(nurse.get_by_role("link", name="07700 900123")).to_have_attribute("href", "tel:07700900123")
    look(nurse, "episode-risk")
