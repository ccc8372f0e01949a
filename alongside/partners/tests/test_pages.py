"""Managing organisations, teams and memberships: forms, messages, duplicates, conflicts and query counts."""

import threading
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.core.forms import once
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Membership, Organisation, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory


def post_organisation(client, **data):
    fields = {"name": "", "kind": "", "ods_code": "", "neighbourhood": "", "form_key": str(uuid.uuid4())}
    return client.post(reverse("partners:new_organisation"), fields | data)


def test_an_empty_form_gets_specific_messages_and_keeps_what_was_typed(admin, client):
    response = post_organisation(client, ods_code="RBT")
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content and "<title>Error: " in content
    assert "Enter the organisation&#39;s name" in content and "Select the kind of organisation" in content
    assert 'value="RBT"' in content
    assert not Organisation.objects.filter(ods_code="RBT").exists()


def test_an_invalid_ods_code_and_a_duplicate_name_are_explained(admin, client):
    OrganisationFactory(name="Northvale Council")
    content = post_organisation(client, name="northvale  council", kind="council", ods_code="R-1").content.decode()
    assert "There is already an organisation called northvale council" in content
    assert "An ODS code has only letters and numbers" in content


def test_adding_an_organisation_is_audited_and_a_resubmission_makes_one(admin, client):
    key = str(uuid.uuid4())
    first = post_organisation(client, name="Riverside Carers", kind="voluntary_organisation", form_key=key)
    again = post_organisation(client, name="Riverside Carers", kind="voluntary_organisation", form_key=key)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Organisation.objects.filter(name="Riverside Carers").count() == 1
    assert AuditEvent.objects.filter(action="organisation_created", actor=admin).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_of_one_form_make_one_record():
    user = UserFactory()
    key = uuid.uuid4()
    results, barrier = [], threading.Barrier(10)

    def submit():
        barrier.wait()
        try:
            results.append(
                once(
                    user,
                    key,
                    lambda: f"/made/{Organisation.objects.create(name=f'Org {uuid.uuid4()}', kind='council').pk}/",
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Organisation.objects.count() == 1
    assert len({url for url, _ in results}) == 1 and sum(made for _, made in results) == 1


def test_a_stale_edit_is_refused_and_shows_both_versions(admin, client):
    org = OrganisationFactory(name="Hillcrest Surgery", kind="gp_practice")
    url = reverse("partners:edit_organisation", args=[org.pk])
    form = {
        "name": "Hillcrest Health Centre",
        "kind": "gp_practice",
        "ods_code": "",
        "neighbourhood": "",
        "version": org.version,
    }
    assert client.post(url, form).status_code == 302  # the first editor saves
    stale = client.post(url, form | {"name": "Hillcrest Medical Practice"})
    content = stale.content.decode()
    assert "Someone else changed this while you were editing" in content
    assert "Hillcrest Health Centre" in content and 'value="Hillcrest Medical Practice"' in content
    org.refresh_from_db()
    assert org.name == "Hillcrest Health Centre" and org.version == 2
    resaved = client.post(url, form | {"name": "Hillcrest Medical Practice", "version": 2})
    assert resaved.status_code == 302
    org.refresh_from_db()
    assert org.name == "Hillcrest Medical Practice"


def test_adding_a_member_finds_them_by_name_and_explains_repeated_roles(admin, client):
    team = TeamFactory()
    url = reverse("partners:new_membership", args=[team.pk])
    # names no made-up admin could share, so that exactly two are found
    okoro = UserFactory(first_name="Zyxamira", last_name="Okoro", username="s.okoro")
    UserFactory(first_name="Zyxam", last_name="Adams", username="sam.adams")
    UserFactory(first_name="Zed", last_name="Zulu", username="zz")
    assert "No one called “nobody here” has a user account" in client.get(url, {"q": "nobody here"}).content.decode()
    assert "Enter their name to find them" in client.get(url, {"q": " "}).content.decode()
    found = client.get(url, {"q": "ZYXAM"}).content.decode()
    assert "2 people found, sorted by last name" in found
    assert found.index("Zyxam Adams") < found.index("Zyxamira Okoro") and "Zed Zulu" not in found
    assert "Zyxamira Okoro" in client.get(url, {"q": "zyxamira okora"}).content.decode()  # one slip
    content = client.post(url, {"q": "okoro", "role": "", "form_key": str(uuid.uuid4())}).content.decode()
    assert "Select the person to add" in content and "Select the role they will have" in content
    assert 'value="okoro"' in content and "Zyxamira Okoro" in content  # the search is kept
    stranger = UserFactory(first_name="Not", last_name="Found")
    content = client.post(
        url, {"q": "okoro", "user": stranger.pk, "role": "clinician", "form_key": str(uuid.uuid4())}
    ).content.decode()
    assert "Select one of the people found, or search again" in content
    response = client.post(url, {"q": "okoro", "user": okoro.pk, "role": "clinician", "form_key": str(uuid.uuid4())})
    assert response.status_code == 302 and Membership.objects.active().filter(team=team, user=okoro).exists()
    content = client.post(
        url, {"q": "okoro", "user": okoro.pk, "role": "clinician", "form_key": str(uuid.uuid4())}
    ).content.decode()
    assert "already has this role" in content


def test_ending_a_membership_needs_a_reason_and_is_recorded(admin, client):
    membership = MembershipFactory(role="volunteer")
    url = reverse("partners:end_membership", args=[membership.pk])
    assert "Enter why this membership is ending" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "Moved away"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None and membership.ended_reason == "Moved away"
    assert AuditEvent.objects.filter(action="membership_ended", object_id=str(membership.pk)).exists()
    assert not Membership.objects.active().filter(pk=membership.pk).exists()


def test_a_team_leader_cannot_make_an_administrator(signed_in, client):
    team = TeamFactory()
    signed_in("team_leader", team=team)
    target = UserFactory()
    response = client.post(
        reverse("partners:new_membership", args=[team.pk]),
        {"q": target.username, "user": target.pk, "role": "admin", "form_key": str(uuid.uuid4())},
    )
    assert "Select one of the roles in the list" in response.content.decode()
    assert 'value="admin"' not in response.content.decode()
    assert not Membership.objects.filter(user=target).exists()


@pytest.mark.parametrize(("endpoint", "model"), [("partners:organisations", "org"), ("partners:teams", "team")])
def test_list_pages_use_a_constant_number_of_queries(endpoint, model, admin, client, django_assert_num_queries):
    def grow(n):
        for _ in range(n):
            team = TeamFactory()
            MembershipFactory.create_batch(2, team=team)

    grow(3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(endpoint)).status_code == 200
    grow(20)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse(endpoint))
    assert response.status_code == 200
    assert (Team.objects.count() if model == "team" else Organisation.objects.count()) >= 23


def test_team_page_uses_a_constant_number_of_queries(admin, client, django_assert_num_queries):
    team = TeamFactory()
    MembershipFactory.create_batch(3, team=team)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("partners:team", args=[team.pk]))
    MembershipFactory.create_batch(30, team=team)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("partners:team", args=[team.pk]))
    assert response.content.decode().count("End membership<") == 33


def test_a_team_leaders_team_page_with_every_panel_uses_a_constant_number_of_queries(
    signed_in, client, django_assert_num_queries
):
    """The team's leader sees every capability's panel under "How the team reflects and improves" (standards,
    climate, supervision, training, stories, representation and more); none of them costs more as the team grows."""
    team = TeamFactory()
    signed_in("team_leader", team=team)
    MembershipFactory.create_batch(3, team=team, role="clinician")
    with CaptureQueriesContext(connection) as small:
        first = client.get(reverse("partners:team", args=[team.pk]))
    assert "How the team reflects and improves" in first.content.decode()
    MembershipFactory.create_batch(20, team=team, role="clinician")
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("partners:team", args=[team.pk]))
    assert response.status_code == 200


def test_the_team_page_leads_back_to_the_list_its_reader_came_from(signed_in, client):
    """A member goes back to their own teams; an administrator, who manages every team, to the list of all."""
    team = TeamFactory()
    signed_in("team_leader", team=team)
    page = client.get(reverse("partners:team", args=[team.pk])).content.decode()
    assert f'href="{reverse("partners:my_teams")}"' in page and "Back to my teams" in page


def test_an_administrators_team_page_leads_back_to_all_teams(admin, client):
    page = client.get(reverse("partners:team", args=[TeamFactory().pk])).content.decode()
    assert f'href="{reverse("partners:teams")}"' in page and "Back to teams" in page


def test_an_ended_membership_stops_working_on_the_next_request(signed_in, client):
    team = TeamFactory()
    user = signed_in("team_leader", team=team)
    assert client.get(reverse("partners:new_membership", args=[team.pk])).status_code == 200
    membership = user.memberships.get()
    membership.ended_at = membership.started_at  # ended
    membership.save()
    assert client.get(reverse("partners:new_membership", args=[team.pk])).status_code == 404
    assert team.name.encode() not in client.get("/").content


def test_administration_lists_are_sorted_by_name_and_say_so(admin, client):
    organisation = OrganisationFactory(name="Zeta Health")
    OrganisationFactory(name="Alpha Care")
    TeamFactory(name="Yellow team", organisation=organisation)
    TeamFactory(name="Blue team", organisation=organisation)
    organisations = client.get(reverse("partners:organisations")).content.decode()
    assert "Sorted by name, A to Z" in organisations
    assert organisations.index("Alpha Care") < organisations.index("Zeta Health")
    teams = client.get(reverse("partners:teams")).content.decode()
    assert "Sorted by team name, A to Z" in teams and teams.index("Blue team") < teams.index("Yellow team")
    one = client.get(reverse("partners:organisation", args=[organisation.pk])).content.decode()
    assert "Sorted by team name, A to Z" in one and one.index("Blue team") < one.index("Yellow team")


def test_ending_the_membership_of_someones_named_worker_warns_and_needs_a_choice_or_a_confirmation(
    admin, client, monkeypatch
):
    from alongside.partners import handover

    membership = MembershipFactory(role="clinician", user__first_name="Jo", user__last_name="Bright")
    people = ["Ada Okafor", "Bob Tan"]
    monkeypatch.setattr(
        handover.registry,
        "membership_ending",
        lambda: [lambda request, m: handover.Handover(list(people), "/choose/") if m == membership else None],
    )
    url = reverse("partners:end_membership", args=[membership.pk])
    page = client.get(url).content.decode()
    assert "Jo Bright is named worker for 2 people" in page and "Ada Okafor" in page and "Bob Tan" in page
    assert 'href="/choose/"' in page and "Choose new named workers" in page
    refused = client.post(url, {"reason": "Left the organisation"}).content.decode()
    assert "Choose a new named worker for each person first, or confirm that they will have none for now" in refused
    assert 'value="Left the organisation"' in refused
    membership.refresh_from_db()
    assert membership.ended_at is None
    assert client.post(url, {"reason": "Left the organisation", "leave_without": "on"}).status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None
    event = AuditEvent.objects.get(action="membership_ended", object_id=str(membership.pk))
    assert event.detail["left_without_named_worker"] == 2


def test_ending_a_membership_with_nobody_left_asks_for_no_confirmation(admin, client, monkeypatch):
    from alongside.partners import handover

    monkeypatch.setattr(handover.registry, "membership_ending", lambda: [lambda request, m: None])
    membership = MembershipFactory(role="clinician")
    url = reverse("partners:end_membership", args=[membership.pk])
    assert "named worker for" not in client.get(url).content.decode()
    assert client.post(url, {"reason": "Moved away"}).status_code == 302


def test_a_teams_phone_number_is_set_checked_and_tappable(admin, client):
    """The number the people a team supports see on their home page to reach their named worker."""
    organisation = OrganisationFactory()
    fields = {"organisation": organisation.pk, "name": "Riverside", "kind": "neighbourhood_team", "neighbourhood": ""}
    wrong = client.post(reverse("partners:new_team"), fields | {"phone": "12", "form_key": str(uuid.uuid4())})
    assert "Enter a UK phone number, like 07700 900123" in wrong.content.decode()
    assert 'value="12"' in wrong.content.decode()
    client.post(reverse("partners:new_team"), fields | {"phone": "01632960123", "form_key": str(uuid.uuid4())})
    team = Team.objects.get(name="Riverside")
    assert team.phone == "01632 960123"
    page = client.get(reverse("partners:team", args=[team.pk])).content.decode()
    assert '<a href="tel:+44-1632-960123">01632 960123</a>' in page
