"""Referring a person to a community service, end to end through the pages: the referrer on the person's page,
the service through its one-time link, the answer back on the timeline and to the referrer."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core.models import Alert, AuditEvent, Message
from alongside.directory import actions_referring
from alongside.directory.referring_models import CommunityReferral
from alongside.people.models import Entry
from alongside.people.tests.factories import PersonFactory, make_named_worker

from .finding_factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(signed_in):
    clinician = signed_in("clinician")
    person = PersonFactory(given_name="Ada", family_name="Lovelace", phone="07700 900123", postcode="NV1 1AA")
    make_named_worker(person, clinician)
    service = make_service("Northvale Befriending", "Weekly visits for people who feel lonely")
    return clinician, person, service


def _send(client, person, service, **extra):
    data = {
        "what_would_help": "Company on Tuesday afternoons",
        "shared": ["name"],
        "agreed": "on",
        "form_key": str(uuid.uuid4()),
        "confirm": "1",
    } | extra
    return client.post(f"/directory/refer/{person.pk}/{service.pk}/", data)


def _link(message: Message) -> str:
    return re.search(r"(/directory/answer/[^/\s]+/)", message.personalisation["body"]).group(1)


def test_the_person_page_offers_a_referral_and_the_search_lists_services_that_take_them(client, world):
    _, person, service = world
    make_service("No Email Club", "lonely", referral_email="")
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Refer to a community service" in page
    chooser = client.get(f"/directory/refer/{person.pk}/").content.decode()
    assert "Northvale Befriending" in chooser
    assert "No Email Club" not in chooser


def test_nothing_is_sent_without_the_agreement_and_what_was_typed_is_kept(client, world):
    _, person, service = world
    answer = client.post(
        f"/directory/refer/{person.pk}/{service.pk}/",
        {"what_would_help": "Company", "form_key": str(uuid.uuid4())},
    )
    page = answer.content.decode()
    assert "Record that they agree to the referral" in page
    assert "Company" in page
    assert not CommunityReferral.objects.exists()


def test_the_check_page_comes_before_sending(client, world):
    _, person, service = world
    answer = _send(client, person, service, confirm="")
    assert "Check your answers before you send the referral" in answer.content.decode()
    assert not CommunityReferral.objects.exists()


def test_sending_emails_the_service_a_link_showing_only_what_was_agreed(client, world):
    clinician, person, service = world
    key = str(uuid.uuid4())
    assert _send(client, person, service, form_key=key).status_code == 302
    assert _send(client, person, service, form_key=key).status_code == 302  # a retry sends once
    referral = CommunityReferral.objects.get()
    assert referral.token_hash and len(referral.token_hash) == 64
    message = Message.objects.get(reference=f"community-referral-{referral.pk}-sent")
    assert message.to == "referrals@example.org"
    assert Entry.objects.filter(person=person, kind="community_referral").count() == 1
    client.logout()
    page = client.get(_link(message)).content.decode()
    assert "Company on Tuesday afternoons" in page
    assert "Ada Lovelace" in page
    assert "07700 900123" not in page  # contact was not agreed
    assert "NV1 1AA" not in page
    shown = AuditEvent.objects.get(action="community_referral_shown_to_service")
    assert shown.person_id == person.pk and shown.basis == "receiving service"
    assert AuditEvent.objects.filter(action="community_referral_sent", person_id=person.pk, actor=clinician).exists()


def test_the_service_answers_and_the_referrer_sees_it_on_the_timeline(client, world):
    clinician, person, service = world
    _send(client, person, service)
    link = _link(Message.objects.get())
    client.logout()
    assert "Thank you" in client.post(link, {"answer": "accepted"}).content.decode()
    answered = client.post(link, {"answer": "outcome", "outcome": "Ada joined the Tuesday group"})
    assert answered.status_code == 200
    referral = CommunityReferral.objects.get()
    assert referral.status == "outcome" and referral.answered_at
    told = list(Alert.objects.filter(recipient=clinician).values_list("text", flat=True))
    assert (
        f"A referral you made: {service.name} gave the outcome. Open it to see who it is for and what they said."
        in told
    )
    assert not any("Ada" in text for text in told)  # an alert names no one and carries none of the service's words
    again = client.post(link, {"answer": "outcome", "outcome": "Ada joined the Tuesday group"})
    assert "Thank you" in again.content.decode()  # a retry is thanked, and changes nothing
    assert Entry.objects.filter(person=person, kind="community_referral").count() == 3
    client.force_login(clinician)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Ada joined the Tuesday group" in page
    client.logout()
    assert client.get(link).status_code == 404  # used up


def test_the_outcome_needs_words(client, world):
    _, person, service = world
    _send(client, person, service)
    link = _link(Message.objects.get())
    client.logout()
    page = client.post(link, {"answer": "outcome", "outcome": " "}).content.decode()
    assert "Say what happened" in page
    assert CommunityReferral.objects.get().status == "sent"


def test_unknown_and_expired_links_answer_the_same(client, world):
    _, person, service = world
    _send(client, person, service)
    link = _link(Message.objects.get())
    CommunityReferral.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    expired = client.get(link)
    unknown = client.get("/directory/answer/not-a-real-token-at-all-xxxxxxxxxxxxxxxxxxxx/")
    assert expired.status_code == unknown.status_code == 404
    assert expired.content == unknown.content
    assert client.post(link, {"answer": "accepted"}).content == unknown.content
    assert CommunityReferral.objects.get().status == "sent"


def test_answers_are_rate_limited_by_address(client, settings):
    settings.ALONGSIDE_REFERRING_RATE = (2, 60)
    assert client.get("/directory/answer/x/").status_code == 404
    assert client.get("/directory/answer/y/").status_code == 404
    assert client.get("/directory/answer/z/").status_code == 429


def test_volunteers_cannot_refer(client, member, world):
    _, person, service = world
    client.force_login(member("volunteer"))
    assert client.get(f"/directory/refer/{person.pk}/").status_code == 404
    assert _send(client, person, service).status_code == 404
    assert not CommunityReferral.objects.exists()


def test_staff_with_no_part_in_their_care_cannot_refer(client, member, world):
    _, person, service = world
    client.force_login(member("clinician"))
    assert client.get(f"/directory/refer/{person.pk}/").status_code == 404
    assert _send(client, person, service).status_code == 404


def test_no_answer_in_five_working_days_reminds_once(client, world):
    clinician, person, service = world
    _send(client, person, service)
    referral = CommunityReferral.objects.get()
    sent = referral.sent_at
    assert actions_referring.remind_unanswered(sent + timedelta(days=2)) == 0
    later = sent + timedelta(days=8)
    assert actions_referring.remind_unanswered(later) == 1
    assert actions_referring.remind_unanswered(later) == 0
    reminder = Message.objects.get(reference=f"community-referral-{referral.pk}-reminder")
    assert _link(reminder) == _link(Message.objects.get(reference=f"community-referral-{referral.pk}-sent"))
    assert Alert.objects.filter(recipient=clinician, text__startswith="No answer yet").count() == 1


def test_the_list_of_services_takes_the_same_queries_however_many_there_are(client, world):
    _, person, _ = world
    client.get(f"/directory/refer/{person.pk}/?words=befriending")  # warm up: sessions, roles
    with CaptureQueriesContext(connection) as few:
        client.get(f"/directory/refer/{person.pk}/?words=befriending")
    for n in range(8):
        make_service(f"Befriending {n}", "Weekly visits")
    with CaptureQueriesContext(connection) as more:
        page = client.get(f"/directory/refer/{person.pk}/?words=befriending").content.decode()
    assert "Befriending 7" in page
    assert len(more.captured_queries) == len(few.captured_queries)


def test_a_link_answers_only_its_own_referral(client, world):
    _, person, service = world
    other = make_service("Northvale Debt Advice", "Help with money")
    _send(client, person, service)
    _send(client, person, other)
    by_service = {r.service_id: r for r in CommunityReferral.objects.all()}
    link = _link(Message.objects.get(reference=f"community-referral-{by_service[service.pk].pk}-sent"))
    client.logout()
    client.post(link, {"answer": "not_able", "reason": "We are full until March"})
    assert CommunityReferral.objects.get(service=service).status == "not_able"
    assert CommunityReferral.objects.get(service=other).status == "sent"


def test_the_reminders_are_scheduled_once(db_tasks):
    from django_tasks_db.models import DBTaskResult

    from alongside.directory.referring_tasks import schedule_referral_reminders

    now = timezone.now()
    assert schedule_referral_reminders(now) is not None
    assert schedule_referral_reminders(now) is None
    assert DBTaskResult.objects.filter(task_path__endswith="remind_unanswered").count() == 1


def test_the_referrer_sends_a_new_link_and_the_one_before_stops_working(client, world):
    clinician, person, service = world
    _send(client, person, service)
    referral = CommunityReferral.objects.get()
    first = _link(Message.objects.get())
    CommunityReferral.objects.filter(pk=referral.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    page = client.get(f"/directory/referrals/{referral.pk}/").content.decode()
    assert "Referral to Northvale Befriending" in page and "The service's link stopped working on" in page
    version = CommunityReferral.objects.get().version
    sent = client.post(f"/directory/referrals/{referral.pk}/", {"version": version})
    assert sent.status_code == 302
    again = client.post(f"/directory/referrals/{referral.pk}/", {"version": version})  # a double click
    assert "This referral changed while you were looking at it" in again.content.decode()
    newer = Message.objects.filter(reference__contains="-link-")
    assert newer.count() == 1 and "The link we sent before no longer works" in newer.get().personalisation["body"]
    second = _link(newer.get())
    assert second != first
    client.logout()
    assert client.get(first).status_code == 404
    assert "A referral to Northvale Befriending" in client.get(second).content.decode()
    assert AuditEvent.objects.filter(action="community_referral_new_link", person_id=person.pk).count() == 1


def test_a_referral_with_its_final_answer_needs_no_new_link(client, world):
    _, person, service = world
    _send(client, person, service)
    referral = CommunityReferral.objects.get()
    CommunityReferral.objects.filter(pk=referral.pk).update(status="not_able", reason="Full until spring")
    page = client.get(f"/directory/referrals/{referral.pk}/").content.decode()
    assert "Full until spring" in page and "Send a new link" not in page
    refused = client.post(f"/directory/referrals/{referral.pk}/", {"version": referral.version})
    assert "has its final answer" in refused.content.decode()
    assert not Message.objects.filter(reference__contains="-link-").exists()


def test_a_referral_answers_as_missing_to_staff_outside_the_persons_care(client, world, signed_in):
    _, person, service = world
    _send(client, person, service)
    referral = CommunityReferral.objects.get()
    signed_in("clinician")
    assert client.get(f"/directory/referrals/{referral.pk}/").status_code == 404
    assert client.get("/directory/referrals/999999/").status_code == 404
    assert AuditEvent.objects.filter(action="denied:community_referral_opened").count() == 2


def test_the_referrers_home_lists_their_referrals_waiting_first_in_constant_queries(client, world):
    clinician, person, service = world
    _send(client, person, service)
    CommunityReferral.objects.update(status="outcome", outcome="Joined")
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    for _ in range(3):
        _send(client, person, service)
    with CaptureQueriesContext(connection) as four:
        home = client.get("/").content.decode()
    assert len(four) == len(one)
    assert "Your referrals to community services" in home
    listed = home[home.index("community-referrals-made") :]
    assert listed.index("Sent, waiting for an answer") < listed.index("Outcome given")
    assert AuditEvent.objects.filter(action="community_referrals_listed", basis="referrer").count() == 1 + 4


def test_no_new_link_goes_to_a_service_that_stopped_taking_referrals_by_email(client, world):
    _, person, service = world
    _send(client, person, service)
    referral = CommunityReferral.objects.get()
    type(service).objects.filter(pk=service.pk).update(referral_email="")
    refused = client.post(f"/directory/referrals/{referral.pk}/", {"version": referral.version})
    assert "no longer takes referrals by email" in refused.content.decode()
    assert "Send a new link" not in client.get(f"/directory/referrals/{referral.pk}/").content.decode()
    assert not Message.objects.filter(reference__contains="-link-").exists()
