"""Journey: the loop closed, on a computer and on a phone. A volunteer's concern about a client is overdue; the worker
reminds the named worker, who answers from their home page with an outcome written for the volunteer (an empty
answer is refused, the answer is checked before it is sent), within what the person agreed to share with
volunteers. The volunteer sees the good news on their home page and says they are still worried, which reopens
it; the hub's coordinator sees it among the open loops, with how long the others took to close.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alongside.concerns import actions_loop
from alongside.concerns.models import Concern, Kind, RouteKind, Urgency
from alongside.consent.models import ConsentProvision
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .browser import assert_accessible, expect_home, expect_success, sign_in
from .test_small_screen import PHONE, assert_fits

GOOD_NEWS = "Ada has a new walking frame \u2013 thank you for noticing."
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")  # a folder to keep each page's screenshot in, for people to look at


@pytest.fixture
def open_as(new_context, request):
    """A fresh browser for each user, at the viewport the test is parametrized with."""

    def make():
        if request.param == "phone":
            return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
        return new_context(viewport={"width": 1280, "height": 900}).new_page()

    make.size = request.param
    return make


def look(page, name: str, size: str) -> None:
    """Accessible, fits the screen, and kept as a screenshot for people to look at."""
    assert_accessible(page)
    if size == "phone":
        assert_fits(page)
    if SHOTS and Path(SHOTS).is_dir():
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{'375' if size == 'phone' else '1280'}.png"), full_page=True)


@pytest.mark.parametrize("open_as", ["computer", "phone"], indirect=True)
def test_an_outcome_reaches_the_volunteer_who_is_still_worried_and_it_reopens(open_as, staff):
    size = open_as.size
    hub = TeamFactory(
        kind=Team.Kind.VOLUNTEER_HUB,
        name="Living Well volunteer hub",
        organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTARY),
    )
    riverside = TeamFactory(kind=Team.Kind.NEIGHBOURHOOD, name="Riverside neighbourhood team")
    priya, priya_secret = staff("volunteer", team=hub, first_name="Priya", last_name="Shah")
    sam, sam_secret = staff("clinician", team=riverside, first_name="Sam", last_name="Okoro")
    cath, cath_secret = staff("coordinator", team=hub, first_name="Cath", last_name="Reid")
    ada = PersonFactory(given_name="Ada", family_name="Lovelace")
    start = timezone.now() - timedelta(days=90)
    RelationshipFactory(person=ada, kind=CareRelationship.Kind.TEAM_CASELOAD, team=riverside, started_at=start)
    RelationshipFactory(person=ada, kind=CareRelationship.Kind.NAMED_WORKER, user=sam, started_at=start)
    RelationshipFactory(person=ada, kind=CareRelationship.Kind.VOLUNTEER, user=priya, started_at=start)
    ConsentProvision.objects.create(person=ada, permit=False, actor_kind="volunteers", categories=["contact"])
    raised = timezone.now() - timedelta(hours=30)
    concern = Concern.objects.create(
        person=ada,
        raised_by=priya,
        hub=hub,
        kind=Kind.HEALTH,
        urgency=Urgency.FEW_DAYS,
        words="Ada is struggling to get up from her chair and nearly fell.",
        route_kind=RouteKind.TEAM_LEADER_CALL,
        for_user=sam,
        for_team=riverside,
        answer_by=raised + timedelta(hours=24),
    )
    Concern.objects.filter(pk=concern.pk).update(created_at=raised)
    answered = Concern.objects.create(
        person=ada,
        raised_by=priya,
        hub=hub,
        kind=Kind.SOCIAL,
        urgency=Urgency.NEXT_MEETING,
        route_kind=RouteKind.MONTHLY_MEETING,
        for_team=hub,
        answer_by=timezone.now(),
        status="closed",
        outcome="Ada now goes to the lunch club.",
        closed_by=cath,
        closed_at=timezone.now() - timedelta(days=1),
    )
    Concern.objects.filter(pk=answered.pk).update(created_at=timezone.now() - timedelta(days=4))
    assert actions_loop.remind_overdue(timezone.now()) == 1  # the worker's hourly run

    # The named worker finds the reminder on their home page and answers.
    page = open_as()
    sign_in(page, sam, sam_secret)
    page.get_by_role("link", name="Overdue: a volunteer's concern about Ada Lovelace").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Answer a volunteer's concern")
    expect(page.locator("#sharing")).to_contain_text(
        "Ada Lovelace chose not to share their address and phone number with volunteers."
    )
    expect(page.locator("#the-concern")).to_contain_text("Overdue")
    look(page, "answer", size)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Write what happened, for the volunteer")
    look(page, "answer-error", size)
    page.get_by_label("What happened, for the volunteer").fill(GOOD_NEWS)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answer before you send it")
    expect(page.locator("#check")).to_contain_text(GOOD_NEWS)
    look(page, "answer-check", size)
    page.get_by_role("button", name="Send to the volunteer and close").click()
    expect_success(page, "Answer sent. The volunteer has been told")
    expect(page.get_by_role("heading", level=1)).to_have_text("Answered: a volunteer's concern")
    look(page, "answered", size)

    # The volunteer sees the good news first on their home page, and is still worried.
    page = open_as()
    sign_in(page, priya, priya_secret)
    panel = page.locator("#good-news")
    expect(panel).to_contain_text(GOOD_NEWS)
    look(page, "volunteer-home", size)
    newest = panel.get_by_role("link").first  # the latest good news first
    expect(newest).to_have_attribute("href", f"/concerns/{concern.pk}/what-happened/")
    newest.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What happened to your concern")
    expect(page.locator("#outcome")).to_contain_text(GOOD_NEWS)
    look(page, "what-happened", size)
    words = page.get_by_label("What still worries you?")
    expect(words).to_be_hidden()  # revealed only for "I'm still worried"
    page.get_by_label("I'm still worried").check()
    expect(words).to_be_visible()
    words.fill("She still cannot get up from her chair without help.")
    page.get_by_role("button", name="Send").click()
    expect_success(page, "Sent. Someone will look at your concern again")
    expect(page.locator("#waiting")).to_contain_text("Your concern is being looked at")
    look(page, "what-happened-reopened", size)
    assert Concern.objects.get(pk=concern.pk).status == "open"

    # The coordinator sees it among the hub's open loops, and how long the answered one took.
    page = open_as()
    sign_in(page, cath, cath_secret)
    expect_home(page)
    expect(page.locator('header a[href="/concerns/open-loops/"]')).to_have_text("Open loops")
    page.goto("/concerns/open-loops/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open loops")
    row = page.locator(f"#concern-{concern.pk}")
    expect(row).to_contain_text("Ada Lovelace")
    expect(row).to_contain_text("Still worried")
    expect(page.locator(f"#concern-{answered.pk}")).to_contain_text("3 days")
    look(page, "open-loops", size)
