"""Journeys: questionnaires that people fill in, and how their answers change.

Sam, Devon's named worker, sends Devon the PHQ-9 by text from a desktop, checking first where it goes. Devon opens
the link on his phone without signing in: only his first name, nothing from his record. He forgets to choose an
answer and is told so; he stops after a few questions and comes back to the link later, carries on, checks his
answers and sends them once; the used link then answers like a missing page. Sam then fills in the GAD-7 with Devon,
every page saying so. Devon, signed in on his phone, sees his questionnaires on his home page and his trend: the
chart with its table and one sentence about the change. Each page passes the axe check.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import expect

from alongside.core import registry
from alongside.core.models import Message
from alongside.outcomes import actions, queries
from alongside.outcomes.models import How, Response
from alongside.people.tests.factories import make_named_worker

from .browser import URL, assert_accessible, expect_error_summary, expect_not_found, expect_success, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _devon(person_user):
    devon = person_user.person
    devon.given_name, devon.family_name, devon.phone = "Devon", "Hart", "07700 900123"
    devon.save()
    return devon


def _choose(page, words: str) -> None:
    page.get_by_role("radio", name=words, exact=True).check()
    page.get_by_role("button", name="Continue").click()


def test_the_person_answers_phq9_on_a_phone_through_a_link(page, new_context, staff, person_user):
    devon = _devon(person_user)
    sam, secret = staff("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, sam)

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, sam, secret)
    desk.goto(f"/people/{devon.pk}/")
    desk.get_by_role("link", name="Send Devon a questionnaire by text or email").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Send Devon a questionnaire")
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)  # nothing pre-ticked
    assert_accessible(desk)
    desk.get_by_role("radio", name="Patient Health Questionnaire (PHQ-9)").check()
    desk.get_by_role("button", name="Continue").click()
    expect_error_summary(desk, "Select how to send it")
    expect(desk.get_by_role("radio", name="Patient Health Questionnaire (PHQ-9)")).to_be_checked()  # kept
    desk.get_by_role("radio", name="Text message to 07700 900123").check()
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Check before you send the link")
    assert_accessible(desk)
    desk.get_by_role("button", name="Send the link").click()
    expect_success(desk, "Link sent to Devon")
    body = Message.objects.get(reference__startswith="outcome-link-").personalisation["body"]
    link = re.search(r"(/outcomes/link/[^/]+/)", body).group(1)

    phone = new_context(viewport=PHONE).new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Hello Devon")
    assert link.rstrip("/").rsplit("/", 1)[-1] not in phone.url  # the token left the address (ADR 45)
    opened = urlsplit(phone.url).path  # the pages' own address: a handle, not the token
    expect(phone.get_by_role("main")).not_to_contain_text("Hart")
    expect(phone.get_by_role("navigation")).to_have_count(0)  # nothing leads into the record
    assert_accessible(phone)
    phone.get_by_role("button", name="Start now").click()
    expect(phone.get_by_text("PHQ-9: question 1 of 9")).to_be_visible()
    assert_accessible(phone)
    phone.get_by_role("button", name="Continue").click()
    expect_error_summary(phone, "Select an answer for ‘Little interest or pleasure in doing things’")
    assert_accessible(phone)
    _choose(phone, "Several days")
    _choose(phone, "More than half the days")
    expect(phone.get_by_text("PHQ-9: question 3 of 9")).to_be_visible()
    phone.get_by_role("link", name="Back").click()
    expect(phone.get_by_role("radio", name="More than half the days", exact=True)).to_be_checked()

    # He stops, and comes back to the link later.
    phone.goto(link)
    phone.get_by_role("button", name="Carry on").click()
    expect(phone.get_by_text("PHQ-9: question 3 of 9")).to_be_visible()
    for _ in range(7):
        _choose(phone, "Not at all")
    expect(phone.get_by_role("heading", level=1)).to_have_text("PHQ-9Check your answers")
    expect(phone.get_by_role("main")).to_contain_text("More than half the days")
    assert_accessible(phone)
    phone.get_by_role("link", name=re.compile("^Change the answer to: Little interest")).click()
    _choose(phone, "Nearly every day")
    expect(phone).to_have_url(URL(f"{opened}check/"))
    phone.get_by_role("button", name="Submit answers").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you, your answers are sent")
    assert_accessible(phone)
    response = Response.objects.get()
    assert (response.how, response.total) == (How.LINK, 5)

    expect_not_found(phone, phone.goto(link))  # used: like a page that never was


def test_staff_fill_in_gad7_with_the_person(page, new_context, staff, person_user):
    devon = _devon(person_user)
    sam, secret = staff("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, sam)
    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, sam, secret)
    desk.goto(f"/people/{devon.pk}/")
    expect(desk.locator("#outcomes")).to_contain_text("No questionnaires filled in yet")
    desk.get_by_role("link", name="Fill in a questionnaire with Devon").first.click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Fill in a questionnaire with Devon Hart")
    assert_accessible(desk)
    desk.get_by_role("link", name="Rate Devon’s goals").click()  # Devon's plan has no goals yet
    expect(desk.get_by_role("heading", level=1)).to_have_text("There are no goals to rate yet")
    expect(desk.get_by_role("link", name="Write goals in the plan with Devon")).to_be_visible()
    assert_accessible(desk)
    desk.get_by_role("link", name="Back").click()
    desk.get_by_role("link", name="Fill in GAD-7").click()
    expect(desk.get_by_role("main")).to_contain_text("You are filling this in with Devon Hart")
    assert_accessible(desk)
    for words in ["Nearly every day"] * 3 + ["Several days"] * 4:
        _choose(desk, words)
    expect(desk.get_by_role("main")).to_contain_text("You are filling this in with Devon Hart")
    assert_accessible(desk)
    desk.get_by_role("button", name="Submit answers").click()
    expect_success(desk, "Devon’s GAD-7 answers are saved")
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Outcomes")
    expect(desk.get_by_role("main")).to_contain_text("13, Moderate")
    assert_accessible(desk)
    desk.set_viewport_size(PHONE)
    assert_accessible(desk)
    assert Response.objects.get().how == How.WITH_STAFF


def test_the_person_rates_their_goals_and_sees_their_trend(page, new_context, person_user, monkeypatch):
    devon = _devon(person_user)
    goals = [("1", "Help at the bike workshop"), ("2", "Walk Bramble by the sea every day")]
    monkeypatch.setattr(registry, "person_goals", lambda person_id: goals if person_id == devon.pk else [])
    phq9 = queries.instrument("phq-9")
    start = timezone.now() - timedelta(days=360)
    for i, value in enumerate([3, 3, 2, 2, 1, 1, 0]):
        response, _ = actions.save_response(devon, phq9, {f"phq9-{n}": value for n in range(1, 10)}, how=How.OWN_LOGIN)
        Response.objects.filter(pk=response.pk).update(completed_at=start + timedelta(days=60 * i))
    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, person_user)
    expect(phone.get_by_role("heading", name="Questionnaires")).to_be_visible()
    assert_accessible(phone)
    phone.get_by_role("link", name="Rate your goals").click()
    expect(phone.get_by_role("main")).to_contain_text("Your goal: Help at the bike workshop")
    assert_accessible(phone)
    _choose(phone, "6")
    _choose(phone, "3")
    phone.get_by_role("button", name="Submit answers").click()
    expect_success(phone, "Your goal ratings are saved")
    phone.goto("/")
    phone.get_by_role("link", name="See how your answers have changed").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("How your answers have changed")
    main = phone.get_by_role("main")
    expect(main).to_contain_text("Reliably improved since")
    expect(main.get_by_role("img")).to_have_count(3)  # PHQ-9, and each goal
    expect(main).to_contain_text("Walk Bramble by the sea every day scores")
    expect(main.get_by_role("table", name="PHQ-9 scores")).to_contain_text("Moderately severe")
    assert_accessible(phone)
    phone.set_viewport_size(DESKTOP)
    assert_accessible(phone)
