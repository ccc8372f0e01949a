"""Volunteers' ideas about training and deployment: sent from a phone in a short form, one however often it is
sent, answered by the hub's coordinators, and shown to the whole hub on "You said, we did", with the sender's
name for the coordinators only; and the home page's parts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.peer_support.models import Idea, PeerSession

KEY = "3f0e2a5c-0000-4000-8000-0000000000b2"


def _send(client, hub, **fields):
    data = {"form_key": KEY, "about": "training", "words": "A Saturday training day, please"} | fields
    return client.post(f"/peer-support/hubs/{hub.pk}/ideas/new/", data)


def test_a_volunteer_sends_an_idea_once_however_often_they_press_send(client, hub, volunteers):
    client.force_login(volunteers[0])
    assert "Send an idea" in texts(client.get(f"/peer-support/hubs/{hub.pk}/ideas/new/"))
    first = _send(client, hub)
    again = _send(client, hub)
    idea = Idea.objects.get()
    assert (idea.sent_by, idea.about, idea.answer) == (volunteers[0], "training", "")
    assert first["Location"] == again["Location"] == f"/peer-support/hubs/{hub.pk}/ideas/"
    event = AuditEvent.objects.get(action="idea_sent")
    assert (event.object_type, event.object_id, event.person_id) == ("idea", str(idea.pk), None)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"about": ""}, "Choose what your idea is about"),
        ({"about": "parking"}, "Select a valid choice"),
        ({"words": ""}, "Write your idea"),
        ({"words": "x" * 1001}, "Your idea must be 1,000 characters or fewer"),
        ({"words": "Mr P would like more visits"}, "“Mr P” may name someone"),
    ],
)
def test_bad_input_gets_a_kind_message(client, hub, volunteers, fields, message):
    client.force_login(volunteers[0])
    response = _send(client, hub, **fields)
    assert response.status_code == 200 and message in texts(response)
    assert not Idea.objects.exists()


def test_a_coordinator_cannot_send_an_idea_and_a_volunteer_cannot_answer_one(client, hub, coordinator, volunteers):
    client.force_login(coordinator)
    assert client.get(f"/peer-support/hubs/{hub.pk}/ideas/new/").status_code == 404
    idea = Idea.objects.create(hub=hub, sent_by=volunteers[0], about="training", words="More")
    client.force_login(volunteers[1])
    assert client.get(f"/peer-support/ideas/{idea.pk}/answer/").status_code == 404


def _answer(client, idea, version=1, **fields):
    data = {"version": str(version), "answer": "not_now", "words": "Not now, because the course is full"} | fields
    return client.post(f"/peer-support/ideas/{idea.pk}/answer/", data)


def test_a_coordinator_answers_and_everyone_in_the_hub_reads_it_without_the_senders_name(
    client, hub, coordinator, volunteers
):
    ada, ben, _ = volunteers
    idea = Idea.objects.create(hub=hub, sent_by=ada, about="training", words="A dementia course")
    waiting = Idea.objects.create(hub=hub, sent_by=ben, about="deployment", words="Visits nearer home")
    client.force_login(coordinator)
    assert "A dementia course" in texts(client.get(f"/peer-support/ideas/{idea.pk}/answer/"))
    assert _answer(client, idea, answer="").status_code == 200  # "Choose ..."
    assert _answer(client, idea)["Location"] == f"/peer-support/hubs/{hub.pk}/ideas/"
    idea.refresh_from_db()
    assert (idea.answer, idea.answered_by) == ("not_now", coordinator)
    assert AuditEvent.objects.filter(action="idea_answered", object_id=str(idea.pk)).exists()
    coordinators_view = texts(client.get(f"/peer-support/hubs/{hub.pk}/ideas/"))
    assert "by Ada Brown" in coordinators_view and "by Ben Cole" in coordinators_view

    client.force_login(ben)
    page = texts(client.get(f"/peer-support/hubs/{hub.pk}/ideas/"))
    page = page[page.index("Ideas from the hub") :]  # the page's own words, not the header's
    assert page.index("Waiting for an answer (1)") < page.index("Visits nearer home") < page.index("Answered (1)")
    assert "A dementia course" in page and "Not now" in page and "Not now, because the course is full" in page
    assert "Ada Brown" not in page and "Ben Cole" not in page
    assert "This is your idea" in page  # Ben's own, marked as his, to him alone
    assert waiting.pk


def test_an_answer_can_be_changed_and_a_stale_answer_is_refused(client, hub, coordinator, volunteers):
    idea = Idea.objects.create(hub=hub, sent_by=volunteers[0], about="training", words="First aid")
    client.force_login(coordinator)
    _answer(client, idea, answer="will", words="We will, in the spring")
    stale = _answer(client, idea, version=1, answer="did", words="We did")
    assert "Someone answered this idea while you were writing" in texts(stale)
    assert "We will, in the spring" in texts(stale)  # their answer, to read first
    _answer(client, idea, version=2, answer="did", words="We did, in March")
    idea.refresh_from_db()
    assert (idea.answer, idea.answer_words) == ("did", "We did, in March")
    assert AuditEvent.objects.filter(action="idea_answer_changed").count() == 1


def test_the_coordinators_home_page_shows_ideas_waiting_in_a_fixed_number_of_queries(
    client, hub, coordinator, volunteers
):
    client.force_login(coordinator)

    def home():
        with CaptureQueriesContext(connection) as queries:
            page = texts(client.get("/"))
        return page, len(queries)

    page, _ = home()
    assert "No ideas are waiting" in page
    Idea.objects.create(hub=hub, sent_by=volunteers[0], about="training", words="A quiet room at training days")
    page, before = home()
    assert "1 idea is waiting" in page and "A quiet room at training days" in page
    for n in range(8):
        Idea.objects.create(hub=hub, sent_by=volunteers[1], about="deployment", words=f"Idea {n}")
    page, after = home()
    assert "9 ideas are waiting" in page and after == before


def test_the_volunteers_home_page_shows_the_next_session_and_answers_to_their_ideas(
    client, hub, coordinator, volunteers
):
    ada = volunteers[0]
    soon = timezone.localdate() + timedelta(days=3)
    PeerSession.objects.create(
        hub=hub, kind="coffee_morning", held_on=soon, place="The Willow Café", recorded_by=coordinator
    )
    Idea.objects.create(
        hub=hub,
        sent_by=ada,
        about="training",
        words="Saturday training",
        answer="did",
        answer_words="We did, in May",
        answered_by=coordinator,
        answered_at=timezone.now(),
    )
    Idea.objects.create(hub=hub, sent_by=ada, about="deployment", words="Nearer home")
    Idea.objects.create(hub=hub, sent_by=volunteers[1], about="deployment", words="Someone else's idea")
    client.force_login(ada)
    page = texts(client.get("/"))
    assert "Next: coffee morning" in page and "The Willow Café" in page
    assert page.index("We did, in May") < page.index("Nearer home: waiting for an answer")
    assert "Someone else's idea" not in page
