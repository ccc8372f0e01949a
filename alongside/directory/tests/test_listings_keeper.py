"""Choosing who keeps a listing: among the directory editors and hub coordinators of one's own partner
organisation, recorded in the history, the new keeper told, a choice begun before someone else's refused."""

import re

import pytest
from django.utils import timezone

from alongside.core.models import Alert
from alongside.partners.models import Role, Team
from alongside.partners.tests.factories import MembershipFactory, TeamFactory

from .. import actions_listings as actions
from .. import listings_queries as queries
from ..models import ListingChange, Organisation, Service
from .listings_factories import organisation, request_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(member):
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Living Well hub")
    council = TeamFactory(organisation=hub.organisation, kind=Team.Kind.NEIGHBOURHOOD, name="Council team")
    elsewhere = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Other hub")
    carol = member(Role.COORDINATOR, team=hub, first_name="Carol", last_name="Reid")
    dev = member(Role.DIRECTORY_EDITOR, team=council, first_name="Dev", last_name="Patel")
    MembershipFactory(user=dev, team=hub, role=Role.COORDINATOR)
    left = member(Role.DIRECTORY_EDITOR, team=council, first_name="Lee", last_name="Gone")
    left.memberships.update(ended_at=timezone.now())
    return {
        "carol": carol,
        "dev": dev,
        "left": left,
        "volunteer": member(Role.VOLUNTEER, team=hub, first_name="Vic", last_name="Helper"),
        "coordinator outside a hub": member(Role.COORDINATOR, team=council, first_name="Cal", last_name="Team"),
        "other organisation": member(Role.DIRECTORY_EDITOR, team=elsewhere, first_name="Olu", last_name="Other"),
    }


def test_the_choices_are_the_keepers_of_ones_own_organisation_by_surname(people):
    choices = queries.keeper_choices(request_as(people["carol"]))
    assert [c.name for c in choices] == ["Dev Patel", "Carol Reid"]
    assert choices[0].roles == "Directory editor, Council team; Community coordinator, Living Well hub"
    assert queries.keeper_choices(request_as(people["volunteer"])) == []


def test_choosing_a_keeper_records_it_tells_them_and_shows_it(client, people):
    org = organisation()
    service = Service.objects.create(organisation=org, name="Friday food bank")
    client.force_login(people["carol"])
    url = f"/directory/keep/service/{service.pk}/keeper/"
    page = client.get(url).content.decode()
    assert "<title>Who keeps Friday food bank?" in page
    assert "Dev Patel" in page and "Carol Reid" in page
    assert "Vic Helper" not in page and "Olu Other" not in page and "Lee Gone" not in page
    assert "Cal Team" not in page and not re.search(r"<input[^>]*\schecked", page)  # nothing chosen to begin with
    response = client.post(url, {"version": "1", "keeper": str(people["dev"].pk)})
    assert response.status_code == 302 and response.url == f"/directory/keep/services/{service.pk}/"
    service.refresh_from_db()
    assert service.editor == people["dev"] and service.version == 2
    alert = Alert.objects.get(recipient=people["dev"])
    assert alert.text.startswith("You now keep Friday food bank") and alert.url == response.url
    shown = client.get(response.url).content.decode()
    assert "Kept by Dev Patel" in shown
    assert "Changed: who keeps it (now Dev Patel)" in " ".join(shown.split('id="changes"')[1].split())
    change = ListingChange.objects.get(object_id=service.pk)
    assert change.by == people["carol"] and change.detail["fields"] == ["editor"]


def test_choosing_oneself_is_recorded_without_an_alert(client, people):
    org = organisation()
    client.force_login(people["carol"])
    url = f"/directory/keep/organisation/{org.pk}/keeper/"
    assert client.post(url, {"version": "1", "keeper": str(people["carol"].pk)}).status_code == 302
    assert Organisation.objects.get().editor == people["carol"] and not Alert.objects.exists()


def test_a_choice_begun_before_someone_elses_is_refused_and_shows_theirs(client, people):
    org = organisation()
    client.force_login(people["carol"])
    url = f"/directory/keep/organisation/{org.pk}/keeper/"
    actions.choose_keeper(request_as(people["dev"]), "organisation", org.pk, version=1, user_id=people["dev"].pk)
    page = client.post(url, {"version": "1", "keeper": str(people["carol"].pk)}).content.decode()
    assert "Someone else changed this organisation while you were choosing" in page
    assert "It is now kept by Dev Patel" in page and 'name="version" value="2"' in page
    assert Organisation.objects.get().editor == people["dev"]
    assert client.post(url, {"version": "2", "keeper": str(people["carol"].pk)}).status_code == 302
    assert Organisation.objects.get().editor == people["carol"]


@pytest.mark.parametrize("keeper", ["", "other organisation", "volunteer", "left", "abc", "99999999"])
def test_someone_who_cannot_keep_it_is_refused_with_a_message(client, people, keeper):
    org = organisation()
    client.force_login(people["carol"])
    value = str(people[keeper].pk) if keeper in people else keeper
    page = client.post(f"/directory/keep/organisation/{org.pk}/keeper/", {"version": "1", "keeper": value})
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem" in text and "Choose who keeps it" in text and 'href="#id_keeper"' in text
    assert Organisation.objects.get().editor is None


def test_bad_addresses_and_bad_versions_are_never_a_500(client, people):
    org = organisation()
    client.force_login(people["carol"])
    assert client.get(f"/directory/keep/thing/{org.pk}/keeper/").status_code == 404
    assert client.get("/directory/keep/service/00000000-0000-0000-0000-000000000000/keeper/").status_code == 404
    bad = client.post(f"/directory/keep/organisation/{org.pk}/keeper/", {"version": "x", "keeper": ""})
    assert bad.status_code == 200
