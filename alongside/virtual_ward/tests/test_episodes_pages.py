"""The episodes part's pages through the client: refer (check your answers, a double press makes one referral),
the referrals waiting (time left, overdue, waiting for a bed; a fixed number of queries), decide (specific errors,
a stale page keeps what was typed), admit, the episode page, plan, extend, end, and the person page's section."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.core.tests.factories import enrol_totp
from alongside.core.tests.requests import acting_as
from alongside.people.tests.factories import PersonFactory
from alongside.virtual_ward import actions_episodes as actions
from alongside.virtual_ward.models import Episode, PlannedContact, Referral

from .factories import ReferralFactory
from .factories_episodes import accepted, referred, ward_world

pytestmark = pytest.mark.django_db


def login(client, user):
    enrol_totp(user)
    client.force_login(user)


def key() -> str:
    return str(uuid.uuid4())


def test_refer_checks_then_sends_once(client):
    w = ward_world()
    login(client, w.gp)
    url = reverse("virtual_ward:refer", args=[w.person.pk])
    page = client.get(url).content.decode()
    assert "<title>Refer to the virtual ward" in page and " checked" not in page
    typed = {
        "form_key": key(),
        "ward": str(w.ward.pk),
        "source": "gp",
        "direction": "step_up",
        "reason": "Breathless, wants to stay home",
    }
    check = client.post(url, typed).content.decode()
    assert "Check the referral before you send it" in check and "Breathless, wants to stay home" in check
    first = client.post(url, {**typed, "confirm": "1"})
    second = client.post(url, {**typed, "confirm": "1"})
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Referral.objects.filter(person=w.person).count() == 1


def test_refer_says_what_is_missing_and_keeps_what_was_typed(client):
    w = ward_world()
    login(client, w.gp)
    url = reverse("virtual_ward:refer", args=[w.person.pk])
    page = client.post(url, {"form_key": key(), "ward": str(w.ward.pk), "reason": "Kept words"}).content.decode()
    assert "Choose where the referral comes from" in page and "Choose step-up or step-down" in page
    assert "Kept words" in page


def test_someone_who_may_not_refer_gets_page_not_found(client):
    w = ward_world()
    login(client, w.nurse)  # on the ward's team, but no relationship with the person yet
    assert client.get(reverse("virtual_ward:refer", args=[w.person.pk])).status_code == 404


def test_the_referrals_waiting_oldest_first_with_time_left_in_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    w = ward_world()
    login(client, w.nurse)
    url = reverse("virtual_ward:referrals")
    now = timezone.now()
    ReferralFactory(ward=w.ward, referred_at=now - timedelta(hours=2, minutes=12, seconds=5))
    ReferralFactory(ward=w.ward, referred_at=now - timedelta(minutes=84, seconds=30))
    client.get(url)  # the session and the like, once
    with CaptureQueriesContext(connection) as two:
        page = client.get(url).content.decode()
    assert "Overdue by 12 minutes" in page and "35 minutes left" in page
    assert page.index("Overdue by") < page.index("35 minutes left")
    for _ in range(4):
        ReferralFactory(ward=w.ward)
    with django_assert_num_queries(len(two)):
        client.get(url)


def test_accept_then_admit_then_the_episode(client):
    w = ward_world()
    referral = referred(w, by=w.gp)
    login(client, w.nurse)
    url = reverse("virtual_ward:referral", args=[referral.pk])
    typed = {"form_key": key(), "version": "1", "decision": "declined"}
    page = client.post(url, typed).content.decode()
    assert "Write why the ward cannot take them on" in page
    typed |= {"decision": "accepted", "reason": "Safe at home"}
    assert "Check your decision" in client.post(url, typed).content.decode()
    done = client.post(url, {**typed, "confirm": "1"})
    assert done.url == reverse("virtual_ward:admit", args=[referral.pk])
    admit = client.get(done.url).content.decode()
    assert "Admit to bed 1" in admit
    client.post(done.url, {"form_key": key(), "bed": "1"})
    episode = Episode.objects.get(referral=referral)
    page = client.get(reverse("virtual_ward:episode", args=[episode.pk])).content.decode()
    assert "Hour 1 of 72" in page and "<progress" in page


def test_a_stale_decision_warns_and_keeps_what_was_typed(client):
    w = ward_world()
    referral = referred(w, by=w.gp)
    Referral.objects.filter(pk=referral.pk).update(version=2)
    login(client, w.nurse)
    url = reverse("virtual_ward:referral", args=[referral.pk])
    typed = {"form_key": key(), "version": "1", "decision": "accepted", "reason": "Typed words", "confirm": "1"}
    page = client.post(url, typed).content.decode()
    assert "This referral changed" in page and "Typed words" in page


def test_no_bed_free_they_wait_and_the_list_says_so(client):
    w = ward_world(beds=1)
    actions.admit(acting_as(w.nurse), accepted(w).pk)
    waiting = accepted(w, PersonFactory())
    login(client, w.nurse)
    assert "No bed free: they wait" in client.get(reverse("virtual_ward:admit", args=[waiting.pk])).content.decode()
    assert "Accepted, waiting for a bed" in client.get(reverse("virtual_ward:referrals")).content.decode()


def test_plan_extend_and_end_at_home(client):
    w = ward_world()
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    login(client, w.nurse)
    at = timezone.localtime(episode.admitted_at + timedelta(hours=3))
    plan = reverse("virtual_ward:plan_add", args=[episode.pk])
    page = client.post(plan, {"form_key": key(), "kind": "visit", "minutes": "500"}).content.decode()
    assert "Enter a date" in page and "Enter a number of minutes from 5 to 240" in page
    client.post(
        plan,
        {"form_key": key(), "kind": "visit", "day": at.date(), "time": at.strftime("%H:%M"), "minutes": "30"},
    )
    assert PlannedContact.objects.filter(episode=episode).count() == 1
    extend = reverse("virtual_ward:extend", args=[episode.pk])
    late = timezone.localtime(episode.admitted_at + timedelta(days=9))
    page = client.post(
        extend, {"form_key": key(), "version": "1", "day": late.date(), "time": "10:00", "reason": ""}
    ).content.decode()
    assert "Write why they need longer" in page and "no more than 7 days" in page
    end = reverse("virtual_ward:end", args=[episode.pk])
    page = client.get(end).content.decode()
    assert " checked" not in page
    page = client.post(end, {"form_key": key(), "version": "1", "outcome": "other"}).content.decode()
    assert "Write what happened" in page
    typed = {"form_key": key(), "version": "1", "outcome": "home"}
    assert "Check before you end their stay" in client.post(end, typed).content.decode()
    client.post(end, {**typed, "confirm": "1"})
    assert client.post(end, {**typed, "confirm": "1"}).status_code == 302
    episode.refresh_from_db()
    assert episode.outcome == "home"


def test_the_person_sees_their_stay_with_nurses_first_names(client):
    w = ward_world()
    from alongside.core.tests.factories import UserFactory

    own = UserFactory()
    w.person.user = own
    w.person.save()
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    w.nurse.first_name, w.nurse.last_name = "Sam", "Okoro"
    w.nurse.save()
    PlannedContact.objects.create(
        episode=episode, person=w.person, kind="call", due_at=episode.admitted_at + timedelta(hours=2), nurse=w.nurse
    )
    login(client, own)
    page = client.get(reverse("people:person", args=[w.person.pk])).content.decode()
    assert "You are on" in page and "with Sam" in page and "Okoro" not in page
    assert "Refer to the virtual ward" not in page


def test_the_named_worker_sees_the_link_to_refer(client):
    w = ward_world()
    login(client, w.gp)
    page = client.get(reverse("people:person", args=[w.person.pk])).content.decode()
    assert reverse("virtual_ward:refer", args=[w.person.pk]) in page


def test_declining_goes_back_to_the_referrals_and_the_team_can_still_read_it(client):
    w = ward_world()
    referral = referred(w, by=w.gp)
    login(client, w.nurse)
    url = reverse("virtual_ward:referral", args=[referral.pk])
    typed = {"form_key": key(), "version": "1", "decision": "declined", "reason": "Needs a hospital bed tonight"}
    done = client.post(url, {**typed, "confirm": "1"})
    assert done.url == reverse("virtual_ward:referrals")
    page = client.get(done.url).content.decode()
    assert "Declined. The referrer has been told" in page
    assert client.get(url).status_code == 200  # what they decided, for SEEN_AFTER_THE_END
    Referral.objects.filter(pk=referral.pk).update(decided_at=timezone.now() - timedelta(days=8))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["spa_triage", "clinician", "volunteer"])
def test_someone_who_may_not_refer_the_person_gets_page_not_found_and_no_name(client, role):
    from alongside.core.models import AuditEvent
    from alongside.partners.tests.factories import MembershipFactory

    w = ward_world(person=PersonFactory(family_name="Quennellworth"))
    user = MembershipFactory(role=role).user
    login(client, user)
    page = client.get(reverse("virtual_ward:refer", args=[w.person.pk]))
    assert page.status_code == 404
    assert w.person.family_name not in page.content.decode()
    assert AuditEvent.objects.filter(actor=user, action="denied:ward_refer_opened", person_id=w.person.pk).exists()


def _title(page: str) -> str:
    return page[page.index("<title>") + 7 : page.index("</title>")]


def test_a_form_with_errors_says_error_in_the_page_title(client):
    w = ward_world()
    login(client, w.gp)
    refer = reverse("virtual_ward:refer", args=[w.person.pk])
    assert not _title(client.get(refer).content.decode()).startswith("Error")
    assert _title(client.post(refer, {"form_key": key()}).content.decode()).startswith("Error: Refer to")
    referral = referred(w, PersonFactory())
    login(client, w.nurse)
    decide = reverse("virtual_ward:referral", args=[referral.pk])
    assert not _title(client.get(decide).content.decode()).startswith("Error")
    assert _title(client.post(decide, {"form_key": key(), "version": "1"}).content.decode()).startswith("Error: ")
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    for name in ("plan_add", "extend", "end"):
        url = reverse(f"virtual_ward:{name}", args=[episode.pk])
        assert not _title(client.get(url).content.decode()).startswith("Error"), name
        page = client.post(url, {"form_key": key(), "version": "1"}).content.decode()
        assert _title(page).startswith("Error: "), name


def test_while_a_referral_waits_or_they_are_on_the_ward_no_second_referral_is_offered(client):
    w = ward_world()
    referral = referred(w, by=w.gp)
    login(client, w.gp)
    record = reverse("people:person", args=[w.person.pk])
    refer = reverse("virtual_ward:refer", args=[w.person.pk])
    page = client.get(record).content.decode()
    sent_at = timezone.localtime(referral.referred_at).strftime("%H:%M")
    assert f"A referral to {w.ward.name} is waiting for a decision, sent at {sent_at}" in page
    assert refer not in page
    page = client.get(refer).content.decode()
    assert "is waiting for a decision" in page and 'name="reason"' not in page
    actions.decide_referral(acting_as(w.nurse), referral.pk, "accepted", "Safe at home", 1)
    assert "They are waiting for a bed" in client.get(refer).content.decode()
    assert refer not in client.get(record).content.decode()
    episode = actions.admit(acting_as(w.nurse), referral.pk)
    page = client.get(record).content.decode()
    assert refer not in page and f"{w.person.given_name} was admitted" in page and "They were" not in page
    assert "They are on" in client.get(refer).content.decode()
    actions.end(acting_as(w.nurse), episode.pk, "home", "", episode.version)
    assert refer in client.get(record).content.decode()


def test_the_episode_page_shows_the_latest_news2_the_phone_and_the_record_in_fixed_queries(client):
    from .factories import ReviewFactory

    w = ward_world()
    w.person.phone = "07700 900123"
    w.person.save()
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    login(client, w.nurse)
    url = reverse("virtual_ward:episode", args=[episode.pk])
    page = client.get(url).content.decode()
    assert "No review yet" in page
    assert 'href="tel:07700900123"' in page and reverse("people:person", args=[w.person.pk]) in page
    ReviewFactory(episode=episode, at=timezone.now() - timedelta(hours=30))
    page = client.get(url).content.decode()
    assert "NEWS2 0" in page and "nhsuk-tag--green" in page and "Review due" in page
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    ReviewFactory(episode=episode, pulse=None, respiration_rate=26, at=timezone.now() - timedelta(hours=1))
    ReviewFactory(episode=episode, at=timezone.now() - timedelta(hours=2))
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert len(one) == len(three)
    assert "Incomplete: at least 3" in page and "Review due" not in page
