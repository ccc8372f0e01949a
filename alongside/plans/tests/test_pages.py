"""The plan's pages as people use them: staff write it with the person (the form, check your answers, saved once),
the person and their proxy write their own parts from their own login, every part says whose words it is, and
earlier versions stay readable."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.people.models import StoryVersion
from alongside.people.tests.factories import PersonFactory, give_part, make_named_worker, write_story
from alongside.plans.answers import PlanAnswers
from alongside.plans.models import PlanVersion
from alongside.plans.tests.factories import write_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def devon(db):
    person = PersonFactory(user=UserFactory(first_name="Devon"), given_name="Devon", family_name="Hart")
    write_story(person, person.user, "My dog Bramble and the sea", part=StoryVersion.Part.WHAT_MATTERS)
    write_story(person, person.user, "I can fix bikes", part=StoryVersion.Part.STRENGTHS)
    return person


@pytest.fixture
def sam(member, devon):
    user = member("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, user)
    return user


def answers(**more) -> dict:
    return {
        "form_key": str(uuid.uuid4()),
        "based_on": "0",
        "strengths": "I can fix bikes and I am patient",
        "goal_1_text": "I want to get back to the bike workshop",
        "goal_1_steps": "Ring the workshop; go once for an hour",
        "goal_1_who": "Sam, and my brother",
        "goal_1_when": "By the spring",
        "wants_from_services": "Someone who knows me, not a new face each time",
        "review_day": "1",
        "review_month": "3",
        "review_year": "2027",
        "whose": "person",
        **more,
    }


def test_staff_write_the_plan_with_the_person_checking_their_answers_first(client, devon, sam):
    client.force_login(sam)
    url = reverse("plans:edit", args=[devon.pk])
    form = client.get(url)
    page = texts(form)
    assert "My dog Bramble and the sea" in page  # what matters is shown from the story, not asked again
    assert "I can fix bikes" in form.content.decode()  # a first plan starts from the strengths they told
    assert "checked" not in form.content.decode().split('name="whose"')[1].split(">")[0]  # nothing pre-ticked
    posted = answers()
    check = client.post(url, posted)
    assert "Check your answers before saving the plan" in texts(check)
    assert "By when: By the spring" in texts(check)
    assert PlanVersion.objects.count() == 0
    saved = client.post(url, posted | {"confirm": "yes"})
    assert saved.status_code == 302
    plan = client.get(reverse("plans:plan", args=[devon.pk]))
    page = texts(plan)
    assert "I want to get back to the bike workshop" in page
    assert "In Devon's own words" in page
    assert "Version 1" in page and "Sam Okoro" in page


def test_pressing_save_twice_makes_one_version(client, devon, sam):
    client.force_login(sam)
    url = reverse("plans:edit", args=[devon.pk])
    posted = answers(confirm="yes")
    first, again = client.post(url, posted), client.post(url, posted)
    assert first.status_code == again.status_code == 302
    assert PlanVersion.objects.filter(person=devon).count() == 1


def test_bad_answers_say_what_is_wrong_and_keep_what_was_typed(client, devon, sam):
    client.force_login(sam)
    url = reverse("plans:edit", args=[devon.pk])
    response = client.post(url, answers(review_day="31", review_month="2", goal_2_steps="Walk", whose=""))
    page = texts(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert "The review date must be a real date" in page
    assert "Write goal 2, or clear its steps" in page
    assert "Select whose words these are" in page
    assert "I want to get back to the bike workshop" in page


@pytest.mark.parametrize("hidden", [{"based_on": "-1"}, {"based_on": "x"}, {"form_key": "not a key"}])
def test_a_tampered_form_is_explained_not_a_server_error(client, devon, sam, hidden):
    client.force_login(sam)
    response = client.post(reverse("plans:edit", args=[devon.pk]), answers(confirm="yes") | hidden)
    assert response.status_code == 200
    assert "This page could not be read" in texts(response)
    assert PlanVersion.objects.count() == 0


def test_a_stale_save_shows_the_newer_version_and_keeps_the_words(client, devon, sam):
    write_plan(devon, devon.user)
    client.force_login(sam)
    response = client.post(reverse("plans:edit", args=[devon.pk]), answers(confirm="yes"))
    assert "Someone else saved a new version while you were writing" in texts(response)
    assert "I want to get back to the bike workshop" in texts(response)
    assert PlanVersion.objects.filter(person=devon).count() == 1


def test_the_person_writes_their_own_parts_and_is_spoken_to_as_you(client, devon, sam):
    write_plan(devon, sam, PlanAnswers(strengths="Patient"), staff_words="staff")
    client.force_login(devon.user)
    url = reverse("plans:edit", args=[devon.pk])
    page = texts(client.get(url))
    assert "Update your plan" in page and "What you are good at" in page
    assert "Whose words" not in page and "review" not in page.lower().split("what matters")[0]
    response = client.post(url, answers(based_on="1", confirm="yes", whose="", review_year="2030"))
    assert response.status_code == 302
    latest = PlanVersion.objects.get(person=devon, number=2)
    assert latest.written_as == "person" and latest.strengths_words == "person"
    assert latest.review_on is None  # the review date is staff's to set
    plan = texts(client.get(reverse("plans:plan", args=[devon.pk])))
    assert "Your care and support plan" in plan and "In your own words" in plan
    assert "Written by staff" not in plan.split("Every version")[0]


def test_a_proxy_writes_the_persons_parts_as_their_proxy(client, devon, sam):
    helper = UserFactory(first_name="Jo", last_name="Hart")
    give_part(devon, "proxy", by=devon.user, user=helper)
    client.force_login(helper)
    response = client.post(reverse("plans:edit", args=[devon.pk]), answers(confirm="yes"))
    assert response.status_code == 302
    client.force_login(sam)
    assert "Written by Devon's proxy" in texts(client.get(reverse("plans:plan", args=[devon.pk])))


def test_earlier_versions_stay_readable(client, devon, sam):
    write_plan(devon, sam, PlanAnswers(strengths="First words"))
    write_plan(devon, sam, PlanAnswers(strengths="Second words", reason="Reviewed together"))
    client.force_login(sam)
    plan = texts(client.get(reverse("plans:plan", args=[devon.pk])))
    assert "Second words" in plan and "Why: Reviewed together" in plan
    first = texts(client.get(reverse("plans:version", args=[devon.pk, 1])))
    assert "First words" in first and "Second words" not in first
    assert client.get(reverse("plans:version", args=[devon.pk, 9])).status_code == 404


def test_the_person_page_shows_the_plan_and_whose_words_they_are(client, devon, sam):
    write_plan(devon, sam)
    client.force_login(devon.user)
    page = texts(client.get(reverse("people:person", args=[devon.pk])))
    assert "Your care and support plan" in page
    assert "I want to walk to the allotment again (in your own words)" in page


def test_the_plan_page_reads_in_a_constant_number_of_queries(client, devon, sam):
    client.force_login(sam)
    url = reverse("plans:plan", args=[devon.pk])
    write_plan(devon, sam)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        write_plan(devon, sam)
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six) == len(one)


def test_a_review_date_that_has_passed_says_the_review_is_overdue(client, devon, sam):
    from datetime import date, timedelta

    from alongside.plans.answers import STAFF

    past = write_plan(devon, sam, PlanAnswers(strengths="Good cook", review_on=date(2020, 1, 1)), staff_words=STAFF)
    client.force_login(sam)
    assert "Review overdue" in texts(client.get(reverse("plans:plan", args=[devon.pk])))
    soon = date.today() + timedelta(days=30)
    write_plan(devon, sam, PlanAnswers(strengths="Good cook", review_on=soon), staff_words=STAFF)
    assert past.review_overdue and "Review overdue" not in texts(client.get(reverse("plans:plan", args=[devon.pk])))
