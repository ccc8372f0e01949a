"""Journey: an MDT action is done and the volunteer hears back, on a computer and on a phone.

Priya, a volunteer, was worried about Ada's breathing and her worry went to the practice's MDT. The MDT agreed that
Sam, the district nurse, visits; the action is overdue. Sam finds it on his home page ("Actions from MDT meetings",
flagged overdue), opens it, is refused without words for the volunteer (the box is empty, and says the volunteer
must not read clinical detail), writes what came of it and what Priya should be told, checks it, and sends it. Priya
signs in and sees the answer on her home page, and on her concern's page: "It was answered", in Sam's words for her,
never the clinical note. Each page passes the axe check at both widths.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alongside.concerns.models import Concern, Kind, RouteKind, Urgency
from alongside.mdt.models import Action, CoreMember, Meeting
from alongside.mdt.tests.factories import ActionFactory, CoreMemberFactory, ItemFactory, MdtFactory, MeetingFactory
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in
from .test_small_screen import PHONE, assert_fits

FOR_PRIYA = "The district nurse has visited Ada and things are in hand. Thank you for telling us."
CLINICAL = "Chest clear; oxygen saturation 95%. Inhaler technique reviewed; GP review in two weeks."
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")


@pytest.fixture
def open_as(new_context, request):
    def make():
        if request.param == "phone":
            return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
        return new_context(viewport={"width": 1280, "height": 900}).new_page()

    make.size = request.param
    return make


def look(page, name: str, size: str) -> None:
    assert_accessible(page)
    if size == "phone":
        assert_fits(page)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{'375' if size == 'phone' else '1280'}.png"), full_page=True)


@pytest.mark.parametrize("open_as", ["computer", "phone"], indirect=True)
def test_an_mdt_action_is_done_and_the_volunteer_hears_back(open_as, staff):
    size = open_as.size
    hub = TeamFactory(
        kind=Team.Kind.VOLUNTEER_HUB,
        name="Living Well volunteer hub",
        organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTARY),
    )
    riverside = TeamFactory(kind=Team.Kind.NEIGHBOURHOOD, name="Riverside neighbourhood team")
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE, name="Riverside Medical Centre")
    priya, priya_secret = staff("volunteer", team=hub, first_name="Priya", last_name="Shah")
    sam, sam_secret = staff("clinician", team=riverside, first_name="Sam", last_name="Okoro")
    ada = PersonFactory(given_name="Ada", family_name="Lovelace", gp_practice=practice)
    start = timezone.now() - timedelta(days=90)
    RelationshipFactory(person=ada, kind=CareRelationship.Kind.NAMED_WORKER, user=sam, started_at=start)
    RelationshipFactory(person=ada, kind=CareRelationship.Kind.VOLUNTEER, user=priya, started_at=start)
    worry = Concern.objects.create(
        person=ada,
        raised_by=priya,
        hub=hub,
        kind=Kind.HEALTH,
        urgency=Urgency.FEW_DAYS,
        words="Ada was out of breath on the stairs.",
        route_kind=RouteKind.MDT,
        for_user=sam,
        for_team=riverside,
        answer_by=timezone.now() + timedelta(days=10),
    )
    mdt = MdtFactory(practice=practice, name="Riverside Medical Centre MDT")
    CoreMemberFactory(mdt=mdt, user=sam, part=CoreMember.Part.DISTRICT_NURSE)
    meeting = MeetingFactory(mdt=mdt, starts_at=timezone.now() - timedelta(days=14), status=Meeting.Status.FINISHED)
    item = ItemFactory(meeting=meeting, person=ada, source=f"concern:{worry.pk}", reason="A volunteer is worried")
    action = ActionFactory(
        item=item, owner=sam, what="Visit Ada and check her breathing", due=timezone.localdate() - timedelta(days=2)
    )

    # Sam finds the overdue action on his home page and completes it.
    page = open_as()
    sign_in(page, sam, sam_secret)
    panel = page.locator("#mdt-actions")
    expect(panel).to_contain_text("Visit Ada and check her breathing")
    expect(panel).to_contain_text("Overdue")
    look(page, "mdt-home-actions", size)
    expect(panel).to_contain_text("Ada Lovelace")
    link = re.compile(r"^Complete this action ?: Visit Ada and check her breathing, for Ada Lovelace$")
    panel.get_by_role("link", name=link).click()  # what it does, said to a screen reader too
    expect(page.get_by_role("heading", level=1)).to_have_text("Complete an action from the MDT")
    told = page.get_by_label("What to tell the volunteer who raised it")
    expect(told).to_have_value("")  # never written for him
    expect(page.get_by_role("main")).to_contain_text("leave out diagnoses")
    look(page, "mdt-action-done-write", size)
    page.get_by_label("What came of it").fill(CLINICAL)
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Write what to tell the volunteer who raised the worry")
    expect(page.get_by_label("What came of it")).to_have_value(CLINICAL)  # nothing typed is lost
    look(page, "mdt-action-done-error", size)
    page.get_by_label("What to tell the volunteer who raised it").fill(FOR_PRIYA)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before you send it")
    expect(page.locator("#check")).to_contain_text(FOR_PRIYA)
    look(page, "mdt-action-done-check", size)
    page.get_by_role("button", name="Send and mark as done").click()
    expect_success(page, "Action done. The volunteer who raised the worry has been told")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action done")
    look(page, "mdt-action-done", size)
    assert Action.objects.get(pk=action.pk).done_at is not None

    # Priya hears back, in Sam's words for her, never the clinical note.
    page = open_as()
    sign_in(page, priya, priya_secret)
    news = page.locator("#good-news")
    expect(news).to_contain_text(FOR_PRIYA)
    look(page, "mdt-volunteer-home", size)
    news.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What happened to your concern")
    expect(page.locator("#outcome")).to_contain_text(FOR_PRIYA)
    expect(page.get_by_role("main")).not_to_contain_text("saturation")
    look(page, "mdt-volunteer-what-happened", size)
    assert Concern.objects.get(pk=worry.pk).status == "closed"
