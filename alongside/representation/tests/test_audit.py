"""Every audit row representation writes names the organisation it belongs to: the team's organisation for a team's
rota, attendance, note and who cannot go; the administrator's own organisation for adding an event."""

import re

import pytest

from alongside.core.models import AuditEvent
from alongside.partners.tests.factories import TeamFactory

from .factories import event_for

pytestmark = pytest.mark.django_db


def version(client, url) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(url).content.decode()).group(1)


def test_a_teams_changes_are_audited_against_the_teams_organisation(client, member):
    team = TeamFactory(name="Riverside")
    leader = member("team_leader", team=team, first_name="Lee", last_name="Leader")
    member("clinician", team=team, first_name="Ann", last_name="Ash")
    coming, past = event_for(team, 10), event_for(team, -3)
    client.force_login(leader)
    client.post(f"/representation/teams/{team.pk}/events/{coming.pk}/cannot-go/", {"cannot": "yes"})
    url = f"/representation/teams/{team.pk}/events/{past.pk}/attendance/"
    client.post(url, {"version": version(client, url), "first": "went", "second": "went"})
    url = f"/representation/teams/{team.pk}/events/{past.pk}/note/"
    client.post(url, {"version": version(client, url), "note": "Carers spoke first."})
    url = f"/representation/teams/{team.pk}/events/{coming.pk}/choose/"
    choice = {"version": version(client, url), "first": "nobody", "second": "nobody", "confirm": "1"}
    assert client.post(url, choice).status_code == 302
    rows = dict(
        AuditEvent.objects.filter(action__startswith="representation_").values_list("action", "organisation_id")
    )
    assert rows == {
        "representation_cannot_go": team.organisation_id,
        "representation_attendance_recorded": team.organisation_id,
        "representation_note_written": team.organisation_id,
        "representation_rota_changed": team.organisation_id,
    }


def test_an_event_added_is_audited_against_the_administrators_organisation(client, member):
    team = TeamFactory()
    admin = member("admin")
    client.force_login(admin)
    page = client.get("/representation/events/add/").content.decode()
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    data = {"form_key": key, "name": "Board", "kind": "board", "date_day": "3", "date_month": "3"}
    data |= {"date_year": "2099", "place": "Hall", "teams": [str(team.pk)], "confirm": "1"}
    client.post("/representation/events/add/", data)
    added = AuditEvent.objects.get(action="representation_event_added")
    assert added.organisation_id == admin.memberships.get().team.organisation_id is not None
