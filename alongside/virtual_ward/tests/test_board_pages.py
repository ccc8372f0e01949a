"""The capacity board, its live region, the day's beds and the API: what the ward team sees, in a fixed number of
queries, and what anyone else gets (the missing page)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import enrol_totp
from alongside.virtual_ward.models import DayCapacity, PlannedContact, Referral

from .factories import ReviewFactory, WardFactory, nurse
from .factories_board import admitted, full_ward, waiting_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return WardFactory(beds=10)


@pytest.fixture
def sam(ward):
    user = nurse(ward)
    enrol_totp(user)
    return user


def test_the_board_shows_beds_patients_and_their_hour_of_72(client, ward, sam):
    episode = admitted(ward, 3, hours_ago=29, person__given_name="Ada", person__family_name="Okafor")
    ReviewFactory(episode=episode, at=timezone.now() - timedelta(hours=26))
    PlannedContact.objects.create(
        episode=episode, person=episode.person, kind="call", due_at=timezone.now() + timedelta(hours=1), nurse=sam
    )
    waiting_referral(ward)
    client.force_login(sam)
    page = client.get("/virtual-ward/").content.decode()
    assert '<h1 class="nhsuk-heading-l">Virtual ward board</h1>' in page
    assert "Ada Okafor" in page and "Bed 3" in page
    assert "Hour 30 of 72" in page
    assert "No review for 26 hours" in page
    assert "phone call at" in page and sam.display_name in page
    assert 'id="beds-today">10<' in page and 'id="beds-occupied">1<' in page and 'id="beds-free">9<' in page
    assert 'id="waiting-for-decision">1<' in page
    assert "NEWS2 0: Low" in page
    assert AuditEvent.objects.filter(action="ward_board_viewed", person_id=episode.person_id).exists()


def test_an_incomplete_score_is_told_apart_and_todays_beds_and_who_leaves(client, ward, sam):
    episode = admitted(ward, 1, hours_ago=65)
    ReviewFactory(episode=episode, pulse=None, respiration_rate=26)
    DayCapacity.objects.create(ward=ward, day=timezone.localdate(), beds=6, reason="Two nurses off sick", set_by=sam)
    client.force_login(sam)
    page = client.get("/virtual-ward/board/live/").content.decode()
    assert "NEWS2 incomplete (at least 3)" in page
    assert 'id="beds-today">6<' in page and "Two nurses off sick" in page
    assert 'id="leaving"' in page and "<h1" not in page  # the region alone


def test_accepted_and_not_admitted_are_counted_as_waiting_for_a_bed(client, ward, sam):
    waiting_referral(ward, decision=Referral.Decision.ACCEPTED, decided_at=timezone.now())
    client.force_login(sam)
    assert 'id="waiting-for-bed">1<' in client.get("/virtual-ward/").content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_board_takes_the_same_queries_whatever_the_number_of_patients(
    client, ward, sam, count, django_assert_num_queries
):
    full_ward(ward, count, sam)
    waiting_referral(ward)
    client.force_login(sam)
    client.get("/virtual-ward/")
    with django_assert_num_queries(QUERIES):
        page = client.get("/virtual-ward/")
    assert page.content.decode().count('alongside-board__patient"') == count


QUERIES = 15


@pytest.mark.parametrize("count", [3, 30])
def test_the_api_board_takes_the_same_queries_and_gives_the_same_figures(
    client, ward, sam, count, django_assert_num_queries
):
    full_ward(ward, count, sam)
    client.force_login(sam)
    with django_assert_num_queries(API_QUERIES):
        answer = client.get("/api/v1/virtual-ward/board").json()
    assert answer["occupied"] == count and answer["beds"] == 10 and answer["free"] == max(0, 10 - count)
    assert [p["bed"] for p in answer["patients"]] == list(range(1, count + 1))
    assert answer["patients"][0]["news2"] == 0 and answer["patients"][0]["response"] == "low"


API_QUERIES = 14


def test_someone_not_on_the_ward_team_gets_the_missing_page(client, ward, member):
    admitted(ward, 1, person__given_name="Hidden", person__family_name="Person")
    client.force_login(member("clinician"))
    for path in ("/virtual-ward/", "/virtual-ward/board/live/", "/virtual-ward/visits/", "/virtual-ward/capacity/"):
        answer = client.get(path)
        assert answer.status_code == 404 and b"Hidden Person" not in answer.content
    assert client.get("/api/v1/virtual-ward/board").status_code == 404


@pytest.mark.parametrize("role", ["volunteer", "admin", "ig_reviewer", "directory_editor"])
def test_a_role_that_gives_no_care_gets_the_missing_page_audited_never_a_refusal(client, ward, member, role):
    """A 403 would tell them the page exists: they get the site's missing page, as for any other refusal."""
    episode = full_ward(ward, 1, nurse(ward))[0]
    planned = PlannedContact.objects.get(episode=episode)
    client.force_login(member(role))
    paths = ["/virtual-ward/", "/virtual-ward/board/live/", "/virtual-ward/visits/", "/virtual-ward/capacity/",
             f"/virtual-ward/visits/{planned.pk}/done/", f"/virtual-ward/episodes/{planned.episode_id}/reviews/new/",
             f"/virtual-ward/figures/?ward={ward.pk}", f"/virtual-ward/figures.csv?ward={ward.pk}"]  # fmt: skip
    for path in paths:
        assert client.get(path).status_code == 404, path
    denied = set(AuditEvent.objects.filter(action__startswith="denied:").values_list("action", flat=True))
    assert {"denied:ward_board_viewed", "denied:ward_visits_viewed", "denied:ward_day_beds_opened",
            "denied:ward_visit_opened", "denied:ward_review_opened", "denied:virtual_ward_figures_viewed",
            "denied:virtual_ward_figures_exported"} <= denied  # fmt: skip


def test_a_user_on_two_ward_teams_chooses_with_ward(client, ward, sam):
    other = WardFactory(name="Hillside virtual ward")
    from alongside.partners.tests.factories import MembershipFactory

    MembershipFactory(team=other.team, user=sam, role="clinician")
    admitted(other, 2, person__given_name="Bo", person__family_name="Lind")
    client.force_login(sam)
    page = client.get(f"/virtual-ward/?ward={other.pk}").content.decode()
    assert "Bo Lind" in page and "Hillside virtual ward" in page
    assert "Bo Lind" not in client.get(f"/virtual-ward/?ward={ward.pk}").content.decode()


def test_a_ward_that_is_not_a_plain_number_shows_the_user_s_ward_as_with_none_asked(client, ward, sam):
    client.force_login(sam)
    odd = client.get("/virtual-ward/?ward=%C2%B2")  # "²": a digit to str.isdigit, not to int()
    assert odd.status_code == 200 and ward.name in odd.content.decode()


def test_the_header_shows_virtual_ward_to_its_team_only(client, ward, sam, member):
    client.force_login(sam)
    assert b'href="/virtual-ward/"' in client.get("/virtual-ward/").content
    client.force_login(member("clinician"))
    assert b">Virtual ward<" not in client.get("/").content


def test_the_team_leader_sets_the_beds_for_a_day_and_too_few_is_refused_kindly(client, ward):
    leader = nurse(ward, role="team_leader")
    enrol_totp(leader)
    for bed in (1, 2, 3):
        admitted(ward, bed)
    client.force_login(leader)
    today = timezone.localdate()
    form = {"day_day": today.day, "day_month": today.month, "day_year": today.year, "beds": "2", "reason": "Snow"}
    page = client.post("/virtual-ward/capacity/", form).content.decode()
    assert "3 people have a bed on the ward on" in page and "Set at least 3 beds" in page
    assert 'value="Snow"' in page
    assert not DayCapacity.objects.exists()
    assert client.post("/virtual-ward/capacity/", form | {"beds": "4"}).status_code == 302
    assert client.post("/virtual-ward/capacity/", form | {"beds": "4"}).status_code == 302  # again: still one
    assert DayCapacity.objects.get().beds == 4
    assert AuditEvent.objects.filter(action="ward_day_beds_set", object_id=str(ward.pk)).count() == 2
    bad = client.post("/virtual-ward/capacity/", form | {"beds": "many", "day_month": "13"}).content.decode()
    assert "Enter the number of beds as a whole number" in bad


def test_a_nurse_who_does_not_lead_the_team_cannot_set_beds(client, ward, sam):
    client.force_login(sam)
    assert client.get("/virtual-ward/capacity/").status_code == 404
    assert "Set the beds for a day" not in client.get("/virtual-ward/").content.decode()  # no link to it either


def test_the_team_leader_finds_the_beds_from_the_board_and_each_page_goes_back_to_it(client, ward):
    leader = nurse(ward, role="team_leader")
    enrol_totp(leader)
    client.force_login(leader)
    assert (
        '<a href="/virtual-ward/capacity/">Set the beds for a day</a>' in client.get("/virtual-ward/").content.decode()
    )
    for path in ("/virtual-ward/visits/", "/virtual-ward/capacity/"):
        page = client.get(path).content.decode()
        assert 'class="nhsuk-back-link"' in page and 'href="/virtual-ward/"' in page and "Back to the board" in page


def test_the_api_chooses_a_ward_and_refuses_another_as_missing(client, ward, sam):
    other = WardFactory()
    admitted(other, 1, person__given_name="Hidden", person__family_name="Person")
    client.force_login(sam)
    refused = client.get(f"/api/v1/virtual-ward/board?ward={other.pk}")
    missing = client.get("/api/v1/virtual-ward/board?ward=2147483647")
    assert refused.status_code == missing.status_code == 404 and refused.content == missing.content
    assert b"Hidden" not in refused.content
    assert client.get(f"/api/v1/virtual-ward/board?ward={ward.pk}").json()["ward_id"] == ward.pk
    assert client.get("/api/v1/virtual-ward/board?ward=many").status_code == 422
