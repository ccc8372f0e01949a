"""Peer support, on a computer and on a phone.

Rosa coordinates the Riverside volunteer hub. She records last week's coffee morning: who came, and what was
talked about. The page stops her from naming "Mrs Abbott", and asks before saving "Grace", who is one of the
hub's clients (here the word is about patience, so Rosa says it names no one). She sees that Ada has not come
to a session yet and Ben not for months, and answers Ada's idea: "We will".

Ada volunteers in the hub. From her phone she sees the next session, sends an idea (pressing Send twice makes
one), and reads "You said, we did", where no volunteer is named; then the sessions she came to and missed.

Set PEER_SHOTS to a folder to keep a screenshot of every page.
"""

import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alongside.partners.models import Membership, Team
from alongside.partners.tests.factories import TeamFactory
from alongside.peer_support.models import Idea, PeerSession
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .browser import URL, assert_accessible, expect_error_summary, expect_success, menu_link, sign_in
from .test_small_screen import PHONE, assert_fits


@pytest.fixture
def browser_page(new_context, request):
    if request.param == "phone":
        return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    return new_context(viewport={"width": 1280, "height": 900}).new_page()


def check(page, name: str) -> None:
    """Accessible, fits the screen, and (with PEER_SHOTS) photographed."""
    assert_accessible(page)
    on_phone = page.viewport_size == PHONE
    if on_phone:
        assert_fits(page)
    folder = os.environ.get("PEER_SHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}-{375 if on_phone else 1280}.png", full_page=True)


@pytest.fixture
def riverside(db, staff):
    """The hub, and its volunteers Ada (who visits Grace Abbott) and Ben; and Ada's authenticator secret."""
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Riverside volunteer hub")
    ada, secret = staff("volunteer", team=hub, first_name="Ada", last_name="Brown")
    ben, _ = staff("volunteer", team=hub, first_name="Ben", last_name="Cole")
    grace = PersonFactory(given_name="Grace", family_name="Abbott")
    RelationshipFactory(person=grace, user=ada, kind="volunteer")
    Membership.objects.filter(team=hub).update(started_at=timezone.now() - timedelta(days=365))
    return hub, ada, ben, secret


@pytest.mark.parametrize("browser_page", ["computer", "phone"], indirect=True)
def test_a_coordinator_records_a_session_sees_who_has_not_come_and_answers_an_idea(browser_page, staff, riverside):
    page = browser_page
    hub, ada, ben, _ = riverside
    rosa, secret = staff("coordinator", team=hub, first_name="Rosa", last_name="Khan")
    long_ago = PeerSession.objects.create(
        hub=hub,
        kind="formal_meeting",
        held_on=timezone.localdate() - timedelta(days=150),
        place="Living Well office",
        themes="Keeping safe in hot weather",
        recorded_by=rosa,
    )
    long_ago.attended.set([ben])
    Idea.objects.create(hub=hub, sent_by=ada, about="training", words="Could training days be on a Saturday?")

    sign_in(page, rosa, secret)
    panel = page.locator("#ideas-waiting")
    expect(panel).to_contain_text("Could training days be on a Saturday?")
    check(page, "coordinator-home")

    menu_link(page, "Peer support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support")
    check(page, "coordinator-hub")

    page.get_by_role("button", name="Record a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a session")
    expect(page.get_by_role("checkbox", name="Ada Brown")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Ben Cole")).not_to_be_checked()
    check(page, "record-session")
    page.get_by_role("button", name="Save session").click()
    expect_error_summary(page, "Choose what kind of session it was", "Enter the date", "Enter where the session was")
    check(page, "record-session-errors")

    day = timezone.localdate() - timedelta(days=7)
    page.get_by_role("radio", name="Coffee morning").check()
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))
    page.get_by_label("Where was it?").fill("The Willow Café, Market Square")
    page.get_by_role("checkbox", name="Ben Cole").check()
    themes = page.get_by_label("What did you talk about?")
    themes.fill("Mrs Abbott's new frame")
    page.get_by_role("button", name="Save session").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("“Mrs Abbott” may name someone")
    expect(themes).to_have_value("Mrs Abbott's new frame")  # what was typed is kept
    expect(page.get_by_role("checkbox", name="Ben Cole")).to_be_checked()
    check(page, "record-session-titled-name")

    themes.fill("Grace and patience when memory fails")
    page.get_by_role("button", name="Save session").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("“Grace” may name someone")
    check(page, "record-session-client-name")
    page.get_by_role("checkbox", name="I have checked: these words do not name anyone").check()
    page.get_by_role("button", name="Save session").click()

    expect_success(page, "Session recorded")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coffee morning")
    expect(page.locator("#attended")).to_have_text("Ben Cole")
    expect(page.get_by_text("A worry about someone?")).to_be_visible()
    check(page, "session-coordinator")
    assert PeerSession.objects.get(place__startswith="The Willow").themes == "Grace and patience when memory fails"

    page.get_by_role("button", name="Change this session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change this session")
    check(page, "edit-session")
    page.get_by_role("link", name="Back").click()

    page.get_by_role("link", name="Back to peer support").click()
    page.get_by_role("link", name="Volunteers who have not come for a while").click()
    rows = page.locator("#not-seen tbody tr")
    expect(rows).to_have_count(1)  # Ben came last week; Ada never has
    expect(rows.first).to_contain_text("Ada Brown")
    expect(rows.first).to_contain_text("Not yet")
    check(page, "not-seen")

    page.get_by_role("link", name="Back to peer support").click()
    page.get_by_role("link", name="Volunteers’ ideas: You said, we did").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did")
    expect(page.get_by_text("by Ada Brown")).to_be_visible()  # the coordinators know who sent it
    check(page, "ideas-coordinator")
    page.get_by_role("link", name="Answer this idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Answer an idea")
    page.get_by_role("button", name="Send answer").click()
    expect_error_summary(page, "Choose “We did”, “We will” or “Not now”", "Write your answer in a few words")
    check(page, "answer-idea-errors")
    page.get_by_role("radio", name="We will").check()
    page.get_by_label("Say what you did").fill("We will hold the spring refresher on a Saturday.")
    page.get_by_role("button", name="Send answer").click()
    expect_success(page, "Answer sent")
    expect(page.locator(".nhsuk-card").first).to_contain_text("We will hold the spring refresher on a Saturday.")
    check(page, "ideas-answered")


@pytest.mark.parametrize("browser_page", ["phone", "computer"], indirect=True)
def test_a_volunteer_sends_an_idea_and_sees_their_hubs_sessions(browser_page, staff, riverside):
    page = browser_page
    hub, ada, ben, secret = riverside
    rosa, _ = staff("coordinator", team=hub, first_name="Rosa", last_name="Khan")
    today = timezone.localdate()
    for days, kind, came in [
        (-9, "coffee_morning", []),
        (20, "formal_meeting", [ada, ben]),
        (6, "coffee_morning", [ben]),
    ]:
        session = PeerSession.objects.create(
            hub=hub,
            kind=kind,
            held_on=today - timedelta(days=days),
            place="Living Well office" if kind == "formal_meeting" else "The Willow Café",
            themes="" if days < 0 else "Loneliness at Christmas, and the community lunch",
            recorded_by=rosa,
        )
        session.attended.set(came)
    Idea.objects.create(
        hub=hub,
        sent_by=ben,
        about="deployment",
        words="Visits nearer home",
        answer="did",
        answer_words="We did: we now match on where volunteers live.",
        answered_by=rosa,
        answered_at=timezone.now(),
    )

    sign_in(page, ada, secret)
    expect(page.get_by_text("Next: coffee morning")).to_be_visible()
    check(page, "volunteer-home")
    page.get_by_role("link", name="Send an idea about training or visits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send an idea")
    check(page, "send-idea")
    page.get_by_role("button", name="Send idea").click()
    expect_error_summary(page, "Choose what your idea is about", "Write your idea")
    check(page, "send-idea-errors")
    page.get_by_role("radio", name="How we are trained").check()
    page.get_by_label("Your idea").fill("A short course on hearing loss, please.")
    page.get_by_role("button", name="Send idea").dblclick()

    expect(page).to_have_url(URL(f"/peer-support/hubs/{hub.pk}/ideas/"))
    expect_success(page, "Thank you: your idea has gone to the coordinators")
    assert Idea.objects.filter(sent_by=ada).count() == 1  # pressed twice, sent once
    main = page.get_by_role("main")
    expect(main).to_contain_text("A short course on hearing loss, please.")
    expect(main).to_contain_text("This is your idea")
    expect(main).to_contain_text("We did: we now match on where volunteers live.")
    expect(main).not_to_contain_text("Ben Cole")  # no volunteer is named to another
    check(page, "ideas-volunteer")

    page.get_by_role("link", name="Back to peer support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support")
    expect(main).to_contain_text("You came")
    expect(main).to_contain_text("You did not come")
    check(page, "volunteer-hub")
    page.locator("tbody tr").last.get_by_role("link").click()
    expect(main).to_contain_text("Loneliness at Christmas")
    expect(main).to_contain_text("Yes, you came")
    expect(main).not_to_contain_text("Ben Cole")
    check(page, "session-volunteer")


@pytest.mark.parametrize("browser_page", ["phone", "computer"], indirect=True)
def test_a_coordinator_of_two_hubs_chooses_one(browser_page, staff, riverside):
    page = browser_page
    hub, *_ = riverside
    hillside = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Hillside volunteer hub")
    rosa, secret = staff("coordinator", team=hub, first_name="Rosa", last_name="Khan")
    hillside.memberships.create(user=rosa, role="coordinator")
    sign_in(page, rosa, secret)
    menu_link(page, "Peer support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support")
    check(page, "index")
    page.get_by_role("link", name="Hillside volunteer hub").click()
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Hillside volunteer hub")
    page.get_by_role("link", name="Back to your hubs").click()
    expect(page.get_by_role("link", name="Riverside volunteer hub")).to_be_visible()
