"""The demo borough's referrals to community services: every state, each by staff who care for the person, with
the timeline entries and alerts the real actions write; some started from a volunteer's concern, which hears of
them as it would; the clinician and coordinator logins with their own; a good link opens, an expired one is gone."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alongside.concerns.models import ConcernEvent
from alongside.core.models import Alert
from alongside.directory import referring_queries, referring_rules
from alongside.directory.actions_referring import ANSWER_WORDS
from alongside.directory.referring_models import CommunityReferral
from alongside.people.models import CareRelationship, Entry


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One borough for the module (building it is the slow part); emptied afterwards."""
    with django_db_blocker.unblock():
        from django.conf import settings

        demo_mode, settings.DEMO_MODE = settings.DEMO_MODE, True
        try:
            call_command("demo", "--seed", "5", "--people", "300", verbosity=0)
            yield
        finally:
            settings.DEMO_MODE = demo_mode
            call_command("flush", interactive=False, verbosity=0)


def state_of(r: CommunityReferral, now) -> str:
    if r.status != "sent":
        return r.status
    if r.expires_at <= now:
        return "expired"
    return "reminded" if r.reminded_at else "waiting"


@pytest.fixture
def referrals(built, db):
    return list(CommunityReferral.objects.select_related("service", "referred_by", "person"))


def test_every_state_is_there_by_staff_who_care_for_the_person(referrals):
    now = timezone.now()
    states = {state_of(r, now) for r in referrals}
    assert states == {"waiting", "reminded", "expired", "accepted", "not_able", "not_taken_up", "outcome"}
    assert 25 <= len(referrals) <= 60
    for r in referrals:
        waited_too_long = referring_rules.answer_overdue(r.sent_at, now)
        if state_of(r, now) == "waiting":
            assert not waited_too_long
        if state_of(r, now) in ("reminded", "expired"):
            assert waited_too_long and r.reminded_at
        assert now - r.sent_at < timezone.timedelta(days=125)
        assert (r.status == "not_able") == bool(r.reason) and (r.status == "outcome") == bool(r.outcome)
        assert r.agreed_on == r.sent_at.date() and r.shared and r.team_id and r.site.startswith("http")
        assert r.token_hash == CommunityReferral.hash(referring_queries.token_for(r.form_key))
        assert (
            CareRelationship.objects.active(r.sent_at)
            .filter(person=r.person, user=r.referred_by, kind__in=["named_worker", "care_team"])
            .exists()
        ), r
    assert len({r.sent_at.date() for r in referrals}) > 15  # spread out


def test_each_has_its_timeline_entries_and_the_referrer_is_told(referrals):
    for r in referrals:
        entries = list(Entry.objects.filter(person=r.person, kind="community_referral").order_by("at"))
        sent = [e for e in entries if e.text.startswith(f"Referred to {r.service.name} (")]
        assert sent and sent[0].author == r.referred_by and r.what_would_help in sent[0].text
        answers = [e for e in entries if e.author is None and e.text.startswith(r.service.name)]
        if r.status != "sent":
            assert answers and answers[-1].at == r.answered_at
            told = f"A referral you made: {r.service.name} {ANSWER_WORDS[referring_rules.Status(r.status)]}."
            alerts = Alert.objects.filter(recipient=r.referred_by, text__startswith=told)
            assert alerts.exists() and not alerts.filter(text__contains=r.person.given_name).exists()
        if r.status == "outcome":
            assert answers[-1].text.endswith(r.outcome)
        if r.reminded_at:
            reminder = f"No answer yet from {r.service.name} about {r.person.full_name}"
            assert Alert.objects.filter(recipient=r.referred_by, text__startswith=reminder).exists()


def test_the_clinician_and_coordinator_logins_have_their_own(referrals):
    mine = {"clinician": set(), "coordinator": set()}
    for r in referrals:
        mine.get(r.referred_by.username, set()).add(r.status)
    assert len(mine["clinician"]) >= 3 and len(mine["coordinator"]) >= 3


def test_some_start_from_a_concern_which_hears_of_them(referrals):
    started = [r for r in referrals if r.came_from]
    assert len(started) >= 4
    assert {r.status for r in started} >= {"sent", "accepted", "outcome"}
    for r in started:
        concern_id = int(r.came_from.removeprefix("concern:"))
        events = list(ConcernEvent.objects.filter(concern_id=concern_id).order_by("at", "pk"))
        assert any(e.what == "referred" and e.words.startswith(f"Referred to {r.service.name}") for e in events)
        answered = [e for e in events if e.what == "service_answered"]
        assert bool(answered) == (r.status != "sent")
        if answered:
            volunteer = events[0].by
            assert Alert.objects.filter(recipient=volunteer, text__startswith="News about the concern").exists()


def test_a_demo_link_opens_for_a_good_one_and_is_gone_for_the_expired_one(referrals, client):
    now = timezone.now()

    def link(r):
        return reverse("directory:referring_answer", args=[referring_queries.token_for(r.form_key)])

    good = next(r for r in referrals if state_of(r, now) == "waiting")
    expired = next(r for r in referrals if state_of(r, now) == "expired")
    page = client.get(link(good))
    assert page.status_code == 200 and f"A referral to {good.service.name}" in page.content.decode()
    gone = client.get(link(expired))
    assert gone.status_code == 404 and "This link does not work" in gone.content.decode()


def test_every_answered_referral_keeps_its_first_answer_no_later_than_its_last(referrals):
    answered = [r for r in referrals if r.status != "sent"]
    assert answered
    for referral in answered:
        assert referral.sent_at < referral.first_answered_at <= referral.answered_at
