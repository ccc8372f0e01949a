"""The person's own home page: their named worker with a number to call, and what they asked to be corrected with
the answer, each panel in a fixed number of queries however much there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory
from alongside.people import actions, panels
from alongside.people.tests.factories import PersonFactory, add_entry, allocate, make_named_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada():
    user = UserFactory(first_name="Ada", last_name="Okafor")
    return PersonFactory(user=user, given_name="Ada", family_name="Okafor")


def reads(panel, user) -> int:
    request = acting_as(user, "get")
    with CaptureQueriesContext(connection) as captured:
        panel(request)
    return len(captured)


def test_the_person_sees_their_named_worker_and_the_number_to_call(client, member, ada):
    team = TeamFactory(name="Riverside neighbourhood team", phone="01632 960 111")
    sam = member("clinician", team=team, first_name="Sam", last_name="Patel")
    client.force_login(ada.user)
    assert "You do not have a named worker at the moment." in texts(client.get("/"))
    make_named_worker(ada, sam)
    page = client.get("/")
    shown = texts(page)
    assert "Your named worker is Sam Patel , in Riverside neighbourhood team." in shown
    assert "To reach Sam, call Riverside neighbourhood team on 01632 960 111 and ask for Sam." in shown
    assert 'href="tel:01632960111"' in page.content.decode()


def test_without_a_team_phone_the_person_is_told_another_way_to_reach_them(client, member, ada):
    make_named_worker(ada, member("clinician", team=TeamFactory(phone=""), first_name="Sam"))
    client.force_login(ada.user)
    shown = texts(client.get("/"))
    assert "To reach Sam, tell anyone from the team when they next see you" in shown
    assert "tel:" not in client.get("/").content.decode()


def test_the_person_sees_each_correction_they_asked_for_with_its_answer(client, member, ada):
    sam = member("clinician", first_name="Sam", last_name="Patel")
    allocate(ada, "care_team", user=sam)
    kept = add_entry(ada, sam, text="Ada walks with a frame.")
    fixed = add_entry(ada, sam, text="Ada lives with her son.")
    as_ada = acting_as(ada.user)
    first = actions.ask_for_correction(as_ada, kept, "I walk with a stick.", "")
    second = actions.ask_for_correction(as_ada, fixed, "I live alone.", "Ada lives alone.")
    client.force_login(ada.user)
    assert "Waiting for an answer." in texts(client.get("/"))
    actions.answer_correction(acting_as(sam), first, "", "The physiotherapist saw you with a frame in March.")
    actions.answer_correction(acting_as(sam), second, "Ada lives alone.", "Sorry: corrected.")
    shown = texts(client.get("/"))
    assert "Not changed : answered on" in shown
    assert "The reason: “The physiotherapist saw you with a frame in March.”" in shown
    assert "Corrected on" in shown and "The answer: “Sorry: corrected.”" in shown


def test_the_persons_panels_read_a_fixed_number_of_times(member, ada):
    sam = member("clinician", team=TeamFactory(phone="01632 960 111"))
    make_named_worker(ada, sam)
    before = reads(panels.own_named_worker, ada.user) + reads(panels.own_requests, ada.user)
    for index in range(7):
        entry = add_entry(ada, sam, text=f"Entry {index}")
        actions.ask_for_correction(acting_as(ada.user), entry, f"Wrong {index}", "")
    after = reads(panels.own_named_worker, ada.user) + reads(panels.own_requests, ada.user)
    assert before == after
    assert reads(panels.own_named_worker, member("clinician")) == 0  # staff: not their panel, nothing read
