"""Recording a review on the virtual ward and reading an episode's reviews: the form with its specific messages,
the check page with each reading's score and the escalation prompt, saving once, and the reviews page with the
trend chart in a fixed number of queries, for the ward's team and, in plain words, for the person."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory, enrol_totp
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, make_named_worker
from alongside.virtual_ward.models import Review

from .factories import EpisodeFactory, ReviewFactory, nurse

pytestmark = pytest.mark.django_db

NORMAL = {
    "respiration_rate": "16",
    "spo2": "97",
    "on_oxygen": "air",
    "systolic_bp": "128",
    "pulse": "72",
    "consciousness": "alert",
    "temperature": "36.8",
    "note": "Chest sounds clearer",
}
SEVEN = {**NORMAL, "respiration_rate": "25", "pulse": "115", "on_oxygen": "oxygen"}  # 3 + 2 + 2 = 7


@pytest.fixture
def episode():
    found = EpisodeFactory()
    found.ward.team.phone = "0161 496 0000"
    found.ward.team.save()
    return found


@pytest.fixture
def sam(client, episode):
    user = nurse(episode.ward)
    enrol_totp(user)
    client.force_login(user)
    return user


def new_url(episode) -> str:
    return f"/virtual-ward/episodes/{episode.pk}/reviews/new/"


def list_url(episode) -> str:
    return f"/virtual-ward/episodes/{episode.pk}/reviews/"


def form_key(client, episode) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(new_url(episode)).content.decode()).group(1)


def test_the_form_asks_in_plain_words_with_nothing_ticked(client, sam, episode):
    page = client.get(new_url(episode)).content.decode()
    assert "<title>Record a review of" in page and "<h1" in page
    assert "Their oxygen target is 88 to 92% (scale 2, set by a clinician)" in page
    assert "checked" not in page
    assert "Breathing rate (breaths a minute)" in page


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("respiration_rate", "2", "Enter a breathing rate between 3 and 70 breaths a minute"),
        ("respiration_rate", "fast", "Enter the breathing rate as a whole number of breaths a minute, like 16"),
        ("spo2", "101", "Enter an oxygen saturation between 50 and 100%"),
        ("systolic_bp", "301", "Enter a systolic blood pressure between 40 and 300 mmHg"),
        ("pulse", "19", "Enter a pulse between 20 and 250 beats a minute"),
        ("temperature", "46.0", "Enter a temperature between 25.0 and 45.0°C"),
        ("temperature", "37.25", "Enter the temperature in °C with at most one decimal place, like 37.2"),
    ],
)
def test_a_reading_out_of_range_is_refused_with_a_specific_message_keeping_what_was_typed(
    client, sam, episode, field, typed, message
):
    page = client.post(new_url(episode), {**NORMAL, field: typed, "form_key": form_key(client, episode)})
    text = page.content.decode()
    assert page.status_code == 200
    assert message in text and "There is a problem" in text
    assert f'value="{typed}"' in text
    assert not Review.objects.exists()


def test_a_normal_review_is_checked_then_saved_once(client, sam, episode):
    key = form_key(client, episode)
    check = client.post(new_url(episode), {**NORMAL, "form_key": key}).content.decode()
    assert "Check the review of" in check and 'id="news2-total">0<' in check
    assert "Low: carry on with the usual checks" in check and 'id="escalation"' not in check
    data = {**NORMAL, "form_key": key, "confirm": "1"}
    first = client.post(new_url(episode), data)
    again = client.post(new_url(episode), data)
    assert first.status_code == again.status_code == 302 and first.url == again.url == list_url(episode)
    review = Review.objects.get()
    assert (review.news2, review.news2_at_least, review.response, review.by) == (0, 0, "low", sam)
    assert AuditEvent.objects.filter(action="ward_review_recorded", person_id=episode.person_id).count() == 1


def test_seven_prompts_an_emergency_and_needs_what_was_done(client, sam, episode):
    key = form_key(client, episode)
    check = client.post(new_url(episode), {**SEVEN, "form_key": key}).content.decode()
    assert "Emergency response now" in check and 'href="tel:999"' in check
    assert 'href="tel:+44-161-496-0000"' in check
    assert 'id="news2-total">7<' in check
    refused = client.post(new_url(episode), {**SEVEN, "form_key": key, "confirm": "1"}).content.decode()
    assert "Say what you did about this score" in refused and not Review.objects.exists()
    done = {**SEVEN, "form_key": key, "confirm": "1", "escalation": "Called 999 at 14:10; ambulance on its way"}
    assert client.post(new_url(episode), done).status_code == 302
    review = Review.objects.get()
    assert (review.news2, review.response, review.escalation[:10]) == (7, "high", "Called 999")


def test_a_single_three_prompts_an_urgent_review(client, sam, episode):
    key = form_key(client, episode)
    check = client.post(new_url(episode), {**NORMAL, "consciousness": "new_confusion", "form_key": key})
    text = check.content.decode()
    assert "Urgent review needed" in text and "Low to medium" in text


def test_a_missing_reading_is_incomplete_never_normal(client, sam, episode):
    key = form_key(client, episode)
    data = {**NORMAL, "pulse": "", "temperature": "", "form_key": key}
    check = client.post(new_url(episode), data).content.decode()
    assert "Incomplete: at least 0; pulse and temperature were not taken" in check
    assert "Low: carry on" not in check
    client.post(new_url(episode), {**data, "confirm": "1"})
    review = Review.objects.get()
    assert (review.news2, review.news2_at_least, review.response) == (None, 0, "")


def test_an_ended_episode_takes_no_review(client, sam, episode):
    episode.ended_at, episode.outcome, episode.ended_by = timezone.now(), "home", sam
    episode.save()
    assert client.get(new_url(episode)).status_code == 404
    assert client.get(list_url(episode)).status_code == 200


def test_someone_off_the_ward_gets_page_not_found(client, episode, member):
    client.force_login(member("clinician"))
    assert client.get(new_url(episode)).status_code == 404
    assert client.get(list_url(episode)).status_code == 404


def test_the_reviews_page_shows_newest_first_with_the_trend(client, sam, episode):
    now = timezone.now()
    ReviewFactory(episode=episode, at=now - timedelta(hours=8))
    ReviewFactory(episode=episode, at=now - timedelta(hours=2), pulse=None)
    page = client.get(list_url(episode)).content.decode()
    assert "<title>Reviews of" in page
    assert page.index("At least 0") < page.index("Alertness") or "at least" in page.lower()
    assert "app-trend__incomplete" in page and "app-trend__point" in page
    assert "The chart as a table" in page
    assert "No review in the last 24 hours" not in page


def test_no_review_for_a_day_is_warned(client, sam, episode):
    ReviewFactory(episode=episode, at=timezone.now() - timedelta(hours=25))
    assert "No review in the last 24 hours" in client.get(list_url(episode)).content.decode()


def test_the_reviews_page_takes_the_same_queries_however_many_reviews(client, sam, episode):
    ReviewFactory(episode=episode)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url(episode)).status_code == 200
        return len(queries)

    one = count()
    for hours in range(2, 8):
        ReviewFactory(episode=episode, at=timezone.now() - timedelta(hours=hours), by=UserFactory())
    assert count() == one


def test_the_person_reads_their_reviews_in_plain_words(client, episode):
    user = UserFactory()
    episode.person.user = user
    episode.person.save()
    client.force_login(user)
    ReviewFactory(episode=episode, respiration_rate=25)
    response = client.get(list_url(episode))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your checks on the virtual ward" in page and "Breathing rate" in page and "ACVPU" not in page
    assert "NEWS2" not in page and "ACVPU" not in page
    assert "Record a review" not in page
    assert client.get(new_url(episode)).status_code == 404  # not on the ward team: the missing page, audited
    assert AuditEvent.objects.filter(action="ward_reviews_viewed", basis="self").exists()


def test_someone_else_supported_gets_page_not_found(client, episode):
    user = UserFactory()
    PersonFactory(user=user)
    client.force_login(user)
    assert client.get(list_url(episode)).status_code == 404


def test_their_named_worker_reads_the_reviews_but_records_none(client, episode, member):
    worker = member("clinician")
    make_named_worker(episode.person, worker)
    client.force_login(worker)
    ReviewFactory(episode=episode)
    page = client.get(list_url(episode)).content.decode()
    assert "Reviews of" in page and "Record a review" not in page
    assert client.get(new_url(episode)).status_code == 404


def test_a_proxy_reads_in_plain_words(client, episode):
    proxy = UserFactory()
    RelationshipFactory(person=episode.person, user=proxy, kind="proxy")
    client.force_login(proxy)
    ReviewFactory(episode=episode, pulse=None)
    page = client.get(list_url(episode)).content.decode()
    assert "heart rate not checked" in page and "checks on the virtual ward" in page and "NEWS2" not in page
