"""The single point of access pages, as each kind of user meets them."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.models import Neighbourhood
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, make_named_worker
from alongside.referrals.models import Referral
from alongside.referrals.tests.factories import ReferralFactory, accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_spa(client, member, spa_team):
    user = member("spa_triage", team=spa_team)
    client.force_login(user)
    return user


def test_the_queue_shows_waiting_referrals_soonest_due_first_and_marks_the_overdue(client, as_spa):
    now = timezone.now()
    ReferralFactory(given_name="Rita", family_name="Routine", urgency="routine", received_at=now - timedelta(hours=1))
    ReferralFactory(given_name="Uma", family_name="Urgent", urgency="urgent", received_at=now - timedelta(hours=5))
    ReferralFactory(given_name="Sid", family_name="Soon", urgency="soon", received_at=now - timedelta(hours=2))
    ReferralFactory(given_name="Dee", family_name="Decided", status="declined", decided_at=now)
    page = texts(client.get("/referrals/"))
    assert page.index("Uma Urgent") < page.index("Sid Soon") < page.index("Rita Routine")
    assert "Dee Decided" not in page
    assert "3 referrals waiting for a decision: 1 urgent, 1 soon, 1 routine" in page
    assert page.count("Overdue") == 1  # Uma, 5 hours against 4


def test_the_queue_filters_by_source_urgency_and_neighbourhood(client, as_spa):
    riverside = Neighbourhood.objects.create(name="Riverside")
    ReferralFactory(given_name="Gail", family_name="Gp", source="gp", neighbourhood=riverside)
    ReferralFactory(given_name="Sam", family_name="Self", source="self", urgency="urgent")
    assert "Sam Self" not in texts(client.get("/referrals/?source=gp"))
    assert "Gail Gp" not in texts(client.get("/referrals/?urgency=urgent"))
    only = texts(client.get(f"/referrals/?neighbourhood={riverside.pk}"))
    assert "Gail Gp" in only and "Sam Self" not in only


def test_a_neighbourhood_that_is_not_a_plain_number_is_no_filter_not_an_error(client, as_spa):
    ReferralFactory(given_name="Gail", family_name="Gp")
    response = client.get("/referrals/?neighbourhood=%C2%B2")  # "²": a digit to str.isdigit, not to int()
    assert response.status_code == 200 and "Gail Gp" in texts(response)


def test_the_queue_costs_the_same_queries_for_3_or_60_referrals_and_audits_each_shown(client, as_spa):
    ReferralFactory.create_batch(3)
    client.get("/referrals/")
    with CaptureQueriesContext(connection) as few:
        client.get("/referrals/")
    ReferralFactory.create_batch(57)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/referrals/")
    assert len(few) == len(many)
    shown = AuditEvent.objects.filter(action="referral_queue_viewed", actor=as_spa)
    assert shown.count() == 3 + 3 + 50  # one row per referral shown, page size 50
    assert "Next" in texts(response)


@pytest.mark.parametrize("role", ["gp", "clinician", "team_leader", "coordinator"])
def test_only_the_single_point_of_access_sees_the_queue(client, member, role):
    ReferralFactory(given_name="Hidden")
    client.force_login(member(role))
    response = client.get("/referrals/")
    assert response.status_code in (403, 404) and b"Hidden" not in response.content


def test_the_spa_team_leader_sees_the_queue(client, member, spa_team):
    ReferralFactory(given_name="Visible")
    client.force_login(member("team_leader", team=spa_team))
    assert "Visible" in texts(client.get("/referrals/"))


def test_a_referrer_sees_their_own_referrals_and_what_became_of_them(client, member, spa):
    gp = member("gp")
    team = TeamFactory(name="Riverside neighbourhood team")
    mine = accepted(team, spa, by=gp, given_name="Ada")
    other = ReferralFactory(given_name="Someone")
    client.force_login(gp)
    page = texts(client.get("/referrals/mine/"))
    assert "Ada" in page and "accepted" in page and "Riverside neighbourhood team" in page and "Someone" not in page
    assert client.get(f"/referrals/{mine.pk}/").status_code == 200
    assert client.get(f"/referrals/{other.pk}/").status_code == 404


def test_a_staff_referral_is_sent_once_even_if_the_button_is_pressed_twice(client, member):
    client.force_login(member("gp"))
    form = texts(client.get("/referrals/new/"))
    assert "Make a referral" in form
    key = re.search(r'name="form_key" value="([^"]+)"', client.get("/referrals/new/").content.decode()).group(1)
    data = {
        "form_key": key,
        "source": "gp",
        "given_name": "Ada",
        "family_name": "Okafor",
        "birth_date_day": "12",
        "birth_date_month": "3",
        "birth_date_year": "1941",
        "postcode": "NV1 2AB",
        "reason": "Falls",
        "urgency": "soon",
        "person_agrees": "yes",
        "action": "send",
    }
    check = client.post("/referrals/new/", data)
    assert check.status_code == 302 and "/referrals/new/check/" in check["Location"]
    assert not Referral.objects.exists()  # nothing is sent before the answers are checked
    first = client.post(check["Location"])
    second = client.post(check["Location"])
    assert Referral.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == f"/referrals/{Referral.objects.get().pk}/" and second["Location"] == "/referrals/mine/"
    assert client.post("/referrals/new/", data).status_code == 302  # the form sent again: nothing more made
    assert Referral.objects.count() == 1


def test_an_incomplete_referral_says_what_is_missing_and_keeps_what_was_typed(client, member):
    client.force_login(member("gp"))
    response = client.post("/referrals/new/", {"given_name": "Ada", "postcode": "not a postcode", "action": "send"})
    page = texts(response)
    assert "There is a problem" in page
    assert "Enter the person's last name" in page and "Enter a real postcode, like NV1 2AB" in page
    assert 'value="Ada"' in response.content.decode()
    assert not Referral.objects.exists()


def test_a_draft_is_kept_half_done_and_finished_later(client, member):
    gp = member("gp")
    client.force_login(gp)
    key = re.search(r'name="form_key" value="([^"]+)"', client.get("/referrals/new/").content.decode()).group(1)
    client.post("/referrals/new/", {"form_key": key, "given_name": "Ada", "action": "draft"})
    draft = Referral.objects.get()
    assert draft.status == "draft"
    assert "Not sent yet" in texts(client.get("/referrals/mine/"))
    edit = client.get(f"/referrals/{draft.pk}/edit/")
    assert 'value="Ada"' in edit.content.decode()


def test_a_draft_is_nobody_else_s_business(client, member, as_spa):
    draft = ReferralFactory(status="draft", received_at=None, referrer_user=member("gp"))
    assert client.get(f"/referrals/{draft.pk}/").status_code == 404
    assert client.get(f"/referrals/{draft.pk}/edit/").status_code == 404


def test_matching_shows_ranked_candidates_with_reasons_and_audits_each(client, as_spa):
    ada = PersonFactory(given_name="Ada", family_name="Okafor", birth_date="1941-03-12", postcode="NV1 2AB")
    PersonFactory(given_name="Tom", family_name="Brown", birth_date="1980-01-01", postcode="NV4 9ZZ")
    made = ReferralFactory(given_name="Ada", family_name="Okafro", birth_date="1941-03-12", postcode="NV1 2AB")
    page = texts(client.get(f"/referrals/{made.pk}/person/"))
    assert "Possible match 1" in page and "Possible match 2" not in page  # Tom Brown agrees with nothing
    assert "Same date of birth Similar family name Same first name Same postcode" in page
    assert "Okafor" not in page  # the record's own spelling is never shown: only how it compares
    assert AuditEvent.objects.filter(action="referral_candidate_shown", person_id=ada.pk).count() == 1
    response = client.post(f"/referrals/{made.pk}/person/", {"person": ada.pk, "version": made.version})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.person == ada and made.status == "triaged"


def test_a_decision_needs_its_reason_and_the_refusal_says_so(client, as_spa):
    made = ReferralFactory()
    page = texts(client.post(f"/referrals/{made.pk}/decision/", {"decision": "decline", "version": made.version}))
    assert "Enter why you cannot offer support this time: the referrer reads this" in page
    page = texts(client.post(f"/referrals/{made.pk}/decision/", {"decision": "accept", "version": made.version}))
    assert "Confirm who the referral is about before accepting it" in page


def test_accepting_needs_a_reason_too_because_the_referrer_reads_it(client, as_spa):
    team = TeamFactory(name="Riverside neighbourhood team")
    made = ReferralFactory(person=PersonFactory(), status="triaged")
    answer = client.post(
        f"/referrals/{made.pk}/decision/", {"decision": "accept", "team": team.pk, "version": made.version}
    )
    assert "the referrer reads this, so tell them what happens next" in texts(answer)
    assert Referral.objects.get(pk=made.pk).status == "triaged"
    client.post(
        f"/referrals/{made.pk}/decision/",
        {"decision": "accept", "team": team.pk, "reason": "The team knows her", "version": made.version},
    )
    made.refresh_from_db()
    assert made.status == "accepted" and made.decision_reason == "The team knows her"


def test_accept_suggests_the_team_covering_the_address_then_allocation_puts_who_knows_them_first(
    client, as_spa, member
):
    riverside = Neighbourhood.objects.create(name="Riverside", postcode_districts="NV1")
    team = TeamFactory(name="Riverside neighbourhood team", neighbourhood=riverside)
    TeamFactory(name="Hillcrest neighbourhood team")
    person = PersonFactory(postcode="NV1 2AB")
    knows = member("clinician", team=team, first_name="Bea", last_name="Known")
    member("clinician", team=team, first_name="Ann", last_name="Free")
    CareRelationship.objects.create(
        person=person,
        kind="named_worker",
        user=knows,
        started_at=timezone.now() - timedelta(days=400),
        ended_at=timezone.now() - timedelta(days=30),
    )
    made = ReferralFactory(person=person, status="triaged")
    decision = client.get(f"/referrals/{made.pk}/decision/")
    assert "Riverside neighbourhood team : covers their address" in texts(decision)
    assert re.search(rf'<option value="{team.pk}" selected', decision.content.decode())
    client.post(
        f"/referrals/{made.pk}/decision/",
        {"decision": "accept", "team": team.pk, "reason": "Covers her address", "version": made.version},
    )
    allocate = texts(client.get(f"/referrals/{made.pk}/allocate/"))
    assert allocate.index("Bea Known") < allocate.index("Ann Free")
    assert "Was their named worker until" in allocate


def test_the_accepting_team_leader_allocates_but_cannot_decide(client, member, spa, gp):
    team = TeamFactory()
    leader = member("team_leader", team=team)
    worker = member("clinician", team=team)
    made = accepted(team, spa, by=gp)
    client.force_login(leader)
    assert client.get(f"/referrals/{made.pk}/").status_code == 200
    assert client.get(f"/referrals/{made.pk}/decision/").status_code == 404
    client.post(f"/referrals/{made.pk}/allocate/", {"worker": worker.pk, "version": made.version})
    made.refresh_from_db()
    assert made.status == "allocated" and made.named_worker == worker


def test_a_stale_page_is_refused_with_a_clear_message(client, as_spa):
    made = ReferralFactory()
    client.post(f"/referrals/{made.pk}/decision/", {"decision": "decline", "reason": "No", "version": made.version})
    again = client.post(
        f"/referrals/{made.pk}/decision/",
        {"decision": "redirect", "service": "X", "reason": "Y", "version": made.version},
        follow=True,
    )
    assert "Only a referral waiting for a triage decision can be" in texts(again)


def test_someone_else_s_team_membership_gives_no_sight_of_referrals(client, member, spa, gp):
    MembershipFactory(role="clinician")
    made = accepted(TeamFactory(), spa, by=gp)
    client.force_login(member("clinician"))
    assert client.get(f"/referrals/{made.pk}/").status_code == 404


def test_the_named_worker_adds_what_the_referrer_said_to_the_story_once_the_person_agrees(client, member):
    worker = member("clinician")
    person = PersonFactory(given_name="Ada")
    make_named_worker(person, worker)
    made = ReferralFactory(person=person, situation="Loves the radio and her cat.", story_offer="offered")
    client.force_login(worker)
    page = texts(client.get(f"/people/{person.pk}/"))
    assert "Loves the radio and her cat." in page and "Ask Ada whether this can be added" in page
    client.post(f"/referrals/{made.pk}/story-offer/", {"agreed": "yes"})
    page = texts(client.get(f"/people/{person.pk}/"))
    assert "Ask Ada" not in page and "Added from referral" in person.story_versions.get().reason


def test_a_proxy_answers_for_the_person_whatever_their_own_role(client, member):
    """Whoever may write the person's story answers: a proxy the person chose, even one who volunteers."""
    proxy = member("volunteer")
    person = PersonFactory()
    RelationshipFactory(person=person, user=proxy, kind="proxy")
    made = ReferralFactory(person=person, situation="Loves the radio.", story_offer="offered")
    client.force_login(proxy)
    assert client.post(f"/referrals/{made.pk}/story-offer/", {"agreed": "no"}).status_code == 302
    made.refresh_from_db()
    assert made.story_offer == "declined"


def test_someone_who_cannot_write_the_story_cannot_answer_for_the_person(client, member):
    made = ReferralFactory(person=PersonFactory(), situation="Private", story_offer="offered")
    client.force_login(member("clinician"))
    assert client.post(f"/referrals/{made.pk}/story-offer/", {"agreed": "yes"}).status_code == 404


def test_home_shows_the_spa_what_waits_and_the_referrer_what_happened(client, member, spa_team):
    now = timezone.now()
    ReferralFactory(urgency="urgent", received_at=now - timedelta(hours=6))
    ReferralFactory(urgency="routine", received_at=now)
    client.force_login(member("spa_triage", team=spa_team))
    assert "2 referrals waiting for a decision, 1 overdue" in texts(client.get("/"))
    gp = member("gp")
    from alongside.core.models import Alert

    Alert.objects.create(recipient=gp, text="Your referral R000001 has been accepted.", url="/referrals/1/")
    client.force_login(gp)
    assert "Your referral R000001 has been accepted." in texts(client.get("/"))


def test_a_team_leader_sees_the_referrals_accepted_for_their_team_needing_a_named_worker_first(client, member):
    team = TeamFactory()
    leader = member("team_leader", team=team)
    now = timezone.now()
    ReferralFactory(status="allocated", team=team, person=PersonFactory(given_name="Alf"), decided_at=now)
    ReferralFactory(status="accepted", team=team, person=PersonFactory(given_name="Bet"), decided_at=now)
    ReferralFactory(status="accepted", team=TeamFactory(), person=PersonFactory(given_name="Cy"), decided_at=now)
    client.force_login(leader)
    with CaptureQueriesContext(connection) as queries:
        page = texts(client.get("/referrals/team/"))
    assert page.index("Bet") < page.index("Alf") and "Cy " not in page
    assert "Accepted, waiting for a named worker" in page
    ReferralFactory.create_batch(5, status="accepted", team=team, person=PersonFactory(), decided_at=now)
    with CaptureQueriesContext(connection) as more:
        client.get("/referrals/team/")
    assert len(more) == len(queries)


def test_a_referral_taken_by_phone_names_the_caller_who_is_told_by_email(client, as_spa):
    from alongside.core.models import Message

    key = re.search(r'name="form_key" value="([^"]+)"', client.get("/referrals/new/").content.decode()).group(1)
    check = client.post(
        "/referrals/new/",
        {
            "form_key": key,
            "source": "family_carer",
            "given_name": "Ada",
            "family_name": "Okafor",
            "birth_date_day": "12",
            "birth_date_month": "3",
            "birth_date_year": "1941",
            "postcode": "NV1 2AB",
            "reason": "Her daughter rang: more falls",
            "urgency": "soon",
            "referrer_name": "Joy Okafor",
            "referrer_relationship": "daughter",
            "referrer_email": "joy@example.com",
            "action": "send",
        },
    )
    client.post(check["Location"])
    made = Referral.objects.get()
    assert made.referrer_name == "Joy Okafor" and made.referrer_user == as_spa
    assert Message.objects.get().to == "joy@example.com"
    client.post(f"/referrals/{made.pk}/decision/", {"decision": "decline", "reason": "Not us", "version": made.version})
    assert Message.objects.filter(reference=f"referral-{made.pk}-declined", to="joy@example.com").exists()
