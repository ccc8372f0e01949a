"""The episodes part's actions: who may refer, deciding (declining tells the referrer), admission to the lowest free
bed and never past capacity, the caseload relationship while the episode is open, the named worker told, extend
and end (once only)."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.consent.models import ConsentProvision
from alongside.core.forms import EditConflict
from alongside.core.models import Alert
from alongside.core.tests.factories import enrol_totp
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import MembershipFactory
from alongside.people.models import CareRelationship
from alongside.people.policy import Basis
from alongside.people.tests.factories import PersonFactory
from alongside.virtual_ward import actions_episodes as actions
from alongside.virtual_ward.models import DayCapacity, Episode, Referral

from .factories import WardFactory
from .factories_episodes import REASON, accepted, referred, ward_world

pytestmark = pytest.mark.django_db


def test_a_named_worker_may_refer_and_the_decision_is_due_in_two_hours():
    w = ward_world()
    referral = referred(w, by=w.gp)
    assert referral.decision_due == referral.referred_at + timedelta(hours=2)
    assert actions.refer_basis(acting_as(w.gp), w.person) == Basis.RELATIONSHIP


def test_a_gp_of_the_practice_may_refer_their_registered_patient_unless_kept_from_them():
    w = ward_world()
    practice_gp = MembershipFactory(role="gp").user
    practice = practice_gp.memberships.first().team.organisation
    w.person.gp_practice = practice
    w.person.save()
    assert actions.refer_basis(acting_as(practice_gp), w.person) == Basis.REGISTERED_PRACTICE
    ConsentProvision.objects.create(
        person=w.person, permit=False, actor_kind="organisation", organisation=practice, categories=["care"]
    )
    assert actions.refer_basis(acting_as(practice_gp), w.person) is None


def test_the_single_point_of_access_and_a_volunteer_may_not_refer_someone_they_cannot_read():
    w = ward_world()
    triage = MembershipFactory(role="spa_triage").user
    assert actions.refer_basis(acting_as(triage), w.person) is None
    volunteer = MembershipFactory(role="volunteer").user
    assert actions.refer_basis(acting_as(volunteer), w.person) is None


def test_a_second_waiting_referral_is_refused_kindly_to_the_same_ward_or_another():
    w = ward_world()
    referred(w, by=w.gp)
    with pytest.raises(actions.Problem, match="already have a referral to a virtual ward waiting"):
        referred(w, by=w.gp)
    elsewhere = WardFactory()
    with pytest.raises(actions.Problem, match="already have a referral to a virtual ward waiting"):
        referred(replace(w, ward=elsewhere), by=w.gp)
    assert Referral.objects.filter(person=w.person).count() == 1


def test_declining_tells_the_referrer_in_plain_words():
    w = ward_world()
    referral = referred(w, by=w.gp)
    actions.decide_referral(acting_as(w.nurse), referral.pk, "declined", "Needs a hospital bed tonight", 1)
    alert = Alert.objects.get(recipient=w.gp)
    assert alert.text == f"{w.ward.name} cannot take on someone you referred. Open the referral to see why"
    assert "Needs a hospital bed tonight" not in alert.text and w.person.given_name not in alert.text


def test_accepting_tells_the_referrer_too_with_a_link_they_can_open(client):
    w = ward_world()
    referral = referred(w, by=w.gp)
    actions.decide_referral(acting_as(w.nurse), referral.pk, "accepted", "Safe at home", 1)
    alert = Alert.objects.get(recipient=w.gp)
    assert "can take on someone you referred" in alert.text and w.person.given_name not in alert.text
    assert alert.url == reverse("virtual_ward:referral", args=[referral.pk])
    enrol_totp(w.gp)
    client.force_login(w.gp)
    assert client.get(alert.url).status_code == 200


def test_a_stale_decision_is_a_conflict_and_a_second_is_already_done():
    w = ward_world()
    referral = referred(w, by=w.gp)
    with pytest.raises(EditConflict):
        actions.decide_referral(acting_as(w.nurse), referral.pk, "accepted", "Fine", 7)
    actions.decide_referral(acting_as(w.nurse), referral.pk, "accepted", "Fine", 1)
    with pytest.raises(actions.AlreadyDone):
        actions.decide_referral(acting_as(w.leader), referral.pk, "declined", "No", 2)


def test_someone_off_the_team_may_not_decide():
    w = ward_world()
    referral = referred(w, by=w.gp)
    with pytest.raises(actions.Refused):
        actions.decide_referral(acting_as(w.gp), referral.pk, "accepted", "Fine", 1)


def test_admission_takes_the_lowest_free_bed_starts_the_caseload_and_tells_the_named_worker():
    w = ward_world()
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    assert episode.bed == 1
    assert episode.due_end_at == episode.admitted_at + timedelta(hours=72)
    caseload = CareRelationship.objects.active().get(person=w.person, kind="team_caseload")
    assert caseload.team_id == w.ward.team_id
    assert "was admitted to" in Alert.objects.get(recipient=w.gp).text


def test_no_bed_free_means_they_wait_and_the_day_capacity_counts():
    w = ward_world(beds=2)
    DayCapacity.objects.create(ward=w.ward, day=timezone.localdate(), beds=1, set_by=w.leader)
    actions.admit(acting_as(w.nurse), accepted(w).pk)
    waiting = accepted(w, PersonFactory())
    with pytest.raises(actions.Problem, match="No bed"):
        actions.admit(acting_as(w.nurse), waiting.pk)
    assert not Episode.objects.filter(referral=waiting).exists()


def test_a_taken_bed_is_refused():
    w = ward_world()
    actions.admit(acting_as(w.nurse), accepted(w).pk)
    with pytest.raises(actions.Problem, match="just taken"):
        actions.admit(acting_as(w.nurse), accepted(w, PersonFactory()).pk, bed=1)


def test_extend_needs_a_later_end_within_seven_days():
    w = ward_world()
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    with pytest.raises(actions.Problem, match="7 days"):
        actions.extend(acting_as(w.nurse), episode.pk, episode.admitted_at + timedelta(days=8), "Still unwell", 1)
    with pytest.raises(actions.Problem, match="Write why"):
        actions.extend(acting_as(w.nurse), episode.pk, episode.admitted_at + timedelta(days=4), " ", 1)
    longer = actions.extend(acting_as(w.nurse), episode.pk, episode.admitted_at + timedelta(days=4), "Still unwell", 1)
    assert longer.extended_reason == "Still unwell"


def test_end_ends_the_caseload_tells_the_named_worker_and_happens_once():
    w = ward_world()
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    with pytest.raises(actions.Problem, match="why they went into hospital"):
        actions.end(acting_as(w.nurse), episode.pk, "hospital", "", 1)
    ended = actions.end(acting_as(w.nurse), episode.pk, "home", "", 1)
    assert ended.outcome == "home" and ended.ended_at
    assert not CareRelationship.objects.active().filter(person=w.person, kind="team_caseload").exists()
    assert Alert.objects.filter(recipient=w.gp, text__contains="went home").exists()
    with pytest.raises((actions.AlreadyDone, actions.Refused)):
        actions.end(acting_as(w.nurse), episode.pk, "home", "", 2)


def test_a_reason_for_a_referral_is_required():
    w = ward_world()
    problems = actions.problems_with(actions.ReferralIn(w.ward.pk, "", "sideways", " "), {w.ward.pk})
    assert problems == {
        "source": "Choose where the referral comes from",
        "direction": "Choose step-up or step-down",
        "reason": "Write why they need the virtual ward",
    }
    assert REASON and Referral.Source.GP


def test_the_bed_constraint_is_the_last_guard(monkeypatch):
    """Were the count ever wrong, the database's one_person_a_bed refuses the second person in a bed, kindly."""
    w = ward_world()
    actions.admit(acting_as(w.nurse), accepted(w).pk)
    monkeypatch.setattr(actions, "taken_beds", lambda ward: set())  # as if the first admission were not seen
    with pytest.raises(actions.Problem, match="That bed was just taken"):
        actions.admit(acting_as(w.nurse), accepted(w, PersonFactory()).pk)
    assert Episode.objects.filter(ward=w.ward, ended_at__isnull=True).count() == 1
