"""An administrator cancels a coming event with a reason, after a check page. It keeps its record and shows as
cancelled; nobody goes, it takes no choice, attendance, note or "I cannot go", and it uses up nobody's turn. A stale
page never cancels over someone else's change."""

import re

import pytest

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.representation.models import Event

from .factories import event_for

pytestmark = pytest.mark.django_db

REASON = "The hall is closed for repairs."


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def people(member, team):
    names = [("team_leader", "Lee", "Leader"), ("clinician", "Ann", "Ash"), ("clinician", "Bo", "Birch")]
    return [member(role, team=team, first_name=first, last_name=last) for role, first, last in names]


def version(client, url) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(url).content.decode()).group(1)


def test_an_administrator_checks_and_cancels_an_event_and_it_keeps_its_record(client, member, team, people):
    event = event_for(team, 10, name="Partnership board: spring")
    admin = member("admin")
    client.force_login(admin)
    listing = texts(client.get("/representation/"))
    assert "Change this event" in listing and "cancel it" in listing
    url = f"/representation/events/{event.pk}/cancel/"
    empty = texts(client.post(url, {"version": version(client, url), "reason": "  "}))
    assert "Enter why the event is cancelled" in empty and "There is a problem" in empty
    data = {"version": version(client, url), "reason": REASON}
    check = texts(client.post(url, data))
    assert "Check you want to cancel this event" in check and REASON in check
    assert not Event.objects.get().cancelled  # nothing saved until confirmed
    back = client.post(url, data | {"change": "1"}).content.decode()
    assert REASON in back and "Continue" in back  # changing the reason keeps it
    assert client.post(url, data | {"confirm": "1"}).status_code == 302
    event.refresh_from_db()
    assert event.cancelled and event.cancel_reason == REASON and event.cancelled_by == admin
    audit = AuditEvent.objects.get(action="representation_event_cancelled")
    assert audit.organisation_id == admin.memberships.get().team.organisation_id
    assert client.post(url, data | {"confirm": "1"}).status_code == 404  # a retry: it is cancelled already
    assert AuditEvent.objects.filter(action="representation_event_cancelled").count() == 1
    listing = texts(client.get("/representation/"))
    assert "Partnership board: spring" in listing and "Cancelled: " + REASON in listing
    client.force_login(people[1])
    rota = texts(client.get(f"/representation/teams/{team.pk}/"))
    assert "Cancelled" in rota and REASON in rota and "Nobody goes" in rota


def test_a_stale_cancel_page_does_not_cancel_over_a_change(client, member, team):
    event = event_for(team, 10)
    client.force_login(member("admin"))
    url = f"/representation/events/{event.pk}/cancel/"
    data = {"version": version(client, url), "reason": REASON, "confirm": "1"}
    Event.objects.filter(pk=event.pk).update(version=5)
    answer = client.post(url, data)
    assert answer.status_code == 200 and "Someone else changed this" in texts(answer)
    assert REASON in answer.content.decode() and not Event.objects.get().cancelled


def test_only_administrators_cancel_and_only_coming_events(client, member, team, people):
    coming, past = event_for(team, 10), event_for(team, -2)
    client.force_login(people[0])
    assert client.get(f"/representation/events/{coming.pk}/cancel/").status_code == 403
    assert "cancel it" not in texts(client.get("/representation/"))
    client.force_login(member("admin"))
    assert client.get(f"/representation/events/{past.pk}/cancel/").status_code == 404
    assert client.get("/representation/events/999999/cancel/").status_code == 404


def test_a_cancelled_event_takes_no_choice_attendance_note_or_cannot_go_and_uses_up_no_turn(client, team, people):
    first, cancelled, then = event_for(team, -20), event_for(team, -10), event_for(team, 10)
    Event.objects.filter(pk=cancelled.pk).update(cancelled_at="2026-01-01T10:00Z", cancel_reason=REASON)
    client.force_login(people[0])
    base = f"/representation/teams/{team.pk}/events/{cancelled.pk}"
    for page in ("attendance", "note", "choose"):
        assert client.get(f"{base}/{page}/").status_code == 404
    assert client.post(f"{base}/cannot-go/", {"cannot": "yes"}).status_code == 404
    page = texts(client.get(f"/representation/teams/{team.pk}/"))
    # the first event sent Lee and Ann, both new; the cancelled one used up nobody's turn: Lee carries on from the
    # first event (not "nobody new from last time"), and it is Bo's turn
    coming = page.split("Coming up")[1].split("Past events")[0]
    assert "Lee Leader was new last time, so they carry on" in coming and "It is Bo Birch's turn" in coming
    assert first.pk and then.pk
