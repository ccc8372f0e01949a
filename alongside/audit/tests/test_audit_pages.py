"""The audit as people see it: a person's own access history, and the IG reviewers' search."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.breakglass.tests.factories import BreakGlassFactory
from alongside.consent.tests.factories import ConsentFactory
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, allocate

SUMMER_NOON_UTC = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)  # 13:00 in the UK (British Summer Time)
LONG_AGO = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.fixture
def staff(member):
    """A member of staff whose membership began long before the reads these tests make."""

    def make(role="clinician", **kwargs):
        user = member(role, **kwargs)
        user.memberships.update(started_at=LONG_AGO)
        return user

    return make


def relate(person, user, kind="named_worker"):
    return RelationshipFactory(person=person, user=user, kind=kind, started_at=LONG_AGO)


@pytest.fixture
def ada(db):
    user = UserFactory(first_name="Ada")
    return PersonFactory(user=user, given_name="Ada", family_name="Okafor", nhs_number="9990000018")


def reads_by(client, user, person, at):
    with time_machine.travel(at, tick=False):
        client.force_login(user)
        return client.get(reverse("people:person", args=[person.pk]))


def test_the_person_sees_who_looked_when_and_why_in_plain_words(client, staff, ada):
    team = TeamFactory(organisation=OrganisationFactory(name="Riverside Community Trust"))
    worker = staff("clinician", team=team, first_name="Sam", last_name="Worker")
    relate(ada, worker)
    emergency = staff("clinician", first_name="Eve", last_name="Emergency")
    BreakGlassFactory(user=emergency, person=ada, started_at=SUMMER_NOON_UTC - timedelta(hours=1))
    partner = staff("social_worker", first_name="Pat", last_name="Partner")
    organisation = partner.memberships.get().team.organisation
    ConsentFactory(person=ada, actor_kind="organisation", organisation=organisation, categories=[], start=LONG_AGO)
    stranger = staff("clinician", first_name="Nosy", last_name="Stranger")
    reads_by(client, worker, ada, SUMMER_NOON_UTC)
    reads_by(client, emergency, ada, SUMMER_NOON_UTC + timedelta(minutes=5))
    reads_by(client, partner, ada, SUMMER_NOON_UTC + timedelta(minutes=10))
    assert reads_by(client, stranger, ada, SUMMER_NOON_UTC + timedelta(minutes=15)).status_code == 404
    reads_by(client, ada.user, ada, SUMMER_NOON_UTC + timedelta(minutes=20))

    client.force_login(ada.user)
    content = client.get(reverse("audit:me")).content.decode()
    assert "Who has looked at your record" in content
    assert "Sam Worker" in content and "Clinician, Riverside Community Trust" in content
    assert "1 July 2026, 13:00" in content  # UK time, not UTC
    assert "Looked at your record" in content
    assert "Part of your care team" in content
    assert "Emergency access (break-glass)" in content and "Eve Emergency" in content
    assert "You agreed to share" in content and "Pat Partner" in content
    assert "Nosy Stranger" not in content  # a refused attempt is not an access
    assert content.index("Pat Partner") < content.index("Eve Emergency") < content.index("Sam Worker")
    assert "You did this" not in content  # their own reads are left out
    event = AuditEvent.objects.filter(action="access_log_viewed").get()
    assert event.basis == "self" and event.person_id == ada.pk and event.actor == ada.user


def test_search_results_and_changes_are_in_plain_words(client, staff, ada):
    worker = staff("clinician")
    relate(ada, worker)
    client.force_login(worker)
    client.get(reverse("people:search"), {"q": "Okafor"})
    client.post(
        reverse("people:edit_story", args=[ada.pk, "my_story"]),
        {"text": "I grew up by the sea", "reason": "First told", "based_on": 0},
    )
    client.force_login(ada.user)
    content = client.get(reverse("audit:me")).content.decode()
    assert "Saw your name in a search" in content and "Updated your story" in content


def test_a_proxy_reads_the_history_of_the_person_they_act_for(client, staff, ada):
    proxy = UserFactory(first_name="Grace")
    relate(ada, proxy, "proxy")
    worker = staff("clinician", first_name="Sam", last_name="Worker")
    relate(ada, worker)
    reads_by(client, worker, ada, SUMMER_NOON_UTC)
    client.force_login(proxy)
    content = client.get(reverse("audit:person", args=[ada.pk])).content.decode()
    assert "Who has looked at Ada&#39;s record" in content
    assert "Sam Worker" in content and "Part of Ada&#39;s care team" in content
    assert AuditEvent.objects.get(action="access_log_viewed").basis == "proxy"
    client.force_login(ada.user)
    content = client.get(reverse("audit:me")).content.decode()
    assert "Looked at who has seen your record" in content and "Acting for you, as you chose" in content


@pytest.mark.parametrize("who", ["named worker", "stranger", "other person", "volunteer"])
def test_nobody_else_reads_someones_access_history(client, member, ada, who):
    if who == "other person":
        user = UserFactory()
        PersonFactory(user=user)
    else:
        user = member("volunteer" if who == "volunteer" else "clinician")
        if who != "stranger":
            allocate(ada, "volunteer" if who == "volunteer" else "named_worker", user=user)
    client.force_login(user)
    missing = client.get(reverse("audit:person", args=[999_999_999]))
    response = client.get(reverse("audit:person", args=[ada.pk]))
    assert response.status_code == missing.status_code == 404 and response.content == missing.content
    assert AuditEvent.objects.filter(action="denied:access_log_viewed", actor=user).exists()


def test_my_history_is_for_people_with_a_record(client, signed_in, db):
    assert client.get(reverse("audit:me")).status_code == 302  # signed out: to sign in
    signed_in("clinician")
    assert client.get(reverse("audit:me")).status_code == 403


def test_the_history_is_paginated_with_the_same_queries_on_every_page(client, staff, ada):
    worker = staff("clinician")
    relate(ada, worker)
    for minute in range(3):
        reads_by(client, worker, ada, SUMMER_NOON_UTC + timedelta(minutes=minute))
    client.force_login(ada.user)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit:me"))
    for minute in range(3, 40):
        reads_by(client, worker, ada, SUMMER_NOON_UTC + timedelta(minutes=minute))
    client.force_login(ada.user)
    with CaptureQueriesContext(connection) as many:
        first = client.get(reverse("audit:me")).content.decode()
    assert len(many) == len(few)
    assert first.count("Looked at your record") == 25 and "Page 1 of 2" in first
    second = client.get(reverse("audit:me"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in second and "1 July 2026, 13:00" in second  # the oldest read is last


# ---------------------------------------------------------------------------------------- IG search


@pytest.fixture
def history(staff, client, ada):
    """Reads of Ada's record by two workers on two days, and a read of someone else's."""
    sam = staff("clinician", username="sam.worker")
    kim = staff("clinician", username="kim.worker")
    bob = PersonFactory(given_name="Bob")
    relate(ada, sam)
    relate(ada, kim, "care_team")
    relate(bob, kim, "care_team")
    reads_by(client, sam, ada, datetime(2026, 3, 1, 10, tzinfo=UTC))
    reads_by(client, kim, ada, datetime(2026, 3, 2, 10, tzinfo=UTC))
    reads_by(client, kim, bob, datetime(2026, 3, 3, 10, tzinfo=UTC))
    return sam, kim, bob


def search(client, **query):
    return client.get(reverse("audit:search"), query).content.decode()


def test_only_ig_reviewers_search_the_audit(client, signed_in, db):
    for role in ("clinician", "admin", "team_leader"):
        signed_in(role)
        assert client.get(reverse("audit:search")).status_code == 403
    signed_in("ig_reviewer")
    assert client.get(reverse("audit:search")).status_code == 200


def test_search_by_person_user_and_period(client, signed_in, history, ada):
    sam, kim, bob = history
    reviewer = signed_in("ig_reviewer")
    by_nhs_number = search(client, person="999 000 0018")
    assert "2 events found" in by_nhs_number and "sam.worker" in by_nhs_number and "Bob" not in by_nhs_number
    assert search(client, person=str(ada.pk)).count("person_viewed") == by_nhs_number.count("person_viewed")
    by_user = search(client, username="KIM.worker")
    assert by_user.count("<code>person_viewed</code>") == 2 and "<code>signed_in</code>" in by_user
    assert "Bob" in by_user and "sam.worker" not in by_user
    assert "1 event found" in search(client, person=str(ada.pk), username="kim.worker")
    one_day = search(client, date_from="2026-03-02", date_to="2026-03-02")
    assert one_day.count("<code>person_viewed</code>") == 1 and "kim.worker" in one_day and "Ada Okafor" in one_day
    assert search(client, date_from="02/03/2026").count("<code>person_viewed</code>") == 2
    searched = AuditEvent.objects.filter(action="audit_searched", actor=reviewer).order_by("at", "pk")
    assert searched.count() == 6
    assert searched.first().person_id == ada.pk and searched.first().detail["results"] == 2
    client.force_login(ada.user)
    assert "Information governance check" in client.get(reverse("audit:me")).content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"person": "999 000 0019"}, "This is not a valid NHS number. Check each digit."),
        ({"person": "9990000026"}, "No one in Alongside has the NHS number 9990000026"),
        ({"person": "ada"}, "Enter an NHS number or a record number, using numbers only"),
        ({"person": "999999"}, "No one in Alongside has the record number 999999"),
        ({"username": "nobody.here"}, "There is no user with the username nobody.here"),
        ({"date_from": "2026-03-05", "date_to": "2026-03-01"}, "The &#39;to&#39; date must be the same as or after"),
        ({"date_from": "31/02/2026"}, "Enter the &#39;from&#39; date as a real date"),
        ({"person": ""}, "Enter a person, a user or a period to search the audit"),
    ],
)
def test_search_errors_are_specific_and_keep_what_was_typed(client, signed_in, db, query, message):
    signed_in("ig_reviewer")
    content = search(client, **query)
    assert "There is a problem" in content and message in content and "events found" not in content
    for value in query.values():
        assert f'value="{value}"' in content
    assert not AuditEvent.objects.filter(action="audit_searched").exists()


def test_search_makes_the_same_queries_however_many_results(client, signed_in, staff, ada):
    worker = staff("clinician")
    relate(ada, worker)
    reads_by(client, worker, ada, SUMMER_NOON_UTC)
    signed_in("ig_reviewer")
    with CaptureQueriesContext(connection) as few:
        search(client, person=ada.pk, username=worker.username)
    for minute in range(1, 30):
        reads_by(client, worker, ada, SUMMER_NOON_UTC + timedelta(minutes=minute))
    signed_in("ig_reviewer")
    with CaptureQueriesContext(connection) as many:
        content = search(client, person=ada.pk, username=worker.username)
    assert "30 events found" in content and content.count("<code>person_viewed</code>") == 25
    assert len(many) == len(few)
    query = {"person": ada.pk, "username": worker.username, "page": 2}
    second = client.get(reverse("audit:search"), query).content.decode()
    assert second.count("<code>person_viewed</code>") == 5
    assert f"username={worker.username}&amp;page=1" in second  # the page links keep the search


def test_the_person_sees_links_to_their_record_choices_and_history(client, ada):
    client.force_login(ada.user)
    home = client.get(reverse("home")).content.decode()
    for href in (
        reverse("people:person", args=[ada.pk]),
        reverse("consent:choices", args=[ada.pk]),
        reverse("audit:me"),
    ):
        assert f'href="{href}"' in home
    assert "Who has looked at my record" in home and "Sharing choices" in home


def test_searching_a_user_shows_the_failed_sign_ins_against_their_account(client, signed_in, staff):
    """The IG alert about many failed sign-ins links here: the failures, which have no actor, must be found."""
    kim = staff("clinician", username="kim.worker")
    for typed in ("KIM.worker", "kim.worker"):
        client.post(reverse("account_login"), {"login": typed, "password": "not her password"})
    signed_in("ig_reviewer")
    found = search(client, username="kim.worker")
    assert found.count("<code>sign_in_failed</code>") == 2
    assert kim.username in found


def test_a_username_too_long_for_anyone_is_refused_kindly(client, db):
    response = client.post(reverse("account_login"), {"login": "x" * 150, "password": "a wrong password"})
    assert response.status_code == 200
    assert AuditEvent.objects.get(action="sign_in_failed").object_id == "x" * 150


def test_every_basis_and_every_relationship_change_is_worded_for_the_person():
    """The person reads their access log in words: a basis or a change to who cares for them never shows as
    "Not recorded" or "Used your record"."""
    from alongside.audit import wording
    from alongside.people.policy import Basis

    words = wording.words_for()
    for basis in Basis:
        if basis.value:  # the information governance check is stored without a basis, and worded by its action
            assert wording.why("person_viewed", basis.value, words) != wording.NOT_RECORDED, basis
    assert wording.what("relationship_started", words) == "Added someone to the people caring for you"
    assert wording.what("relationship_ended", words) == "Ended someone's part in your care"
