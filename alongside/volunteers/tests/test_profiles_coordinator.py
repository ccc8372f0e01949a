"""The coordinator's pages: their hub's volunteers with standing, one volunteer's page with their clients (a
lapsed volunteer's allocations carry a warning only the coordinator sees), and recording checks, training and a
paper agreement. Another hub's volunteer is "Page not found"."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.volunteers.matching_queries import candidates
from alongside.volunteers.models import Agreement, Check, Training

from .profiles_factories import hub, in_good_standing, profile, volunteer_in

pytestmark = pytest.mark.django_db
LIST = "/volunteers/hub/"


@pytest.fixture
def living_well():
    return hub()


@pytest.fixture
def carol(member, living_well):
    return member("coordinator", team=living_well, first_name="Carol", last_name="Reid")


def lapsed_volunteer(team, today):
    user = volunteer_in(team, first_name="Lapsed", last_name="Lee")
    in_good_standing(profile(user, capacity=3), today, runs_out={"dbs": today - timedelta(days=3)})
    return user


def test_the_list_shows_standing_clients_against_capacity_and_filters(client, carol, living_well):
    today = timezone.localdate()
    good = volunteer_in(living_well, first_name="Ann", last_name="Able")
    in_good_standing(profile(good, capacity=4), today, runs_out={"reference": today + timedelta(days=20)})
    lapsed_volunteer(living_well, today)
    RelationshipFactory(person=PersonFactory(), user=good, kind="volunteer")
    volunteer_in(hub("Another hub"), first_name="Other", last_name="Hub")
    client.force_login(carol)
    page = client.get(LIST).content.decode()
    assert "Ann Able" in page and "Lapsed Lee" in page and "Other Hub" not in page
    assert "1 of 4" in page
    full = volunteer_in(living_well, first_name="Fay", last_name="Full")
    in_good_standing(profile(full, capacity=1), today)
    RelationshipFactory(person=PersonFactory(), user=full, kind="volunteer")
    row = client.get(LIST).content.decode().split(f'id="volunteer-{full.pk}"')[1].split("</tr>")[0]
    assert "In date, but has no room for another client" in row and "May take new clients" not in row
    ran_out = today - timedelta(days=3)
    assert f"Their DBS check ran out on {ran_out.day} {ran_out:%B %Y}" in page
    assert "Due soon: Reference runs out on" in page
    lapsed_only = client.get(LIST, {"show": "lapsed"}).content.decode()
    assert "Lapsed Lee" in lapsed_only and "Ann Able" not in lapsed_only
    due_only = client.get(LIST, {"show": "due"}).content.decode()
    assert "Ann Able" in due_only and "Lapsed Lee" not in due_only
    assert client.get(LIST, {"show": "nonsense", "page": "x"}).status_code == 200


def test_the_list_reads_a_fixed_number_of_times_and_pages(client, carol, living_well):
    today = timezone.localdate()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    client.force_login(carol)
    for n in range(2):
        user = volunteer_in(living_well, last_name=f"A{n}")
        in_good_standing(profile(user), today)
        RelationshipFactory(person=PersonFactory(), user=user, kind="volunteer")
    few = queries()
    for n in range(30):
        user = volunteer_in(living_well, last_name=f"B{n:02d}")
        in_good_standing(profile(user), today)
        RelationshipFactory(person=PersonFactory(), user=user, kind="volunteer")
    assert queries() == few
    first = client.get(LIST).content.decode()
    assert "You are looking at 1 to 25" in first and "B22" in first and "B23" not in first
    second = client.get(LIST, {"page": "2"}).content.decode()
    assert "B29" in second and "A0" not in second


def test_a_lapsed_volunteers_allocations_carry_a_warning_for_the_coordinator_only(client, carol, living_well):
    today = timezone.localdate()
    lapsed = lapsed_volunteer(living_well, today)
    person = PersonFactory(given_name="Mabel", family_name="Okafor", user=None)
    RelationshipFactory(person=person, user=lapsed, kind="volunteer")
    client.force_login(carol)
    page = client.get(reverse("volunteers:hub_volunteer", args=[lapsed.pk])).content.decode()
    ran_out = today - timedelta(days=3)
    assert "Mabel Okafor" in page
    assert f"Their DBS check ran out on {ran_out.day} {ran_out:%B %Y}: arrange a new one" in page
    listed = AuditEvent.objects.get(action="volunteer_clients_listed")
    assert listed.person_id == person.pk
    assert AuditEvent.objects.filter(action="volunteer_profile_opened", object_type="volunteer").count() == 1
    # never on the person's record, nor for the volunteer
    client.force_login(lapsed)
    assert "arrange a new one" not in client.get(reverse("volunteers:own_profile")).content.decode()
    assert "arrange a new one" not in client.get("/").content.decode()


def test_another_hubs_volunteer_is_not_found_like_a_missing_one_and_the_refusal_is_audited(client, carol):
    theirs = volunteer_in(hub("Another hub"))
    client.force_login(carol)
    for user_id in (theirs.pk, 2147483647):
        for name in ("hub_volunteer", "new_check", "new_training", "new_paper_agreement"):
            assert client.get(reverse(f"volunteers:{name}", args=[user_id])).status_code == 404
    assert AuditEvent.objects.filter(action="denied:volunteer_profile_opened").count() == 8


def dates(prefix: str, on) -> dict:
    return {f"{prefix}_day": str(on.day), f"{prefix}_month": str(on.month), f"{prefix}_year": str(on.year)}


def test_recording_a_check_once_with_specific_messages_for_bad_dates(client, carol, living_well):
    volunteer = volunteer_in(living_well)
    url = reverse("volunteers:new_check", args=[volunteer.pk])
    client.force_login(carol)
    today = timezone.localdate()
    key = {"form_key": "5c0c7c3e-2222-4000-8000-000000000001"}
    cases = [
        (
            {"kind": "dbs", "level": "enhanced", "done_on_day": "31", "done_on_month": "2", "done_on_year": "2026"},
            "The date of the check must be a real date, for example 14 3 2026",
        ),
        (
            {"kind": "dbs", "level": "enhanced", "done_on_day": "3", "done_on_month": "", "done_on_year": "2026"},
            "The date of the check must include a month",
        ),
        (
            {"kind": "dbs", **dates("done_on", today + timedelta(days=2))},
            "The date of the check must be today or in the past",
        ),
        (
            {"kind": "dbs", **dates("done_on", today), **dates("expires_on", today)},
            "The date it runs out must be after the date it was done",
        ),
        (
            {"kind": "dbs", **dates("done_on", today), **dates("expires_on", today + timedelta(days=9))},
            "Select which level of DBS check",
        ),
        ({}, "Select what kind of check"),
    ]
    for data, message in cases:
        page = client.post(url, key | data).content.decode()
        assert message in page, message
    page = client.post(url, key | {"kind": "dbs", "done_on_day": "31", "done_on_month": "2", "done_on_year": "2026"})
    assert 'value="31"' in page.content.decode()  # what was typed is kept
    good = key | {"kind": "dbs", "level": "enhanced", **dates("done_on", today), "note": "001234567890"}
    good |= dates("expires_on", today + timedelta(days=3 * 365))
    assert client.post(url, good).status_code == 302
    assert client.post(url, good).status_code == 302  # sent twice
    [check] = Check.objects.filter(volunteer__user=volunteer)
    assert (check.kind, check.level, check.note, check.recorded_by) == ("dbs", "enhanced", "001234567890", carol)
    event = AuditEvent.objects.get(action="volunteer_check_recorded")
    assert event.object_type == "volunteer" and event.person_id is None


def test_recording_training_and_a_paper_agreement(client, carol, living_well):
    volunteer = volunteer_in(living_well)
    client.force_login(carol)
    today = timezone.localdate()
    training = {"form_key": "5c0c7c3e-3333-4000-8000-000000000001", "course": "safeguarding"}
    training |= dates("completed_on", today) | dates("expires_on", today + timedelta(days=365))
    assert client.post(reverse("volunteers:new_training", args=[volunteer.pk]), training).status_code == 302
    assert Training.objects.get(volunteer__user=volunteer).course == "safeguarding"
    url = reverse("volunteers:new_paper_agreement", args=[volunteer.pk])
    page = client.post(url, {"form_key": "5c0c7c3e-3333-4000-8000-000000000002"}).content.decode()
    assert "Enter the date they signed" in page
    signed = {"form_key": "5c0c7c3e-3333-4000-8000-000000000003", **dates("signed_on", today - timedelta(days=1))}
    assert client.post(url, signed).status_code == 302
    agreement = Agreement.objects.get(volunteer__user=volunteer)
    assert agreement.signed_on == today - timedelta(days=1) and agreement.recorded_by == carol


def test_another_hubs_volunteer_answers_exactly_like_a_missing_one_with_the_same_queries(client, carol):
    theirs = volunteer_in(hub("Another hub"))
    client.force_login(carol)
    answers, counts = [], []
    for user_id in (theirs.pk, theirs.pk + 1000):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("volunteers:hub_volunteer", args=[user_id]))
        answers.append((response.status_code, response.content))
        counts.append(len(captured))
    assert answers[0] == answers[1] and answers[0][0] == 404
    assert counts[0] == counts[1]


def test_a_renewed_check_makes_a_lapsed_volunteer_matchable_again(client, carol, living_well):
    """Matching reads what each profile keeps rather than every check: recording a new DBS check through the page
    must bring that up to date at once, or the volunteer would stay left out (and a lapse would go unnoticed)."""
    today = timezone.localdate()
    user = lapsed_volunteer(living_well, today)
    [left_out] = [c for c in candidates(living_well.pk) if c.user_id == user.pk]
    assert any("DBS check ran out" in reason for reason in left_out.lapsed)
    client.force_login(carol)
    renewed = {"form_key": "5c0c7c3e-4444-4000-8000-000000000001", "kind": "dbs", "level": "enhanced"}
    renewed |= dates("done_on", today) | dates("expires_on", today + timedelta(days=3 * 365))
    assert client.post(reverse("volunteers:new_check", args=[user.pk]), renewed).status_code == 302
    [now] = [c for c in candidates(living_well.pk) if c.user_id == user.pk]
    assert now.lapsed == ()
    # and on the day their reference and courses run out, they are left out again, with those reasons
    ends = today + timedelta(days=365)
    [later] = [c for c in candidates(living_well.pk, today=ends) if c.user_id == user.pk]
    on = f"ran out on {ends.day} {ends:%B %Y}"
    assert f"Their reference {on}" in later.lapsed and f"Their safeguarding adults training {on}" in later.lapsed
    assert not any("DBS" in reason for reason in later.lapsed)
