"""The questionnaire pages as people use them: the person from their own login, staff with the person, and the person
through a one-time link; one question a page, answers kept as they go, check your answers, submitted once; and the
trend page, in a constant number of queries."""

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from alongside.core import registry
from alongside.core.models import AuditEvent, Message
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.outcomes import actions, queries
from alongside.outcomes.models import CompletionLink, Draft, How, Response
from alongside.people.tests.factories import PersonFactory, make_named_worker

pytestmark = pytest.mark.django_db

PHQ9 = [f"phq9-{n}" for n in range(1, 10)]


@pytest.fixture
def devon(db):
    return PersonFactory(
        user=UserFactory(first_name="Devon", email="devon@example.org"),
        given_name="Devon",
        family_name="Hart",
        phone="07700 900123",
    )


@pytest.fixture
def sam(member, devon):
    user = member("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, user)
    return user


def answer_all(client, person_pk, code, values):
    for n, value in enumerate(values, start=1):
        url = reverse("outcomes:question", args=[person_pk, code, n])
        assert client.post(url, {"answer": str(value)}).status_code == 302


def test_the_person_fills_in_phq9_from_their_own_login_one_question_a_page(client, devon):
    client.force_login(devon.user)
    home = texts(client.get(reverse("home")))
    assert "Questionnaires" in home and "Fill in PHQ-9" in home
    first = client.get(reverse("outcomes:question", args=[devon.pk, "phq-9", 1]))
    page = texts(first)
    assert "PHQ-9: question 1 of 9" in page
    assert "Little interest or pleasure in doing things" in page
    assert "Over the last 2 weeks" in page
    assert "checked" not in first.content.decode().split('name="answer"')[1].split(">")[0]  # nothing pre-ticked
    answer_all(client, devon.pk, "phq-9", [2] * 9)
    check = client.get(reverse("outcomes:check", args=[devon.pk, "phq-9"]))
    assert "Check your answers" in texts(check)
    assert "More than half the days" in texts(check)
    key = Draft.objects.get().form_key
    done = client.post(reverse("outcomes:check", args=[devon.pk, "phq-9"]), {"form_key": str(key)})
    assert done.status_code == 302 and done["Location"] == reverse("outcomes:trend", args=[devon.pk])
    response = Response.objects.get()
    assert (response.total, response.how, response.recorded_by) == (18, How.OWN_LOGIN, devon.user)
    assert not Draft.objects.exists()
    trend = texts(client.get(done["Location"]))
    assert "How your answers have changed" in trend and "18, Moderately severe" in trend


def test_a_missing_or_made_up_answer_is_asked_again_with_an_error(client, devon):
    client.force_login(devon.user)
    url = reverse("outcomes:question", args=[devon.pk, "phq-9", 3])
    for given in ({}, {"answer": "7"}, {"answer": "x" * 500}, {"answer": "-1"}):
        page = client.post(url, given)
        assert page.status_code == 200
        assert "There is a problem" in texts(page) and "Select an answer" in texts(page)
        assert "<title>Error:" in page.content.decode()
    assert not Draft.objects.exists()


def test_stop_and_come_back_keeps_the_answers_given(client, devon):
    client.force_login(devon.user)
    answer_all(client, devon.pk, "phq-9", [1, 2, 3])
    page = client.get(reverse("home"))
    home = texts(page)
    assert "Started: 3 answered so far. Not done yet." in home and "Carry on with PHQ-9" in home
    # "Carry on" goes on from the first question not yet answered, on the home page and the list alike
    onwards = reverse("outcomes:question", args=[devon.pk, "phq-9", 4])
    assert f'href="{onwards}"' in page.content.decode()
    assert f'href="{onwards}"' in client.get(reverse("outcomes:choose", args=[devon.pk])).content.decode()
    # the check page sends them on to the first question not yet answered
    check = client.get(reverse("outcomes:check", args=[devon.pk, "phq-9"]))
    assert check["Location"] == reverse("outcomes:question", args=[devon.pk, "phq-9", 4])
    back = client.get(reverse("outcomes:question", args=[devon.pk, "phq-9", 2]))
    assert 'value="2" checked' in back.content.decode()


def test_pressing_submit_twice_makes_one_response(client, devon):
    client.force_login(devon.user)
    answer_all(client, devon.pk, "phq-9", [0] * 9)
    key = str(Draft.objects.get().form_key)
    url = reverse("outcomes:check", args=[devon.pk, "phq-9"])
    first, second = client.post(url, {"form_key": key}), client.post(url, {"form_key": key})
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1


def test_changing_an_answer_from_check_your_answers_goes_back_there(client, devon):
    client.force_login(devon.user)
    answer_all(client, devon.pk, "gad-7", [1] * 7)
    change = reverse("outcomes:question", args=[devon.pk, "gad-7", 4]) + "?check=1"
    moved = client.post(change, {"answer": "3"})
    assert moved["Location"] == reverse("outcomes:check", args=[devon.pk, "gad-7"])
    assert Draft.objects.get().answers["gad7-4"] == 3


def test_staff_fill_in_gad7_with_the_person_and_every_page_says_so(client, devon, sam):
    client.force_login(sam)
    person_page = texts(client.get(reverse("people:person", args=[devon.pk])))
    assert "Fill in a questionnaire with Devon" in person_page
    choose = texts(client.get(reverse("outcomes:choose", args=[devon.pk])))
    assert "Fill in a questionnaire with Devon Hart" in choose
    question = texts(client.get(reverse("outcomes:question", args=[devon.pk, "gad-7", 1])))
    assert "You are filling this in with Devon Hart" in question
    answer_all(client, devon.pk, "gad-7", [3] * 7)
    check = client.get(reverse("outcomes:check", args=[devon.pk, "gad-7"]))
    assert "You are filling this in with Devon Hart" in texts(check)
    client.post(reverse("outcomes:check", args=[devon.pk, "gad-7"]), {"form_key": str(Draft.objects.get().form_key)})
    response = Response.objects.get()
    assert (response.how, response.recorded_by, response.total) == (How.WITH_STAFF, sam, 21)
    assert AuditEvent.objects.filter(action="outcome_recorded", person_id=devon.pk, actor=sam).exists()


def test_the_persons_and_the_staffs_drafts_are_kept_apart(client, devon, sam):
    client.force_login(sam)
    answer_all(client, devon.pk, "gad-7", [3, 3])
    client.force_login(devon.user)
    answer_all(client, devon.pk, "gad-7", [0])
    assert sorted(Draft.objects.values_list("how", flat=True)) == [How.OWN_LOGIN, How.WITH_STAFF]


def test_a_volunteer_reaches_no_questionnaire_and_no_trend(client, devon, member):
    volunteer = member("volunteer")
    client.force_login(volunteer)
    for url in (
        reverse("outcomes:trend", args=[devon.pk]),
        reverse("outcomes:choose", args=[devon.pk]),
        reverse("outcomes:question", args=[devon.pk, "phq-9", 1]),
    ):
        assert client.get(url).status_code == 404


# --- goal-based outcomes -------------------------------------------------------------------------------------------


def test_goals_are_the_persons_own_words(client, devon, monkeypatch):
    goals = {devon.pk: [("1", "Get back to the bike workshop"), ("2", "Sleep")]}
    monkeypatch.setattr(registry, "person_goals", lambda person_id: goals.get(person_id, []))  # as plans gives them
    client.force_login(devon.user)
    page = texts(client.get(reverse("outcomes:question", args=[devon.pk, "gbo", 1])))
    assert "How close are you to reaching this goal?" in page and "Your goal: Get back to the bike workshop" in page
    answer_all(client, devon.pk, "gbo", [4, 7])
    client.post(reverse("outcomes:check", args=[devon.pk, "gbo"]), {"form_key": str(Draft.objects.get().form_key)})
    response = Response.objects.get()
    assert response.answers == {"goal-1": 4, "goal-2": 7}
    assert response.goals == {"goal-1": "Get back to the bike workshop", "goal-2": "Sleep"}
    trend = texts(client.get(reverse("outcomes:trend", args=[devon.pk])))
    assert "Get back to the bike workshop" in trend


def test_goals_come_from_the_persons_written_plan(client, devon, sam):
    from alongside.plans.tests.factories import GOAL, write_plan

    write_plan(devon, sam)
    client.force_login(devon.user)
    page = texts(client.get(reverse("outcomes:question", args=[devon.pk, "gbo", 1])))
    assert f"Your goal: {GOAL.in_own_words}" in page


def test_no_goals_says_so_kindly_with_the_way_to_the_plan(client, devon):
    client.force_login(devon.user)
    page = client.get(reverse("outcomes:question", args=[devon.pk, "gbo", 1]))
    assert "There are no goals to rate yet" in texts(page)
    assert reverse("plans:plan", args=[devon.pk]) in page.content.decode()


# --- one-time links ------------------------------------------------------------------------------------------------


def send_link(client, devon, code="phq-9", channel="text") -> str:
    url = reverse("outcomes:send", args=[devon.pk])
    form = client.get(url)
    key = re.search(r'name="form_key" value="([^"]+)"', form.content.decode()).group(1)
    posted = {"form_key": key, "instrument": code, "channel": channel}
    check = client.post(url, posted)
    assert "Check before you send the link" in texts(check)
    sent = client.post(url, posted | {"confirm": "yes"})
    assert sent.status_code == 302
    client.post(url, posted | {"confirm": "yes"})  # pressed twice: one link
    body = Message.objects.filter(reference__startswith="outcome-link-").latest("pk").personalisation["body"]
    return re.search(r"/outcomes/link/([^/]+)/", body).group(1)


def open_link(client, token) -> str:
    """Open the link as its person does: the handle its pages' addresses carry instead of the token."""
    opened = client.get(reverse("outcomes:link", args=[token]))
    assert opened.status_code == 302 and token not in opened["Location"]
    return resolve(opened["Location"]).kwargs["handle"]


def test_no_page_or_form_of_a_link_carries_its_token(client, devon, sam):
    client.force_login(sam)
    token = send_link(client, devon)
    client.logout()
    handle = open_link(client, token)
    pages = [client.get(reverse("outcomes:link_start", args=[handle]))]
    pages += [client.get(reverse("outcomes:link_question", args=[handle, 1]))]
    for n in range(1, 10):
        client.post(reverse("outcomes:link_question", args=[handle, n]), {"answer": "1"})
    pages += [client.get(reverse("outcomes:link_check", args=[handle]))]
    key = str(Draft.objects.get().form_key)
    pages += [client.post(reverse("outcomes:link_check", args=[handle]), {"form_key": key})]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200 and token not in html
        assert all(token not in action for action in re.findall(r'action="([^"]*)"', html))
    assert "Thank you, your answers are sent" in texts(pages[-1])


def test_two_links_in_one_browser_stay_apart(client, devon, sam):
    client.force_login(sam)
    first, second = send_link(client, devon), send_link(client, devon, code="gad-7")
    client.logout()
    one, two = open_link(client, first), open_link(client, second)
    assert one != two
    phq, gad = queries.instrument("phq-9").title, queries.instrument("gad-7").title
    assert phq in texts(client.get(reverse("outcomes:link_start", args=[one])))
    assert gad in texts(client.get(reverse("outcomes:link_start", args=[two])))


def test_staff_send_a_link_by_text_and_the_person_answers_it_without_an_account(client, devon, sam):
    client.force_login(sam)
    token = send_link(client, devon)
    message = Message.objects.get()
    assert (message.to, message.channel) == ("07700 900123", "sms")
    link = CompletionLink.objects.get()
    assert link.token_hash == queries.hash_token(token) and token not in str(link.__dict__)
    assert AuditEvent.objects.filter(action="outcome_link_sent", person_id=devon.pk, actor=sam).exists()
    client.logout()
    handle = open_link(client, token)
    start = client.get(reverse("outcomes:link_start", args=[handle]))
    page = texts(start)
    assert "Hello Devon" in page and "Hart" not in page
    assert reverse("people:person", args=[devon.pk]) not in start.content.decode()
    for n in range(1, 10):
        assert client.post(reverse("outcomes:link_question", args=[handle, n]), {"answer": "1"}).status_code == 302
    check = client.get(reverse("outcomes:link_check", args=[handle]))
    assert "Check your answers" in texts(check) and "Hart" not in texts(check)
    key = str(Draft.objects.get().form_key)
    thanks = client.post(reverse("outcomes:link_check", args=[handle]), {"form_key": key})
    assert "Thank you, your answers are sent" in texts(thanks)
    again = client.post(reverse("outcomes:link_check", args=[handle]), {"form_key": key})  # pressed twice
    assert again.status_code == 200 and Response.objects.count() == 1
    response = Response.objects.get()
    assert (response.how, response.total, response.recorded_by) == (How.LINK, 9, None)
    link.refresh_from_db()
    assert link.used_at is not None and link.response == response
    used = AuditEvent.objects.get(action="outcome_recorded", person_id=devon.pk)
    assert (used.actor, used.basis) == (devon.user, "self")


def test_a_link_is_kept_for_coming_back_until_it_is_used(client, devon, sam):
    client.force_login(sam)
    token = send_link(client, devon)
    client.logout()
    handle = open_link(client, token)
    client.post(reverse("outcomes:link_question", args=[handle, 1]), {"answer": "2"})
    client.post(reverse("outcomes:link_question", args=[handle, 2]), {"answer": "3"})
    client.cookies.clear()  # coming back later, on another device
    start = client.get(reverse("outcomes:link", args=[token]), follow=True)
    assert "Carry on" in texts(start)
    handle = resolve(start.redirect_chain[-1][0]).kwargs["handle"]
    assert reverse("outcomes:link_question", args=[handle, 3]) in start.content.decode()


def test_answers_kept_from_a_link_that_has_expired_are_cleared_away_at_night(client, devon, sam):
    client.force_login(sam)
    open_token, lapsing_token = send_link(client, devon), send_link(client, devon, code="gad-7")
    client.logout()
    for token in (open_token, lapsing_token):
        client.post(reverse("outcomes:link_question", args=[open_link(client, token), 1]), {"answer": "2"})
    assert Draft.objects.count() == 2
    lapsing = CompletionLink.objects.get(token_hash=queries.hash_token(lapsing_token))
    CompletionLink.objects.filter(pk=lapsing.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    staff_draft = client.force_login(sam) or client.post(
        reverse("outcomes:question", args=[devon.pk, "phq-9", 1]), {"answer": "1"}
    )
    assert staff_draft.status_code == 302
    assert actions.forget_lapsed_link_drafts(timezone.now()) == 1
    assert sorted(Draft.objects.values_list("owner", flat=True)) == sorted(
        [f"link:{CompletionLink.objects.exclude(pk=lapsing.pk).get().pk}", Draft.objects.get(how=How.WITH_STAFF).owner]
    )
    assert actions.forget_lapsed_link_drafts(timezone.now()) == 0  # run again: nothing more to clear
    assert "nightly clear-up of answers kept from lapsed links" in {t.name for t in registry.tasks()}


def test_the_session_in_the_database_keeps_the_links_hash_and_never_its_token(client, devon, sam):
    client.force_login(sam)
    token = send_link(client, devon)
    client.logout()
    handle = open_link(client, token)
    for n in range(1, 10):
        client.post(reverse("outcomes:link_question", args=[handle, n]), {"answer": "1"})
    stored = "".join(json.dumps(row.get_decoded()) + row.session_data for row in Session.objects.all())
    assert queries.hash_token(token) in stored and token not in stored
    key = str(Draft.objects.get().form_key)
    thanks = client.post(reverse("outcomes:link_check", args=[handle]), {"form_key": key})
    assert "Thank you, your answers are sent" in texts(thanks) and Response.objects.count() == 1


def test_after_signing_out_a_links_pages_say_they_timed_out_and_the_link_opens_them_again(client, devon, sam):
    client.force_login(sam)
    token = send_link(client, devon)
    client.logout()
    client.force_login(devon.user)  # the person, signed in, opens their link
    handle = open_link(client, token)
    client.post(reverse("outcomes:link_question", args=[handle, 1]), {"answer": "2"})
    client.logout()  # signing out (or the idle sign-out) ends the session that held the link
    posted = client.post(reverse("outcomes:link_question", args=[handle, 2]), {"answer": "3"})
    assert posted.status_code == 404 and "This page has timed out" in texts(posted)
    again = client.get(reverse("outcomes:link", args=[token]), follow=True)
    assert "Carry on" in texts(again)  # the first answer was kept
    handle = resolve(again.redirect_chain[-1][0]).kwargs["handle"]
    CompletionLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    for url in (reverse("outcomes:link_start", args=[handle]), reverse("outcomes:link_check", args=[handle])):
        assert "Page not found" in texts(client.get(url))  # an expired link stops every page


@pytest.mark.parametrize("phone", ["", "01632 960801"])
def test_with_no_mobile_number_or_email_the_page_says_so_kindly(client, member, phone):
    person = PersonFactory(given_name="Ali", phone=phone)  # a landline cannot take a text
    user = member("clinician")
    make_named_worker(person, user)
    client.force_login(user)
    page = texts(client.get(reverse("outcomes:send", args=[person.pk])))
    assert "We do not have a mobile number or an email address for Ali" in page
    assert client.post(reverse("outcomes:send", args=[person.pk]), {"channel": "text"}).status_code == 200
    assert not CompletionLink.objects.exists()


def test_every_link_that_does_not_work_answers_exactly_like_a_missing_page(client, devon, sam, member):
    """And a page of a link this session does not hold says it timed out, with nothing of the person on it."""
    client.force_login(sam)
    used = send_link(client, devon)
    Message.objects.all().delete()
    expired = send_link(client, devon)
    Message.objects.all().delete()
    somebody_elses = send_link(client, devon)
    client.logout()
    CompletionLink.objects.filter(token_hash=queries.hash_token(expired)).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    CompletionLink.objects.filter(token_hash=queries.hash_token(used)).update(used_at=timezone.now())
    missing = client.get("/outcomes/no-such-page/")
    assert missing.status_code == 404
    for token in (used, expired, "made-up-token", "x" * 300):
        found = client.get(reverse("outcomes:link", args=[token]))
        assert (found.status_code, found.content) == (404, missing.content), token
    for url in (  # pages of a link this session never opened
        reverse("outcomes:link_start", args=["no-link-opened"]),
        reverse("outcomes:link_question", args=["no-link-opened", 1]),
        reverse("outcomes:link_check", args=["no-link-opened"]),
    ):
        found = client.get(url)
        assert found.status_code == 404 and "This page has timed out" in texts(found), url
        assert "open the link again from the message or email" in texts(found)
    handle = open_link(client, somebody_elses)
    client.force_login(member("clinician"))  # signed in as somebody else, in the browser that opened the link
    elsewhere = client.get("/outcomes/no-such-page/")
    found = client.get(reverse("outcomes:link", args=[somebody_elses]))
    assert (found.status_code, found.content) == (404, elsewhere.content)
    found = client.get(reverse("outcomes:link_start", args=[handle]))
    assert (found.status_code, found.content) == (404, elsewhere.content)
    assert client.post(reverse("outcomes:link_question", args=[handle, 1]), {"answer": "1"}).status_code == 404
    assert not Draft.objects.exists()


# --- the trend page ------------------------------------------------------------------------------------------------


def _responses(person, n):
    instrument = queries.instrument("phq-9")
    start = timezone.now() - timedelta(days=30 * n)
    for i in range(n):
        values = {link_id: max(0, 3 - i // 3) for link_id in PHQ9}
        response, _ = actions.save_response(person, instrument, values, how=How.WITH_STAFF)
        Response.objects.filter(pk=response.pk).update(completed_at=start + timedelta(days=30 * i))
    ons4 = queries.instrument("ons4")
    answers = {"ons4-satisfied": 4, "ons4-worthwhile": 5, "ons4-happy": 6, "ons4-anxious": 7}
    for i in range(n):
        response, _ = actions.save_response(person, ons4, answers, how=How.OWN_LOGIN)
        Response.objects.filter(pk=response.pk).update(completed_at=start + timedelta(days=30 * i))


@pytest.mark.parametrize("count", [1, 30])
def test_the_trend_page_reads_in_a_constant_number_of_queries(client, devon, sam, count, django_assert_max_num_queries):
    _responses(devon, count)
    client.force_login(sam)
    client.get(reverse("outcomes:trend", args=[devon.pk]))  # warm the instruments and the session
    # 12: the page's own reads and the header's, one of them whether to show "MDT meetings" (issue 16)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("outcomes:trend", args=[devon.pk]))
    assert page.status_code == 200
    assert "PHQ-9 scores" in texts(page)


def test_the_trend_page_tells_the_change_in_one_sentence(client, devon):
    _responses(devon, 12)
    client.force_login(devon.user)
    with CaptureQueriesContext(connection):
        page = texts(client.get(reverse("outcomes:trend", args=[devon.pk])))
    assert "Reliably improved since" in page
    assert "Overall, how satisfied are you with your life nowadays?" in page  # a chart for each ONS4 question


def test_the_message_names_only_the_person_and_a_link_used_without_an_account_is_audited_as_theirs(client, member):
    person = PersonFactory(given_name="Ali", family_name="Khan", phone="07700 900456")  # no account of their own
    sam = member("clinician")
    make_named_worker(person, sam)
    client.force_login(sam)
    token = send_link(client, person)
    body = Message.objects.get().personalisation["body"]
    assert "Hello Ali." in body and "Khan" not in body and "PHQ" not in body and "7 days" not in body
    client.logout()
    handle = open_link(client, token)
    for n in range(1, 10):
        client.post(reverse("outcomes:link_question", args=[handle, n]), {"answer": "0"})
    client.post(reverse("outcomes:link_check", args=[handle]), {"form_key": str(Draft.objects.get().form_key)})
    used = AuditEvent.objects.get(action="outcome_recorded", person_id=person.pk)
    assert (used.actor, used.basis, used.detail["via"]) == (None, "self", "link")
    assert AuditEvent.objects.filter(action="outcome_started", person_id=person.pk, basis="self").exists()


def test_a_number_kept_back_by_a_sharing_choice_is_not_shown_nor_used(client, devon, sam):
    from alongside.consent.models import ConsentProvision
    from alongside.partners.models import Membership

    organisation = Membership.objects.get(user=sam).team.organisation
    ConsentProvision.objects.create(
        person=devon, permit=False, actor_kind="organisation", organisation=organisation, categories=["contact"]
    )
    client.force_login(sam)
    page = client.get(reverse("outcomes:send", args=[devon.pk]))
    assert "We do not have a mobile number or an email address for Devon" in texts(page)
    assert "07700" not in page.content.decode()
    sent = client.post(
        reverse("outcomes:send", args=[devon.pk]),
        {"form_key": str(uuid.uuid4()), "instrument": "phq-9", "channel": "text", "confirm": "yes"},
    )
    assert sent.status_code == 200 and not CompletionLink.objects.exists()
