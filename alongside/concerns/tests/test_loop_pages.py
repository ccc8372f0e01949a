"""The loop's pages through the Django client: answering (write, check, send), what the writer is shown about what
the volunteer may be told, the volunteer's page and reply, the home panel, and a hub's open loops."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.concerns.models import Concern, ConcernEvent
from alongside.consent.models import ConsentProvision
from alongside.core.models import AuditEvent

from .factories_loop import around, concern

GOOD_NEWS = "Ada has a new walking frame \u2013 thank you for noticing."


@pytest.fixture
def world(db):
    return around()


def answer_url(c):
    return f"/concerns/{c.pk}/answer/"


def post_answer(client, c, words=GOOD_NEWS, key=None, **extra):
    return client.post(
        answer_url(c), {"outcome": words, "version": c.version, "form_key": key or uuid.uuid4(), **extra}
    )


def test_the_named_worker_writes_checks_and_sends_an_answer(client, world):
    c = concern(world)
    client.force_login(world.named_worker)
    page = client.get(answer_url(c)).content.decode()
    assert "Answer a volunteer&#39;s concern" in page and "Ada seemed more breathless than usual." in page
    assert "Mrs P has a new walking frame" in page  # the example in the hint
    key = uuid.uuid4()
    check = post_answer(client, c, key=key).content.decode()
    assert "Check your answer before you send it" in check and GOOD_NEWS in check
    assert Concern.objects.get(pk=c.pk).status == "open"
    sent = post_answer(client, c, key=key, confirm="1")
    assert sent.status_code == 302 and sent["Location"] == answer_url(c)
    again = post_answer(client, c, key=key, confirm="1")  # a double click: the same place, closed once
    assert again["Location"] == answer_url(c)
    assert ConcernEvent.objects.filter(concern=c, what="closed").count() == 1
    shown = client.get(answer_url(c)).content.decode()
    assert "Answered: a volunteer&#39;s concern" in shown and "What the volunteer was told" in shown


def test_change_goes_back_to_the_words_as_typed(client, world):
    c = concern(world)
    client.force_login(world.named_worker)
    page = post_answer(client, c, confirm="1", change="1").content.decode()
    assert "Answer a volunteer&#39;s concern" in page and GOOD_NEWS in page
    assert Concern.objects.get(pk=c.pk).status == "open"


@pytest.mark.parametrize("words", ["", "   ", "x" * 1001])
def test_no_answer_without_an_outcome_keeps_what_was_typed(client, world, words):
    c = concern(world)
    client.force_login(world.named_worker)
    response = post_answer(client, c, words, confirm="1")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and 'href="#id_outcome"' in page
    assert ("Write what happened, for the volunteer" if not words.strip() else "1000 characters or fewer") in page
    assert Concern.objects.get(pk=c.pk).status == "open"


def test_an_answer_sent_after_someone_else_answered_shows_theirs_and_keeps_yours(client, world):
    c = concern(world)
    client.force_login(world.coordinator)
    post_answer(client, c, "Cath rang her daughter.", confirm="1")
    client.force_login(world.named_worker)
    page = post_answer(client, c, "My answer, typed meanwhile.", confirm="1").content.decode()
    assert "Someone else answered it first" in page and "My answer, typed meanwhile." in page
    assert Concern.objects.get(pk=c.pk).outcome == "Cath rang her daughter."


def test_a_stale_version_of_an_open_concern_is_a_conflict_that_keeps_the_words(client, world):
    c = concern(world)
    Concern.objects.filter(pk=c.pk).update(version=5)  # sent another way meanwhile
    client.force_login(world.named_worker)
    page = post_answer(client, c, confirm="1").content.decode()
    assert "This concern changed while you were writing" in page and GOOD_NEWS in page
    assert Concern.objects.get(pk=c.pk).status == "open"


def test_the_writer_sees_what_the_person_chose_not_to_share_with_volunteers(client, world):
    ConsentProvision.objects.create(
        person=world.person, permit=False, actor_kind="volunteers", categories=["contact", "key_contacts"]
    )
    ConsentProvision.objects.create(person=world.person, permit=True, actor_kind="volunteers", categories=["story"])
    client.force_login(world.named_worker)
    page = client.get(answer_url(concern(world))).content.decode()
    assert "Ada Lovelace chose not to share their address and phone number with volunteers." in page
    assert "Ada Lovelace chose not to share who their family and carers are with volunteers." in page
    assert "chose to share their story and what matters to them with volunteers" in page
    assert "medically aware, not medically trained" in page


def test_the_writer_is_told_when_the_volunteer_no_longer_visits(client, world):
    c = concern(world)
    world.person.relationships.filter(user=world.volunteer).update(ended_at=timezone.now() - timedelta(days=1))
    client.force_login(world.named_worker)
    assert "no longer visits Ada Lovelace" in client.get(answer_url(c)).content.decode()


def test_the_volunteer_sees_what_happened_and_says_thank_you(client, world):
    c = concern(world)
    client.force_login(world.named_worker)
    post_answer(client, c, confirm="1")
    client.force_login(world.volunteer)
    url = f"/concerns/{c.pk}/what-happened/"
    page = client.get(url).content.decode()
    assert "What happened to your concern" in page and GOOD_NEWS in page and "Ada Lovelace" in page
    assert "Overdue" not in page and "reminded" not in page.lower()
    empty = client.post(url, {"form_key": uuid.uuid4()}).content.decode()
    assert "Choose thank you or I&#39;m still worried" in empty
    worried = client.post(url, {"form_key": uuid.uuid4(), "reply": "worried", "words": ""}).content.decode()
    assert "Tell us what still worries you" in worried
    thanked = client.post(url, {"form_key": uuid.uuid4(), "reply": "thanks"})
    assert thanked.status_code == 302
    assert "You have replied to this answer" in client.get(url).content.decode()


def test_still_worried_from_the_page_reopens_it(client, world):
    c = concern(world)
    client.force_login(world.named_worker)
    post_answer(client, c, confirm="1")
    client.force_login(world.volunteer)
    url = f"/concerns/{c.pk}/what-happened/"
    key = uuid.uuid4()
    for _ in range(2):  # sent twice: one reply
        client.post(url, {"form_key": key, "reply": "worried", "words": "Still breathless on the stairs."})
    assert Concern.objects.get(pk=c.pk).status == "open"
    assert ConcernEvent.objects.filter(concern=c, what="still_worried").count() == 1
    assert "Your concern is being looked at" in client.get(url).content.decode()


def test_the_volunteers_home_shows_good_news_first(client, world):
    waiting = concern(world, words="Waiting one.")
    answered = concern(world, words="Answered one.")
    client.force_login(world.named_worker)
    post_answer(client, answered, confirm="1")
    client.force_login(world.volunteer)
    with CaptureQueriesContext(connection) as few:
        page = client.get("/").content.decode()
    assert "What happened to your concerns" in page
    # the good news first; the one still open is listed once, under the button to raise a concern
    assert page.index("What happened to your concerns") < page.index(GOOD_NEWS)
    assert page.index("Concerns you raised that are still open") < page.index(GOOD_NEWS)
    assert page.count(f"/concerns/{waiting.pk}/") == 1
    for n in range(6):
        concern(world, words=f"More {n}")
    with CaptureQueriesContext(connection) as more:
        client.get("/")
    assert len(more) == len(few)
    assert AuditEvent.objects.filter(action="volunteer_concerns_listed", person_id=world.person.pk).exists()


def test_open_loops_lists_open_and_closed_with_how_long_each_took(client, world):
    now = timezone.now()
    late = concern(world, hours=-5)
    fresh = concern(world, health=False)
    quick = concern(world)
    Concern.objects.filter(pk=quick.pk).update(
        status="closed",
        outcome="Sorted.",
        closed_by=world.named_worker,
        closed_at=now,
        created_at=now - timedelta(hours=3),
    )
    slow = concern(world)
    Concern.objects.filter(pk=slow.pk).update(
        status="closed", outcome="Done.", closed_by=world.coordinator, closed_at=now, created_at=now - timedelta(days=4)
    )
    client.force_login(world.coordinator)
    with CaptureQueriesContext(connection) as few:
        page = client.get("/concerns/open-loops/").content.decode()
    assert "<h1" in page and "Open loops" in page
    assert "Waiting for an answer: 2" in page and "1 overdue concern" in page
    assert page.index(f'id="concern-{late.pk}"') < page.index(f'id="concern-{fresh.pk}"')
    assert "Answered in the last 90 days: 2" in page
    assert "3 hours" in page and "4 days" in page
    assert "(the median): <strong>2 days</strong>" in page  # of 3 hours and 4 days
    for _ in range(5):
        concern(world)
    with CaptureQueriesContext(connection) as more:
        client.get("/concerns/open-loops/")
    assert len(more) == len(few)


def test_open_loops_shows_only_the_coordinators_own_hub(client, world):
    other = around(given_name="Bo")
    theirs = concern(other)
    client.force_login(world.coordinator)
    assert f"concern-{theirs.pk}" not in client.get("/concerns/open-loops/").content.decode()


@pytest.mark.parametrize("field", ["version", "form_key"])
def test_a_spoilt_hidden_field_is_told_at_the_top_never_a_500(client, world, field):
    c = concern(world)
    client.force_login(world.named_worker)
    data = {"outcome": GOOD_NEWS, "version": c.version, "form_key": uuid.uuid4(), "confirm": "1", field: "nonsense"}
    response = client.post(answer_url(c), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This page was out of date" in page and GOOD_NEWS in page
    assert Concern.objects.get(pk=c.pk).status == "open"
