"""A referral's whole journey through the actions: arrival, matching, decision, allocation, the closed loop."""

import threading

import pytest
from django.db import connection
from django.http import Http404

from alongside.core.models import Alert, AuditEvent, Message
from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship, Person, StoryVersion
from alongside.people.tests.factories import PersonFactory, make_named_worker
from alongside.referrals import actions
from alongside.referrals.lifecycle import MoveRefused
from alongside.referrals.models import Channel, Transition
from alongside.referrals.tests.factories import ReferralFactory, referral_fields, request_for

pytestmark = pytest.mark.django_db


def test_a_staff_referral_goes_the_whole_way_and_the_referrer_hears_each_outcome(spa, gp, member):
    team = TeamFactory(name="Riverside neighbourhood team")
    worker = member("clinician", team=team)
    made = actions.receive(request_for(gp), referral_fields(), channel=Channel.STAFF)
    assert made.status == "received" and made.person is None and made.referrer_user == gp

    as_spa = request_for(spa)
    triaged = actions.create_person(as_spa, made.pk, made.version)
    person = triaged.person
    assert triaged.status == "triaged" and triaged.matched_by == "new_person"
    assert (person.given_name, person.family_name, str(person.birth_date)) == ("Ada", "Okafor", "1941-03-12")

    accepted = actions.accept(as_spa, made.pk, team.pk, "Falls and living alone", True, triaged.version)
    assert accepted.status == "accepted" and accepted.decided_at is not None
    assert CareRelationship.objects.active().filter(person=person, team=team, kind="team_caseload").exists()

    allocated = actions.allocate(as_spa, made.pk, worker.pk, accepted.version)
    assert allocated.status == "allocated"
    assert CareRelationship.objects.active().get(person=person, kind="named_worker").user == worker

    closed = actions.close(as_spa, made.pk, "Team has visited", allocated.version)
    assert closed.status == "closed"
    assert [t.to_status for t in Transition.objects.filter(referral=made)] == [
        "received",
        "triaged",
        "accepted",
        "allocated",
        "closed",
    ]
    told = [a.text for a in Alert.objects.filter(recipient=gp).order_by("created_at")]
    assert "accepted" in told[0] and "Ada Okafor" in told[0]
    assert worker.display_name in told[1]  # the person agreed the named worker may be shared
    moves = AuditEvent.objects.filter(object_type="referral", object_id=str(made.pk)).values_list("action", flat=True)
    assert {
        "referral_received",
        "referral_confirm_person",
        "referral_accept",
        "referral_allocate",
        "referral_close",
    } <= set(moves)


def test_the_named_worker_is_not_shared_with_the_referrer_without_agreement(spa, gp, member):
    team = TeamFactory()
    worker = member("clinician", team=team)
    person = PersonFactory()
    made = ReferralFactory(referrer_user=gp, person=person, status="triaged")
    accepted = actions.accept(request_for(spa), made.pk, team.pk, "", False, made.version)
    actions.allocate(request_for(spa), made.pk, worker.pk, accepted.version)
    last = Alert.objects.filter(recipient=gp).latest("created_at").text
    assert worker.display_name not in last and "a named worker from the" in last


def test_an_nhs_number_match_is_exact_and_nothing_new_is_made(gp):
    ada = PersonFactory(nhs_number="9991234564", given_name="Ada", family_name="Okafor")
    made = actions.receive(
        request_for(gp), referral_fields(nhs_number="9991234564", birth_date=ada.birth_date), channel=Channel.STAFF
    )
    assert made.person == ada and made.matched_by == "nhs_number"
    assert Person.objects.count() == 1


def test_an_nhs_number_with_a_different_birth_date_and_name_is_not_trusted(gp):
    PersonFactory(nhs_number="9991234564", given_name="Bob", family_name="Jones")
    made = actions.receive(request_for(gp), referral_fields(nhs_number="9991234564"), channel=Channel.STAFF)
    assert made.person is None


def test_a_new_record_is_refused_when_the_nhs_number_is_already_known(spa):
    PersonFactory(nhs_number="9991234564", given_name="Bob", family_name="Jones")
    made = ReferralFactory(nhs_number="9991234564")
    with pytest.raises(actions.AlreadyKnown):
        actions.create_person(request_for(spa), made.pk, made.version)
    assert Person.objects.count() == 1


def test_only_an_offered_candidate_can_be_confirmed(spa):
    ada = PersonFactory(given_name="Ada", family_name="Okafor", birth_date="1941-03-12", postcode="NV1 2AB")
    stranger = PersonFactory(given_name="Tom", family_name="Brown", birth_date="1980-01-01", postcode="NV4 9ZZ")
    made = ReferralFactory(given_name="Ada", family_name="Okafor", birth_date="1941-03-12", postcode="NV1 2AB")
    with pytest.raises(Http404):
        actions.confirm_person(request_for(spa), made.pk, stranger.pk, made.version)
    confirmed = actions.confirm_person(request_for(spa), made.pk, ada.pk, made.version)
    assert confirmed.person == ada and confirmed.matched_by == "confirmed"


def test_an_impossible_move_is_refused_and_changes_nothing(spa):
    made = ReferralFactory()
    with pytest.raises(MoveRefused, match="Confirm who the referral is about"):
        actions.accept(request_for(spa), made.pk, TeamFactory().pk, "", False, made.version)
    made.refresh_from_db()
    assert made.status == "received" and made.team is None


def test_a_stale_decision_is_refused(spa):
    made = ReferralFactory()
    actions.decline(request_for(spa), made.pk, "Not for us", made.version)
    with pytest.raises(MoveRefused):
        actions.redirect(request_for(spa), made.pk, "Befriending", "Better there", made.version)


def test_only_the_single_point_of_access_decides(gp, member):
    made = ReferralFactory(referrer_user=gp)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # the referrer can see it, but not decide on it
        actions.decline(request_for(gp), made.pk, "No", made.version)
    with pytest.raises(Http404):  # someone unrelated cannot even see it
        actions.decline(request_for(member("clinician")), made.pk, "No", made.version)


def test_the_accepting_team_s_leader_closes_the_referral_they_allocated(spa, gp, member):
    from django.core.exceptions import PermissionDenied

    team = TeamFactory(name="Riverside neighbourhood team")
    leader, worker = member("team_leader", team=team), member("clinician", team=team)
    made = actions.receive(request_for(gp), referral_fields(), channel=Channel.STAFF)
    triaged = actions.create_person(request_for(spa), made.pk, made.version)
    accepted = actions.accept(request_for(spa), made.pk, team.pk, "Falls", True, triaged.version)
    allocated = actions.allocate(request_for(leader), made.pk, worker.pk, accepted.version)

    with pytest.raises(PermissionDenied):  # a member of the team sees it, but closing is for who allocates
        actions.close(request_for(worker), made.pk, "Seen", allocated.version)
    closed = actions.close(request_for(leader), made.pk, "Visited and settled", allocated.version)
    assert closed.status == "closed" and Transition.objects.filter(referral=made, to_status="closed").count() == 1


def test_the_person_s_story_grows_only_with_their_agreement(spa, member):
    team = TeamFactory()
    worker = member("clinician", team=team)
    person = PersonFactory()
    make_named_worker(person, worker)
    made = ReferralFactory(
        situation="Lives alone; loves the radio.",
        given_name=person.given_name,
        family_name=person.family_name,
        birth_date=person.birth_date,
    )
    made = actions.confirm_person(request_for(spa), made.pk, person.pk, made.version)
    assert made.story_offer == "offered"
    actions.answer_story_offer(request_for(worker), made.pk, agreed=True)
    story = StoryVersion.objects.get(person=person, part="my_story")
    assert story.text == "Lives alone; loves the radio." and "agreed" in story.reason
    with pytest.raises(Http404):  # answered once
        actions.answer_story_offer(request_for(worker), made.pk, agreed=True)


def test_declining_the_story_offer_leaves_the_story_alone(member):
    worker = member("clinician")
    person = PersonFactory()
    make_named_worker(person, worker)
    made = ReferralFactory(situation="Something", person=person, story_offer="offered")
    actions.answer_story_offer(request_for(worker), made.pk, agreed=False)
    assert not StoryVersion.objects.filter(person=person).exists()
    made.refresh_from_db()
    assert made.story_offer == "declined"


def test_the_story_offer_needs_permission_to_write_the_story(member):
    person = PersonFactory()
    made = ReferralFactory(situation="Something", person=person, story_offer="offered")
    with pytest.raises(Http404):
        actions.answer_story_offer(request_for(member("clinician")), made.pk, agreed=True)


def test_a_draft_is_saved_incomplete_and_sent_only_when_complete(gp):
    draft = actions.receive(request_for(gp), {"given_name": "Ada"}, channel=Channel.STAFF, draft=True)
    assert draft.status == "draft" and draft.received_at is None
    with pytest.raises(actions.Incomplete) as incomplete:
        actions.send_draft(request_for(gp), draft.pk, {"family_name": "Okafor"}, draft.version)
    assert incomplete.value.gaps["birth_date"] == "Enter the person's date of birth"
    draft.refresh_from_db()
    sent = actions.send_draft(request_for(gp), draft.pk, referral_fields(), draft.version)
    assert sent.status == "received" and sent.received_at is not None


def test_a_public_referral_is_acknowledged_and_told_the_outcome_without_names(spa):
    from django.contrib.auth.models import AnonymousUser

    public = request_for(spa)
    public.user = AnonymousUser()
    fields = referral_fields(source="family_carer", referrer_name="Joy", referrer_email="joy@example.com")
    made = actions.receive(public, fields, channel=Channel.PUBLIC)
    actions.decline(request_for(spa), made.pk, "We do not cover this area.", made.version)
    sent = list(Message.objects.order_by("created_at").values_list("reference", "to", "personalisation"))
    assert [s[0] for s in sent] == [f"referral-{made.pk}-received", f"referral-{made.pk}-declined"]
    assert all(s[1] == "joy@example.com" and "Ada" not in s[2]["body"] for s in sent)
    assert "We do not cover this area." in sent[1][2]["body"]


@pytest.mark.django_db(transaction=True)
def test_two_triage_officers_deciding_at_once_make_one_decision(member):
    spa_team = TeamFactory(kind=Team.Kind.SPA)
    officers = [member("spa_triage", team=spa_team) for _ in range(2)]
    made = ReferralFactory()
    results = []

    def decide(officer, how):
        try:
            if how == "decline":
                actions.decline(request_for(officer), made.pk, "Not for us", made.version)
            else:
                actions.redirect(request_for(officer), made.pk, "Befriending", "Better there", made.version)
            results.append("done")
        except MoveRefused:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(o, h)) for o, h in zip(officers, ["decline", "redirect"], strict=True)
    ]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(results) == ["done", "refused"]
    assert Transition.objects.filter(referral=made).count() == 1


def test_a_closed_referral_still_says_what_was_decided(spa, gp):
    made = ReferralFactory(referrer_user=gp)
    actions.redirect(request_for(spa), made.pk, "Living Well befriending", "They run a lunch club", made.version)
    made.refresh_from_db()
    closed = actions.close(request_for(spa), made.pk, "Referrer told", made.version)
    words = actions.outcome_words(actions.outcome_for(closed), inside=True)
    assert "Living Well befriending is the best place" in words
