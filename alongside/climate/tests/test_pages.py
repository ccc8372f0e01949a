"""The climate pages as a team uses them: a member answers once a month after checking their answers; results are
held back until five have answered; the leader chooses the questions, plans a dialogue session and records it;
the team page's panel and the home page's invitation."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.climate import catalogue, panels, queries
from alongside.climate.models import Answered, DialogueSession, PulseAnswer, TeamQuestions
from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory

from .factories import SessionFactory, all_at, answer_as, form_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def sam(member, team):
    return member("clinician", team=team)


@pytest.fixture
def lead(member, team):
    return member("team_leader", team=team)


def form_key(client, url) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_a_member_checks_then_sends_their_answer_once(client, sam, team):
    client.force_login(sam)
    url = reverse("climate:answer", args=[team.pk])
    page = texts(client.get(url))
    assert "How is it to work in this team?" in page and "Safe to speak up" in page
    check = client.post(url, form_for(4))
    assert "Check your answers" in texts(check)
    assert not PulseAnswer.objects.exists()
    sent = client.post(url, form_for(4) | {"confirm": "1"}, follow=True)
    assert "Your answer is saved without your name" in texts(sent)
    assert "You answered this month" in texts(sent)
    again = client.post(url, form_for(2) | {"confirm": "1"})
    assert "You answered this month" in texts(again)
    assert PulseAnswer.objects.count() == 1 and Answered.objects.count() == 1


def test_change_goes_back_to_the_questions_with_what_was_chosen(client, sam, team):
    client.force_login(sam)
    url = reverse("climate:answer", args=[team.pk])
    back = client.post(url, form_for(2) | {"change": "1"}).content.decode()
    assert back.count('value="2" checked') == 8
    assert not PulseAnswer.objects.exists()


def test_a_statement_left_unanswered_is_named_and_the_rest_kept(client, sam, team):
    client.force_login(sam)
    data = form_for(5)
    del data["support_ask"]
    page = client.post(reverse("climate:answer", args=[team.pk]), data)
    body = page.content.decode()
    assert "There is a problem" in body
    assert "Choose how much you agree: I can ask for help and not feel bad about it." in body
    assert body.count('value="5" checked') == 7
    assert "<title>Error: " in body


def last_month():
    return (queries.this_month() - timedelta(days=1)).replace(day=1)


def answered_in(team, month, how_many, point=5):
    PulseAnswer.objects.bulk_create(
        PulseAnswer(team=team, month=month, definition=catalogue.default().code, values=all_at(point))
        for _ in range(how_many)
    )


def test_results_are_held_back_until_five_have_answered_in_a_month_that_has_ended(client, member, team):
    client.force_login(member("clinician", team=team))
    url = reverse("climate:team", args=[team.pk])
    answered_in(team, last_month(), 4)
    page = texts(client.get(url))
    assert page.count("Not shown: fewer than 5 answered") == 5
    answered_in(team, last_month(), 1)
    page = texts(client.get(url))
    assert page.count("Not shown: fewer than 5 answered") == 4
    assert "5 answered" in page and "100%" in page


@pytest.mark.parametrize("how_many", [1, 4, 5, 6, 12])
def test_no_result_for_the_month_still_open_is_on_any_page_whatever_the_count(client, member, team, how_many):
    """While a month is open, its results would move with each answer: a member looking just before and after a
    colleague answered could read that colleague's answer in the difference."""
    lead = member("team_leader", team=team)
    for _ in range(how_many):
        answer_as(member("clinician", team=team), team, 5)
    answered_in(team, last_month(), 7, point=1)
    client.force_login(lead)
    pages = {
        name: texts(client.get(reverse(name, args=[team.pk])))
        for name in ("climate:team", "climate:plan", "partners:team")
    }
    assert "Answering is open: shown after the month ends" in pages["climate:team"]
    for page in pages.values():
        assert "100%" not in page and not re.search(rf"(?<!than ){how_many} answered", page)
    assert "7 answered" in pages["climate:team"] and "0%" in pages["climate:team"]
    assert f"The latest shown are for {last_month():%B %Y}" in pages["partners:team"]


def test_a_month_with_none_and_a_month_with_four_look_the_same(client, member, team):
    other = TeamFactory(name="Hillside")
    mine = member("clinician", team=team)
    client.force_login(mine)
    for person in [member("clinician", team=team) for _ in range(4)]:
        answer_as(person, team, 2)
    four = client.get(reverse("climate:team", args=[team.pk])).content.decode()
    client.force_login(member("clinician", team=other))
    none = client.get(reverse("climate:team", args=[other.pk])).content.decode()

    def results(body):
        return body[body.index("<table") : body.index("</table>")].replace("Riverside", "").replace("Hillside", "")

    assert results(four) == results(none)


def test_the_team_page_costs_the_same_however_many_answered(client, member, team, django_assert_num_queries):
    sam = member("clinician", team=team)
    client.force_login(sam)
    url = reverse("climate:team", args=[team.pk])
    client.get(url)
    with django_assert_num_queries(10) as few:
        client.get(url)
    for _ in range(6):
        answer_as(member("clinician", team=team), team, 3)
    SessionFactory(team=team)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_leader_plans_a_session_nothing_preticked_and_members_see_it(client, lead, sam, team):
    client.force_login(lead)
    url = reverse("climate:plan", args=[team.pk])
    form = client.get(url).content.decode()
    assert "checked" not in form
    day = timezone.localdate() + timedelta(days=10)
    data = {
        "form_key": form_key(client, url),
        "day_day": str(day.day),
        "day_month": str(day.month),
        "day_year": str(day.year),
        "start": "14:00",
        "minutes": "90",
        "place": "Meeting room 2",
        "areas": ["reflect", "speak_up"],
        "facilitator": "Priya Natt",
    }
    done = client.post(url, data, follow=True)
    assert "Session planned" in texts(done)
    client.post(url, data)  # pressed twice: one session
    session = DialogueSession.objects.get()
    assert session.areas == ["speak_up", "reflect"] and session.planned_by == lead
    client.force_login(sam)
    page = texts(client.get(reverse("climate:team", args=[team.pk])))
    assert "Meeting room 2" in page and "Safe to speak up, Time to reflect" in page and "Plan a session" not in page
    assert client.get(url).status_code == 404


def test_planning_with_bad_input_says_what_and_keeps_it(client, lead, team):
    client.force_login(lead)
    url = reverse("climate:plan", args=[team.pk])
    data = {
        "form_key": form_key(client, url),
        "day_day": "31",
        "day_month": "2",
        "day_year": "2027",
        "start": "25:00",
        "minutes": "5",
        "place": "Room 7",
        "facilitator": "",
    }
    body = client.post(url, data).content.decode()
    for message in (
        "The date must be a real date",
        "Enter a real time, using the 24-hour clock",
        "A session must be at least 15 minutes long",
        "Choose at least one area to talk about",
        "Enter who will lead the conversation",
    ):
        assert message in body
    assert 'value="Room 7"' in body and 'value="25:00"' in body
    assert not DialogueSession.objects.exists()


def test_the_leader_records_a_session_that_happened_with_its_themes(client, lead, team):
    session = SessionFactory(team=team, starts_at=timezone.now() - timedelta(days=1))
    client.force_login(lead)
    url = reverse("climate:record", args=[team.pk, session.pk])
    empty = client.post(url, {"happened": "yes", "themes": ""}).content.decode()
    assert "Enter the themes that came up" in empty
    client.post(url, {"happened": "yes", "themes": "No time to talk after hard visits"})
    session.refresh_from_db()
    assert session.happened is True and session.themes == "No time to talk after hard visits"
    again = client.post(url, {"happened": "no"}, follow=True)
    assert "recorded already" in texts(again)
    session.refresh_from_db()
    assert session.happened is True


def test_a_session_not_started_cannot_be_recorded(client, lead, team):
    session = SessionFactory(team=team)
    client.force_login(lead)
    url = reverse("climate:record", args=[team.pk, session.pk])
    assert "has not started yet" in texts(client.get(url))
    client.post(url, {"happened": "yes", "themes": "Too early"})
    session.refresh_from_db()
    assert session.happened is None


def test_the_leader_chooses_the_questions(client, lead, team):
    client.force_login(lead)
    url = reverse("climate:questions", args=[team.pk])
    assert "Team climate pulse" in texts(client.get(url))
    bad = client.post(url, {"definition": "not-one", "version": "0"}).content.decode()
    assert "Choose one of the sets of questions listed" in bad
    client.post(url, {"definition": "team-climate", "version": "0"})
    assert TeamQuestions.objects.get(team=team).definition == "team-climate"


def test_the_team_page_panel_says_answered_results_and_next_session(client, member, team, sam):
    SessionFactory(team=team, place="The garden room")
    client.force_login(sam)
    url = reverse("partners:team", args=[team.pk])
    page = texts(client.get(url))
    assert "This month's pulse: you have not answered yet" in page
    assert "this month's are shown after the month ends, if at least 5 people answered." in page
    assert "None are shown yet." in page and "The garden room" in page
    answer_as(sam, team)
    for _ in range(4):
        answer_as(member("clinician", team=team), team)
    page = texts(client.get(url))
    assert "This month's pulse: you answered" in page and "None are shown yet." in page


def test_the_home_page_invites_members_who_have_not_answered(client, sam, team, django_assert_num_queries):
    client.force_login(sam)
    assert "You have not answered this month's pulse for" in texts(client.get("/"))
    answer_as(sam, team)
    assert "You have not answered this month's pulse for" not in texts(client.get("/"))


def test_someone_outside_the_team_is_answered_as_for_a_missing_team(client, member, team):
    client.force_login(member("clinician"))
    for name in ("team", "answer", "questions", "plan"):
        assert client.get(reverse(f"climate:{name}", args=[team.pk])).status_code == 404
    assert client.post(reverse("climate:answer", args=[team.pk]), form_for(4) | {"confirm": "1"}).status_code == 404
    assert not PulseAnswer.objects.exists()


def test_the_team_pages_panel_costs_the_same_however_much_there_is(client, member, team, django_assert_num_queries):
    sam = member("clinician", team=team)
    client.force_login(sam)
    url = reverse("partners:team", args=[team.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    answer_as(sam, team)
    for _ in range(6):
        answer_as(member("clinician", team=team), team, 3)
    SessionFactory(team=team)
    SessionFactory(team=team)
    # six more members make the team's member list longer, not its number of queries
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)


def test_the_home_invitation_is_one_query(member, team, django_assert_num_queries):
    sam = member("clinician", team=team)
    request = acting_as(sam, "get")
    with django_assert_num_queries(1):
        assert [t.pk for t in panels.home_panel(request)["teams"]] == [team.pk]
