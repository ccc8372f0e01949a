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
    assert "Saw your name in a search, opened your story to update it and updated your story" in content  # one visit


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
    other = staff("clinician", first_name="Kim", last_name="Other")
    relate(ada, other, "care_team")
    for day in range(3):
        reads_by(client, worker, ada, SUMMER_NOON_UTC + timedelta(days=day))
    client.force_login(ada.user)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit:me"))
    for day in range(3, 120):  # a read each day, each a visit of its own, by one worker then the other
        reads_by(client, worker if day % 2 else other, ada, SUMMER_NOON_UTC + timedelta(days=day))
    client.force_login(ada.user)
    with CaptureQueriesContext(connection) as many:
        first = client.get(reverse("audit:me")).content.decode()
    assert len(many) == len(few)
    assert first.count("Looked at your record") == 100 and "Page 1 of 2" in first
    assert "Kim Other, in your care team" in first
    second = client.get(reverse("audit:me"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in second and "Wednesday 1 July 2026, 13:00" in second  # the oldest read is last


def test_repeated_reads_in_one_visit_are_one_line(client, staff, ada):
    worker = staff("clinician", first_name="Sam", last_name="Worker")
    relate(ada, worker)
    tuesday = datetime(2026, 3, 3, 9, 10, tzinfo=UTC)
    for minutes in (0, 10, 30):
        reads_by(client, worker, ada, tuesday + timedelta(minutes=minutes))
    reads_by(client, worker, ada, tuesday + timedelta(days=1))
    client.force_login(ada.user)
    content = client.get(reverse("audit:me")).content.decode()
    assert content.count("Looked at your record") == 2
    assert "Tuesday 3 March 2026, 09:10 to 09:40" in content and "Looked at your record 3 times" in content
    assert "Wednesday 4 March 2026, 09:10" in content
    assert content.count("Sam Worker, your named worker") == 2


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


LOOKED = "Looked at the person&#39;s record"


def dates(from_=None, to=None) -> dict:
    """The day, month and year boxes of the search's dates."""
    query = {}
    for name, parts in (("date_from", from_), ("date_to", to)):
        if parts:
            query |= {f"{name}_{part}": str(value) for part, value in zip(("day", "month", "year"), parts, strict=True)}
    return query


def search(client, **query):
    return client.get(reverse("audit:search"), query).content.decode()


def test_a_person_and_a_period_typed_on_another_keyboard_are_found(client, signed_in, history, ada):
    signed_in("ig_reviewer")
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    by_nhs_number = search(client, person="999 000 0018".translate(arabic))
    assert "2 events found" in by_nhs_number and "sam.worker" in by_nhs_number
    one_day = search(client, **{k: v.translate(arabic) for k, v in dates(from_=(2, 3, 2026), to=(2, 3, 2026)).items()})
    assert one_day.count(LOOKED) == 1 and "kim.worker" in one_day


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
    assert search(client, person=str(ada.pk)).count(LOOKED) == by_nhs_number.count(LOOKED) == 2
    assert search(client, person="ada okafor").count(LOOKED) == 2  # by name
    assert search(client, person="Ada Okafr").count(LOOKED) == 2  # with a slip
    by_user = search(client, username="KIM.worker")
    assert by_user.count(LOOKED) == 2 and "Signed in" in by_user
    assert "Bob" in by_user and "sam.worker" not in by_user
    assert "person_viewed" not in by_user and "signed_in" not in by_user and "relationship" not in by_user
    assert "Part of the person&#39;s care team" in by_user  # the basis in words
    assert search(client, username=kim.get_full_name()).count(LOOKED) == 2  # by name
    assert "1 event found" in search(client, person=str(ada.pk), username="kim.worker")
    one_day = search(client, **dates(from_=(2, 3, 2026), to=(2, 3, 2026)))
    assert one_day.count(LOOKED) == 1 and "kim.worker" in one_day and "Ada Okafor" in one_day
    assert search(client, **dates(from_=(2, 3, 2026))).count(LOOKED) == 2
    searched = AuditEvent.objects.filter(action="audit_searched", actor=reviewer).order_by("at", "pk")
    assert searched.count() == 9
    assert searched.first().person_id == ada.pk and searched.first().detail["results"] == 2
    client.force_login(ada.user)
    assert "Information governance check" in client.get(reverse("audit:me")).content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"person": "999 000 0019"}, "This is not a valid NHS number. Check each digit."),
        ({"person": "9990000026"}, "No one in Alongside has the NHS number 9990000026"),
        ({"person": "Zebedee Quixotic"}, "No one in Alongside is called Zebedee Quixotic. Check the spelling"),
        ({"person": "999999"}, "No one in Alongside has the record number 999999"),
        ({"person": "²"}, "Enter a name, an NHS number or a record number"),  # a digit to isdigit, not to int()
        ({"person": "٩٩٩٠٠٠٠٠٢٦"}, "No one in Alongside has the NHS number 9990000026"),  # Arabic-Indic digits
        ({"person": "٩٩٩ ٠٠٠ ٠٠١٩"}, "This is not a valid NHS number. Check each digit."),
        ({"username": "nobody.here"}, "There is no user called nobody.here. Check the spelling."),
        (dates(from_=(5, 3, 2026), to=(1, 3, 2026)), "The &#39;to&#39; date must be the same as or after"),
        (dates(from_=(31, 2, 2026)), "The &#39;from&#39; date must be a real date, for example 1 3 2026"),
        (dates(from_=(31, "", 2026)), "The &#39;from&#39; date must include a month"),
        ({"person": ""}, "Enter a person, a user or a period to search the audit"),
    ],
)
def test_search_errors_are_specific_and_keep_what_was_typed(client, signed_in, db, query, message):
    signed_in("ig_reviewer")
    content = search(client, **query)
    assert "There is a problem" in content and message in content and "events found" not in content
    for value in query.values():
        assert f'value="{value}"' in content or not value
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
    assert "30 events found" in content and content.count(LOOKED) == 25
    assert len(many) == len(few)
    query = {"person": ada.pk, "username": worker.username, "page": 2}
    second = client.get(reverse("audit:search"), query).content.decode()
    assert second.count(LOOKED) == 5
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
    assert found.count("Tried to sign in, but the password was wrong") == 2
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


def test_a_name_that_fits_several_people_or_users_asks_which(client, member, staff, db):
    first = PersonFactory(given_name="Mary", family_name="Jones")
    second = PersonFactory(given_name="Mary", family_name="Jones")
    staff("clinician", first_name="Sam", last_name="Okoro", username="sam.okoro")
    staff("clinician", first_name="Sam", last_name="Okafor", username="sam.okafor")
    # named so that "sam" cannot match the reviewer too (a made-up name could be Samuel or Samira)
    reviewer = member("ig_reviewer", first_name="Ines", last_name="Reid")
    client.force_login(reviewer)
    content = search(client, person="mary jones", username="sam")
    assert "2 people are called mary jones. Choose one from the list below the search." in content
    assert "2 users match sam. Choose one from the list below the search." in content
    assert f"person={first.pk}" in content and f"person={second.pk}" in content
    assert "username=sam.okoro" in content and "username=sam.okafor" in content
    assert "events found" not in content
    shown = AuditEvent.objects.filter(action="audit_person_candidates", actor=reviewer)
    assert sorted(shown.values_list("person_id", flat=True)) == sorted([first.pk, second.pk])
    chosen = search(client, person=first.pk, username="sam.okoro")
    assert "There is a problem" not in chosen and "Which person?" not in chosen and "0 events found" in chosen


def test_no_action_or_basis_is_shown_as_a_code():
    from alongside.audit import wording
    from alongside.people.policy import Basis

    for action in [*wording.WHAT, *wording.ABOUT_THE_SERVICE, "something_new", "denied:person_viewed"]:
        for about_a_person in (True, False):
            words = wording.action_in_words(action, about_a_person)
            assert "_" not in words and action not in words and words[:1].isupper(), (action, words)
    assert wording.action_in_words("denied:person_viewed", True) == "Not allowed: looked at the person's record"
    for basis in Basis:
        assert "_" not in wording.basis_in_words("person_viewed", basis.value, True)
