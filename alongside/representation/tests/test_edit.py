"""An administrator changes a coming event's name, kind, date or place. A change made meanwhile is never
overwritten: the page says so and keeps what was typed. A past or cancelled event cannot be changed."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.representation.models import Event

from .factories import event_for

pytestmark = pytest.mark.django_db


def version(client, url) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(url).content.decode()).group(1)


def typed(client, url, on, **changes) -> dict:
    data = {"version": version(client, url), "name": "Board", "kind": "board", "place": "Town hall"}
    return data | {"date_day": str(on.day), "date_month": str(on.month), "date_year": str(on.year)} | changes


def test_an_administrator_changes_an_event_and_a_stale_page_keeps_what_was_typed(client, member):
    team = TeamFactory()
    event = event_for(team, 10, name="Board")
    admin = member("admin")
    client.force_login(admin)
    url = f"/representation/events/{event.pk}/change/"
    assert 'value="Board"' in client.get(url).content.decode()
    later = timezone.localdate() + timedelta(days=30)
    bad = texts(client.post(url, typed(client, url, later, place="")))
    assert "Enter where the event is" in bad and "There is a problem" in bad
    stale = typed(client, url, later, place="Library")
    assert client.post(url, typed(client, url, later, place="Community centre")).status_code == 302
    event.refresh_from_db()
    assert (event.place, event.date, event.version) == ("Community centre", later, 2)
    audit = AuditEvent.objects.get(action="representation_event_changed")
    assert audit.detail == {"changed": ["date", "place"]}
    assert audit.organisation_id == admin.memberships.get().team.organisation_id
    again = client.post(url, stale)
    assert "Someone else changed this" in texts(again) and 'value="Library"' in again.content.decode()
    assert Event.objects.get().place == "Community centre"


def test_a_past_or_cancelled_event_cannot_be_changed_and_only_administrators_change_one(client, member):
    team = TeamFactory()
    past, gone = event_for(team, -2), event_for(team, 10)
    Event.objects.filter(pk=gone.pk).update(cancelled_at=timezone.now(), cancel_reason="Closed")
    client.force_login(member("admin"))
    assert client.get(f"/representation/events/{past.pk}/change/").status_code == 404
    assert client.get(f"/representation/events/{gone.pk}/change/").status_code == 404
    client.force_login(member("team_leader", team=team))
    assert client.get(f"/representation/events/{gone.pk}/change/").status_code == 403
