"""An event belongs to the organisation that planned it: only that organisation's administrators change or cancel
it (another's get the site's 404), and its audit rows carry it. An administrator of two organisations says which
one plans a new event. An event gone from under the page is the site's 404, never an error page. Migration 0003
names the planner of the events added before it was kept."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.representation import queries
from alongside.representation.models import Event

from .factories import event_for

migration = import_module("alongside.representation.migrations.0003_event_organisation")
pytestmark = pytest.mark.django_db


def typed(client, url, **changes) -> dict:
    on = timezone.localdate() + timedelta(days=30)
    version = re.search(r'name="version" value="(\d+)"', client.get(url).content.decode()).group(1)
    data = {"version": version, "name": "Board", "kind": "board", "place": "Library"}
    return data | {"date_day": str(on.day), "date_month": str(on.month), "date_year": str(on.year)} | changes


@pytest.fixture
def planned():
    """An event Hillside's organisation planned, that Riverside (another organisation) is asked to."""
    riverside, hillside = TeamFactory(name="Riverside"), TeamFactory(name="Hillside")
    return riverside, hillside, event_for(riverside, 10, name="Board", organisation=hillside.organisation)


def test_another_organisations_administrator_cannot_change_or_cancel_an_event(client, member, planned):
    riverside, _, event = planned
    client.force_login(member("admin", team=riverside))  # their team is asked to it, but they did not plan it
    for path in ("change", "cancel"):
        assert client.get(f"/representation/events/{event.pk}/{path}/").status_code == 404
    change = {"version": "1", "name": "Moved", "kind": "board", "place": "Library", "date_day": "1"}
    assert client.post(f"/representation/events/{event.pk}/change/", change).status_code == 404
    cancel = {"version": "1", "reason": "Closed", "confirm": "1"}
    assert client.post(f"/representation/events/{event.pk}/cancel/", cancel).status_code == 404
    event.refresh_from_db()
    assert (event.name, event.cancelled, event.version) == ("Board", False, 1)
    assert f"/representation/events/{event.pk}/change/" not in client.get("/representation/").content.decode()


def test_the_planners_administrator_changes_it_and_the_audit_names_the_planner(client, member, planned):
    riverside, hillside, event = planned
    admin = member("admin", team=riverside)
    MembershipFactory(user=admin, team=hillside, role="admin")  # administers both; Riverside's is the lower id
    client.force_login(admin)
    url = f"/representation/events/{event.pk}/change/"
    assert url in client.get("/representation/").content.decode()
    assert client.post(url, typed(client, url)).status_code == 302
    assert Event.objects.get().place == "Library"
    audit = AuditEvent.objects.get(action="representation_event_changed")
    assert audit.organisation_id == hillside.organisation_id


def test_an_event_whose_planner_is_not_known_is_any_administrators(client, member):
    event = event_for(TeamFactory(), 10, name="Board", organisation=None)
    client.force_login(member("admin"))
    assert client.get(f"/representation/events/{event.pk}/change/").status_code == 200
    assert client.get(f"/representation/events/{event.pk}/cancel/").status_code == 200


@pytest.mark.parametrize("path", ["change", "cancel"])
def test_an_event_deleted_while_the_page_is_sent_is_the_sites_404(client, member, planned, monkeypatch, path):
    _, hillside, event = planned
    client.force_login(member("admin", team=hillside))
    url = f"/representation/events/{event.pk}/{path}/"
    answers = typed(client, url) if path == "change" else {"version": "1", "reason": "Closed", "confirm": "1"}
    found = queries.coming_event

    def then_deleted(*args):
        seen = found(*args)
        Event.objects.filter(pk=event.pk).delete()  # someone else, a moment after the page read it
        return seen

    monkeypatch.setattr(queries, "coming_event", then_deleted)
    assert client.post(url, answers).status_code == 404


def test_an_administrator_of_two_organisations_says_which_plans_a_new_event(client, member):
    riverside, hillside = TeamFactory(name="Riverside"), TeamFactory(name="Hillside")
    admin = member("admin", team=riverside)
    MembershipFactory(user=admin, team=hillside, role="admin")
    client.force_login(admin)
    url = "/representation/events/add/"
    page = client.get(url).content.decode()
    assert "Which of your organisations is planning it?" in texts(client.get(url))
    assert 'name="organisation"' in page and "checked" not in page  # nothing chosen for them
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    answers = {"form_key": key, "name": "Board", "kind": "board", "place": "Hall", "teams": [str(riverside.pk)]}
    answers |= {"date_day": "3", "date_month": "3", "date_year": "2099"}
    missing = client.post(url, answers)
    assert "Select the organisation planning the event" in texts(missing) and 'value="Hall"' in missing.content.decode()
    chosen = answers | {"organisation": str(hillside.organisation_id)}
    assert f"Planned by {hillside.organisation.name}" in texts(client.post(url, chosen))
    assert client.post(url, chosen | {"confirm": "1"}).status_code == 302
    assert Event.objects.get().organisation_id == hillside.organisation_id
    added = AuditEvent.objects.get(action="representation_event_added")
    assert added.organisation_id == hillside.organisation_id


def test_an_administrator_of_one_organisation_is_not_asked(client, member):
    team = TeamFactory()
    client.force_login(member("admin", team=team))
    assert "Which of your organisations" not in texts(client.get("/representation/events/add/"))


def test_migration_0003_names_each_events_planner_where_it_can_be_told(member):
    riverside, hillside = TeamFactory(), TeamFactory()
    one = member("admin", team=riverside)
    two = member("admin", team=riverside)
    MembershipFactory(user=two, team=hillside, role="admin")
    by_one = event_for(riverside, 5, created_by=one)
    from_the_audit = event_for(riverside, 5, created_by=two)
    unknown = event_for(riverside, 5, created_by=two)
    AuditEvent.objects.create(
        action="representation_event_added",
        object_type="event",
        object_id=str(from_the_audit.pk),
        organisation_id=hillside.organisation_id,
    )

    migration.name_each_events_organisation(apps, None)
    migration.name_each_events_organisation(apps, None)

    assert dict(Event.objects.values_list("pk", "organisation_id")) == {
        by_one.pk: riverside.organisation_id,
        from_the_audit.pk: hillside.organisation_id,
        unknown.pk: None,
    }
